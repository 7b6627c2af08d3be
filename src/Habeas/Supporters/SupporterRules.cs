using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Habeas.Supporters;

/// <summary>The fixed rules of supporters: consent wording version, token lifetimes, languages, countries.</summary>
public static class SupporterRules
{
    /// <summary>The version of the consent wording (localization key supporters.consent.text); change both together.</summary>
    public const string ConsentVersion = "2026-12";

    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    /// <summary>Languages supporters may receive email in; the interface texts fall back to English.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages =
        [("en", "English"), ("km", "ខ្មែរ"), ("th", "ไทย"), ("fi", "Suomi"), ("fr", "Français"), ("es", "Español"), ("de", "Deutsch")];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CountryNames = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
            .Where(r => r is not null && r.TwoLetterISORegionName.Length == 2 && r.TwoLetterISORegionName.All(char.IsAsciiLetterUpper))
            .DistinctBy(r => r!.TwoLetterISORegionName)
            .ToDictionary(r => r!.TwoLetterISORegionName, r => r!.EnglishName, StringComparer.Ordinal));

    /// <summary>ISO 3166 alpha-2 codes with their English names, by name.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Countries => CountryNames.Value.OrderBy(c => c.Value, StringComparer.Ordinal);

    public static bool IsCountry(string? code) => code is not null && CountryNames.Value.ContainsKey(code);

    /// <summary>The ISO code of a country known by its English name ("Thailand" → TH), for the places of cases.</summary>
    public static string? CountryCode(string? englishName) =>
        englishName is null ? null : CountryNames.Value.FirstOrDefault(c => string.Equals(c.Value, englishName, StringComparison.OrdinalIgnoreCase)).Key;

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
