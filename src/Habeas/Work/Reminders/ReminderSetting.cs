using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Work.Reminders;

/// <summary>A user's reminders: the digest (none, daily, weekly), in which language, and how many days before a hearing
/// of a watched case they are reminded of it (0: never). A user without a row gets no e-mail.</summary>
public sealed class ReminderSetting
{
    public static readonly IReadOnlyList<string> Digests = ["none", "daily", "weekly"];

    public required string UserId { get; set; }
    public string Language { get; set; } = "en";
    public string Digest { get; set; } = "none";
    public int HearingDays { get; set; }

    /// <summary>The day the last digest went out, so a digest goes once a day (or week) however many servers run.</summary>
    public DateOnly? LastDigestOn { get; set; }
}

public sealed class ReminderSettingMapping : EntityMapping<ReminderSetting>
{
    public override VisibilityRule Visibility => VisibilityRule.AccountsAndSignIn;

    public override void Configure(EntityTypeBuilder<ReminderSetting> builder)
    {
        builder.ToTable("reminder_settings");
        builder.HasKey(r => r.UserId);
        builder.HasOne<HabeasUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class RemindersStorage
{
    extension(HabeasDb db)
    {
        public DbSet<ReminderSetting> ReminderSettings => db.Set<ReminderSetting>();
    }
}
