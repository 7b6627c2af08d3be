namespace Habeas.Platform.Security;

/// <summary>
/// Headers on every response (pages, API, errors, 404s): a strict Content-Security-Policy (no inline script or
/// style, no framing), nosniff, no referrer, a minimal Permissions-Policy, and <c>Cache-Control: no-store</c> on
/// everything except the versioned static files under /css and /fonts. HSTS is sent on HTTPS requests.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The public site (/public, Public/): no script at all, not even the site's own.</summary>
    public const string PublicContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Stored files (Files/FileResponses.cs) set this item: their policy sandboxes them and lets nothing load or run.</summary>
    public const string SandboxKey = "Habeas.Sandbox";

    public const string FileContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>One year. Without includeSubDomains: an installation may live on a subdomain of an organisation's site.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>Added first, so its callback runs last and no later middleware (exception handler, antiforgery) overrides it.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                context.Response.OnStarting(Apply, context);
                return next(context);
            }
        );

    public static bool MayBeCached(PathString path) =>
        path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/fonts", StringComparison.OrdinalIgnoreCase);

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            context.Items.ContainsKey(SandboxKey) ? FileContentSecurityPolicy
            : context.Request.Path.StartsWithSegments("/public", StringComparison.OrdinalIgnoreCase) ? PublicContentSecurityPolicy
            : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!MayBeCached(context.Request.Path))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            headers.Remove("Expires");
        }
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        return Task.CompletedTask;
    }
}
