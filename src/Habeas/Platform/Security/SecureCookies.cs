using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.CookiePolicy;

namespace Habeas.Platform.Security;

/// <summary>
/// Every cookie the app sets is HttpOnly and at least SameSite=Lax; over HTTPS it is also Secure and named
/// <c>__Host-…</c> (Path=/, no Domain), so a sibling host or a plain-http page cannot plant or overwrite it.
/// On plain http (the default http://127.0.0.1) the names stay unprefixed, as browsers refuse __Host- cookies
/// that are not Secure. Code inside the app always uses the unprefixed name: incoming __Host- cookies are
/// renamed before anything reads them, and over HTTPS unprefixed cookies are ignored.
/// </summary>
public static class SecureCookies
{
    public const string HostPrefix = "__Host-";
    public const string AntiforgeryCookie = "Habeas.Antiforgery";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    private const string RenamedKey = "Habeas.CookiesRenamed";

    public static IServiceCollection AddSecureCookies(this IServiceCollection services)
    {
        services.AddAntiforgery(ConfigureAntiforgery);
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
            options.Secure = CookieSecurePolicy.SameAsRequest;
            options.OnAppendCookie = c => c.CookieName = ForResponse(c.Context, c.CookieName, c.CookieOptions);
            options.OnDeleteCookie = c => c.CookieName = ForResponse(c.Context, c.CookieName, c.CookieOptions);
        });
        return services;
    }

    public static void ConfigureAntiforgery(AntiforgeryOptions options)
    {
        options.Cookie.Name = AntiforgeryCookie;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.Path = "/";
        options.HeaderName = AntiforgeryHeader;
        // SecurityHeaders sends X-Frame-Options: DENY on every response.
        options.SuppressXFrameOptionsHeader = true;
    }

    /// <summary>Before anything reads or writes cookies (request localization, antiforgery, pages).</summary>
    public static IApplicationBuilder UseSecureCookies(this IApplicationBuilder app)
    {
        app.Use(
            (context, next) =>
            {
                RenameIncoming(context);
                return next(context);
            }
        );
        return app.UseCookiePolicy();
    }

    private static string ForResponse(HttpContext context, string name, CookieOptions options)
    {
        if (!context.Request.IsHttps)
        {
            return name;
        }
        options.Secure = true;
        options.Path = "/";
        options.Domain = null;
        return name.StartsWith(HostPrefix, StringComparison.Ordinal) ? name : HostPrefix + name;
    }

    private static void RenameIncoming(HttpContext context)
    {
        var request = context.Request;
        // Once per request: the exception handler runs the pipeline again for the error page.
        if (!request.IsHttps || request.Headers.Cookie.Count == 0 || context.Items.ContainsKey(RenamedKey))
        {
            return;
        }
        context.Items[RenamedKey] = true;
        var kept = request
            .Cookies.Where(c => c.Key.StartsWith(HostPrefix, StringComparison.Ordinal) && c.Key.Length > HostPrefix.Length)
            .Select(c => $"{c.Key[HostPrefix.Length..]}={Uri.EscapeDataString(c.Value)}");
        request.Headers.Cookie = string.Join("; ", kept);
    }
}
