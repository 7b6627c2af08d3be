using Microsoft.AspNetCore.Localization;

namespace Habeas.Platform.Localization;

/// <summary>The reader's choices kept in cookies: the interface language, and how numbers and years are written.</summary>
public static class LanguageCookie
{
    public const string Name = "habeas-lang";

    public static void Set(HttpResponse response, string language) =>
        response.Cookies.Append(Name, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), Options(response));

    public static void SetFormat(HttpResponse response, ReaderFormat format) =>
        response.Cookies.Append(ReaderFormat.CookieName, format.Write(), Options(response));

    private static CookieOptions Options(HttpResponse response) =>
        new()
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        };

    /// <summary>Makes the request's cookie choice of formats the current one (<see cref="ReaderFormat.Current"/>).</summary>
    public static IApplicationBuilder UseReaderFormat(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                ReaderFormat.Current = ReaderFormat.Read(context.Request.Cookies[ReaderFormat.CookieName]);
                return next(context);
            }
        );
}
