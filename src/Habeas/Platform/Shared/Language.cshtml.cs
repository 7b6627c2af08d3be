using Habeas.Platform.Accounts;
using Habeas.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Shared;

/// <summary>Switches the interface language (a cookie, and the account's language when signed in) and goes back to
/// the page the switch was pressed on.</summary>
public sealed class LanguageModel(UserManager<HabeasUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? lang, string? returnUrl)
    {
        if (lang is not null && Texts.Languages.Contains(lang))
        {
            LanguageCookie.Set(Response, lang);
            if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.Language != lang)
            {
                user.Language = lang;
                await users.UpdateAsync(user);
            }
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
