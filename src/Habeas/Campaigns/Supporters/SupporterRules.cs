using System.Security.Cryptography;
using System.Text;

namespace Habeas.Campaigns.Supporters;

/// <summary>The fixed rules of supporters: consent wording version, token lifetimes, languages, countries.</summary>
public static class SupporterRules
{
    /// <summary>The version of the consent wording (localization key supporters.consent.text); change both together.</summary>
    public const string ConsentVersion = "2026-12";

    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    /// <summary>Languages supporters may receive email in; the interface texts fall back to English.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages =
    [
        ("en", "English"),
        ("km", "ខ្មែរ"),
        ("th", "ไทย"),
        ("fi", "Suomi"),
        ("fr", "Français"),
        ("es", "Español"),
        ("de", "Deutsch"),
    ];

    public static bool IsLanguage(string? code) => code is not null && Languages.Any(l => l.Code == code);

    /// <summary>A new random 256-bit token (base64url) and the hash to store.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
