using Microsoft.AspNetCore.DataProtection;

namespace Habeas.Campaigns.Letters;

/// <summary>
/// The one-time token of a letter page's "I have sent it" form: which action, target and language it is for and a
/// nonce, signed and encrypted by the server (valid two days). The nonce becomes the <see cref="SentReceipt"/> id,
/// so posting the same form again counts nothing more, and a token cannot be made up or moved to another target.
/// </summary>
public sealed class SentTokens(IDataProtectionProvider provider)
{
    public sealed record Sent(Guid ActionId, Guid TargetId, string Language, Guid Nonce);

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    private readonly ITimeLimitedDataProtector _protector = provider
        .CreateProtector("Habeas.Campaigns.Letters.Sent")
        .ToTimeLimitedDataProtector();

    public string Issue(Guid actionId, Guid targetId, string language) =>
        _protector.Protect(
            string.Join('|', actionId.ToString("N"), targetId.ToString("N"), language, Guid.NewGuid().ToString("N")),
            Lifetime
        );

    /// <summary>What the token says, or null when it is not one this server issued (or it expired).</summary>
    public Sent? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }
        try
        {
            var parts = _protector.Unprotect(token).Split('|');
            return parts.Length == 4
                ? new Sent(Guid.ParseExact(parts[0], "N"), Guid.ParseExact(parts[1], "N"), parts[2], Guid.ParseExact(parts[3], "N"))
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
