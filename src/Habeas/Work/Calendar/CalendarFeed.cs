using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Work.Calendar;

/// <summary>
/// A user's secret iCalendar link (/calendar/feed/{secret}.ics): only the secret's SHA-256 is kept, so the database
/// alone cannot open it; revoked by its user at any time. Discreet: the feed says only "hearing — case number — court".
/// </summary>
public sealed class CalendarFeed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }
    public required string Hash { get; set; }
    public bool Discreet { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class CalendarFeedMapping : EntityMapping<CalendarFeed>
{
    public override VisibilityRule Visibility => VisibilityRule.AccountsAndSignIn;

    public override void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feeds");
        builder.HasIndex(f => f.Hash).IsUnique();
        builder.HasIndex(f => f.UserId);
        builder.HasOne<HabeasUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class CalendarStorage
{
    extension(HabeasDb db)
    {
        public DbSet<CalendarFeed> CalendarFeeds => db.Set<CalendarFeed>();
    }
}
