using Microsoft.AspNetCore.Localization;

namespace Habeas.Platform.Localization;

public static class LanguageCookie
{
    public const string Name = "habeas-lang";

    public static void Set(HttpResponse response, string language) =>
        response.Cookies.Append(
            Name,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            }
        );
}
