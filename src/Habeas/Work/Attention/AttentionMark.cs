using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Work.Attention;

/// <summary>
/// What someone did with an item of the work list: done, snoozed until a day, or assigned to a user. Keyed by the
/// item's key (<see cref="AttentionItem.Key"/>), which names its kind, its record and its due day, so a mark follows the
/// item and a new deadline (a new due day) is a new item. Shared by the whole organisation: one person's "done" is done
/// for everyone.
/// </summary>
public sealed class AttentionMark
{
    public required string Key { get; set; }
    public bool Done { get; set; }
    public DateOnly? SnoozedUntil { get; set; }
    public string? AssignedTo { get; set; }
    public required string MarkedBy { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
}

public sealed class AttentionMarkMapping : EntityMapping<AttentionMark>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Private("work-list marks: read only with the items they mark, which are read through their records' rules");

    public override void Configure(EntityTypeBuilder<AttentionMark> builder)
    {
        builder.ToTable("attention_marks");
        builder.HasKey(m => m.Key);
    }
}

public static class AttentionStorage
{
    extension(HabeasDb db)
    {
        public DbSet<AttentionMark> AttentionMarks => db.Set<AttentionMark>();
    }
}
