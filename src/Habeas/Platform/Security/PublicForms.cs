using System.Globalization;
using System.Security.Cryptography;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Security;

/// <summary>
/// Spam resistance for the forms anonymous visitors post (the public action page, cards, sign-up) without any
/// third-party service: a honeypot field people never see, and a signed "form issued at" time — a form posted
/// sooner than a person could fill it, older than a day, or without the signature is refused. Each issued form carries
/// a random nonce that is spent when the form is posted (<see cref="UsedFormStamp"/>, shared by every server), so one
/// page load serves one post, not a day of them. The posting client's rate is limited by
/// <see cref="RateLimits.PublicPolicy"/>. In a form: <c>@await Html.PartialAsync("/Platform/Security/_PublicFormFields.cshtml")</c>;
/// on post: <c>await PublicForms.CheckAsync(HttpContext, db, ct)</c>.
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

    // v2: the stamp is "issued-at milliseconds:nonce"; a v1 stamp (no nonce) no longer unprotects.
    private const string Purpose = "Habeas.PublicForms.v2";
    private static long _nextCleanupTicks;

    /// <summary>The signed issued-at value, with a fresh nonce, to put in a form now.</summary>
    public static string Issue(HttpContext context)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return Protector(context).Protect(now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + nonce);
    }

    /// <summary>
    /// Null when the posted form looks like a person's, and its stamp is then spent; otherwise the localization key of
    /// the refusal. Call it before the page adds anything to <paramref name="db"/>: spending the stamp saves.
    /// </summary>
    public static async Task<string?> CheckAsync(HttpContext context, HabeasDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (problem, nonce) = Read(context);
        if (problem is not null)
        {
            return problem;
        }
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await CleanUpAsync(db, now, cancellationToken);
        // Spent at once, on its own: a second post of the same page finds it taken, whichever server it reaches.
        var used = new UsedFormStamp { Nonce = nonce!, UsedAt = now };
        db.UsedFormStamps.Add(used);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Refused;
        }
        finally
        {
            db.Entry(used).State = EntityState.Detached;
        }
        return null;
    }

    /// <summary>What <see cref="CheckAsync"/> decides without the database: the honeypot, the signature and the form's age.</summary>
    public static string? Check(HttpContext context) => Read(context).Problem;

    private static (string? Problem, string? Nonce) Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var form = context.Request.HasFormContentType ? context.Request.Form : null;
        if (form is null || !string.IsNullOrEmpty(form[HoneypotField]))
        {
            return (Refused, null);
        }
        long issuedAt;
        string nonce;
        try
        {
            var stamp = Protector(context).Unprotect(form[IssuedField].ToString());
            var colon = stamp.IndexOf(':', StringComparison.Ordinal);
            issuedAt = long.Parse(stamp.AsSpan(0, Math.Max(colon, 0)), CultureInfo.InvariantCulture);
            nonce = stamp[(colon + 1)..];
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException)
        {
            return (Refused, null);
        }
        if (nonce.Length != 32)
        {
            return (Refused, null);
        }
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(issuedAt);
        var minimum = context.RequestServices.GetRequiredService<IConfiguration>().GetValue(MinimumSecondsKey, DefaultMinimumSeconds);
        if (age < TimeSpan.FromSeconds(minimum))
        {
            return (TooFast, null);
        }
        return age > MaximumAge ? (Expired, null) : (null, nonce);
    }

    /// <summary>At most once an hour per server, spent stamps older than any form that could still be posted are deleted.</summary>
    private static async Task CleanUpAsync(HabeasDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = Interlocked.Read(ref _nextCleanupTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextCleanupTicks, now.AddHours(1).UtcTicks, next) != next)
        {
            return;
        }
        var before = now - MaximumAge - TimeSpan.FromHours(1);
        await db.UsedFormStamps.Where(s => s.UsedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}

/// <summary>The nonce of a public form that was posted: it cannot be posted again (<see cref="PublicForms"/>).</summary>
public sealed class UsedFormStamp
{
    public required string Nonce { get; set; }
    public DateTimeOffset UsedAt { get; set; }
}
