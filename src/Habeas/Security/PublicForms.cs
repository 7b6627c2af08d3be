using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Habeas.Security;

/// <summary>
/// Spam resistance for the forms anonymous visitors post (the public action page, cards, sign-up) without any
/// third-party service: a honeypot field people never see, and a signed "form issued at" time — a form posted
/// sooner than a person could fill it, older than a day, or without the signature is refused. The posting
/// client's rate is limited by <see cref="RateLimits.PublicPolicy"/>. In a form:
/// <c>@await Html.PartialAsync("/Security/_PublicFormFields.cshtml")</c>; on post: <c>PublicForms.Check(HttpContext)</c>.
/// </summary>
public static class PublicForms
{
    public const string HoneypotField = "website";
    public const string IssuedField = "form-issued";
    /// <summary>Seconds a person needs at least between receiving a form and posting it (0 in tests).</summary>
    public const string MinimumSecondsKey = "Habeas:PublicForms:MinimumSeconds";
    public const int DefaultMinimumSeconds = 2;
    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(1);

    /// <summary>Localization keys of the refusals.</summary>
    public const string TooFast = "publicForm.tooFast";
    public const string Expired = "publicForm.expired";
    public const string Refused = "publicForm.refused";

    private const string Purpose = "Habeas.PublicForms.v1";

    /// <summary>The signed issued-at value to put in a form now.</summary>
    public static string Issue(HttpContext context)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return Protector(context).Protect(now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Null when the posted form looks like a person's; otherwise the localization key of the refusal.</summary>
    public static string? Check(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? context.Request.Form : null;
        if (form is null || !string.IsNullOrEmpty(form[HoneypotField]))
        {
            return Refused;
        }
        long issuedAt;
        try
        {
            issuedAt = long.Parse(Protector(context).Unprotect(form[IssuedField].ToString()), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return Refused;
        }
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(issuedAt);
        var minimum = context.RequestServices.GetRequiredService<IConfiguration>().GetValue(MinimumSecondsKey, DefaultMinimumSeconds);
        if (age < TimeSpan.FromSeconds(minimum))
        {
            return TooFast;
        }
        return age > MaximumAge ? Expired : null;
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
