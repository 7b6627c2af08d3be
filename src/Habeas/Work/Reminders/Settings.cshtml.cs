using System.Globalization;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Reminders;

/// <summary>A signed-in user's own reminders (docs/reminders.md): the digest (none, daily, weekly), its language, and how
/// many days before a hearing of a case or person they watch they are reminded of it (0 to 30; 0: never).</summary>
public sealed class SettingsModel(HabeasDb db, UserManager<Platform.Accounts.HabeasUser> users, Texts texts) : PageModel
{
    public const int MaxHearingDays = 30;

    [BindProperty]
    public string? Digest { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    /// <summary>A string, so a word typed here is answered in the reader's language rather than by the model binder.</summary>
    [BindProperty]
    public string? HearingDays { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        if (userId is null)
        {
            return Challenge();
        }
        var setting = await db.ReminderSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        Digest = setting?.Digest ?? "none";
        // Until chosen here, digests speak the account's own language (/account/language), else the page's.
        Language = setting?.Language ?? (await users.GetUserAsync(User))?.Language ?? Texts.CurrentLanguage;
        HearingDays = (setting?.HearingDays ?? 0).ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        if (userId is null)
        {
            return Challenge();
        }
        ModelState.Clear();
        if (Digest is null || !ReminderSetting.Digests.Contains(Digest))
        {
            ModelState.AddModelError(nameof(Digest), texts["reminders.error.digest"]);
        }
        if (Language is null || !Texts.Languages.Contains(Language))
        {
            ModelState.AddModelError(nameof(Language), texts["reminders.error.language"]);
        }
        if (
            !int.TryParse(HearingDays?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            || days is < 0 or > MaxHearingDays
        )
        {
            ModelState.AddModelError(nameof(HearingDays), texts.Format("reminders.error.hearingDays", MaxHearingDays));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var setting = await db.ReminderSettings.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (setting is null)
        {
            setting = new ReminderSetting { UserId = userId };
            db.ReminderSettings.Add(setting);
        }
        setting.Digest = Digest!;
        setting.Language = Language!;
        setting.HearingDays = days;
        await db.SaveChangesAsync(cancellationToken);
        Saved = true;
        return Page();
    }
}
