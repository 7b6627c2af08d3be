using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Watches;

/// <summary>A user watching a person, a case or an action: it comes first on their work list, and its hearings are
/// reminded to them (docs/work-list.md).</summary>
public sealed class Watch
{
    public static readonly IReadOnlyList<string> RecordTypes = ["person", "case", "action"];

    public required string UserId { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class WatchMapping : EntityMapping<Watch>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("watches: their user only, and the reminders");

    public override void Configure(EntityTypeBuilder<Watch> builder)
    {
        builder.ToTable("watches");
        builder.HasKey(w => new
        {
            w.UserId,
            w.RecordType,
            w.RecordId,
        });
        builder.HasOne<HabeasUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.RecordType, w.RecordId });
    }
}

public static class WatchesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Watch> Watches => db.Set<Watch>();
    }
}
