using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Accounts;

/// <summary>
/// A signed-in reader's language and formats (docs/translating.md): the interface language of the account, used for its
/// pages after every sign-in, its emails and its digests; native digits (០-៩, ๐-๙) or 0-9; years of the common or
/// the Buddhist era (by default: Buddhist in Thai only).
/// </summary>
public sealed class LanguageSettingsModel(HabeasDb db, UserManager<HabeasUser> users, Texts texts) : PageModel
{
    public static readonly IReadOnlyList<string> Eras = ["default", "common", "buddhist"];

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public bool NativeDigits { get; set; }

    [BindProperty]
    public string? Era { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? saved)
    {
        Saved = saved == "1";
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var format = ReaderFormat.Read(user.ReaderFormat ?? Request.Cookies[ReaderFormat.CookieName]);
        Language = user.Language ?? Texts.CurrentLanguage;
        NativeDigits = format.NativeDigits;
        Era = format.BuddhistEra switch
        {
            true => "buddhist",
            false => "common",
            _ => "default",
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        ModelState.Clear();
        if (Language is null || !Texts.Languages.Contains(Language))
        {
            ModelState.AddModelError(nameof(Language), texts["reminders.error.language"]);
        }
        if (Era is null || !Eras.Contains(Era))
        {
            ModelState.AddModelError(nameof(Era), texts["account.language.error.era"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var format = new ReaderFormat(
            NativeDigits,
            Era switch
            {
                "buddhist" => true,
                "common" => false,
                _ => null,
            }
        );
        user.Language = Language;
        user.ReaderFormat = format.Write();
        await db.SaveChangesAsync(cancellationToken);
        LanguageCookie.Set(Response, Language!);
        LanguageCookie.SetFormat(Response, format);
        return LocalRedirect("/account/language?saved=1");
    }
}
