using Habeas.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Shared;

/// <summary>Switches the interface language (a cookie) and goes back to the page the switch was pressed on.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? lang, string? returnUrl)
    {
        if (lang is not null && Texts.Languages.Contains(lang))
        {
            LanguageCookie.Set(Response, lang);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
