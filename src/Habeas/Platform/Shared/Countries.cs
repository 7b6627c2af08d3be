using System.Globalization;

namespace Habeas.Platform.Shared;

/// <summary>Countries (ISO 3166 two-letter codes) named in English, sorted by name: where a supporter writes from, the
/// regions a supporter follows.</summary>
public static class Countries
{
    public static readonly IReadOnlyList<(string Code, string Name)> All = CultureInfo
        .GetCultures(CultureTypes.SpecificCultures)
        .Select(c =>
        {
            try
            {
                return new RegionInfo(c.Name);
            }
            catch (ArgumentException)
            {
                return null;
            }
        })
        .Where(r => r is not null && r.TwoLetterISORegionName.Length == 2 && r.TwoLetterISORegionName.All(char.IsAsciiLetterUpper))
        .Select(r => (r!.TwoLetterISORegionName, r.EnglishName))
        .DistinctBy(r => r.TwoLetterISORegionName)
        .OrderBy(r => r.EnglishName, StringComparer.Ordinal)
        .ToList();

    private static readonly System.Collections.Frozen.FrozenDictionary<string, string> Names =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(
            All.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal),
            StringComparer.Ordinal
        );

    /// <summary>The code, upper-cased, when it is one of <see cref="All"/>; null for blank or unknown.</summary>
    public static string? Known(string? code)
    {
        var upper = code?.Trim().ToUpperInvariant();
        return upper is not null && Names.ContainsKey(upper) ? upper : null;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Code, string Language), string> Localized = new();

    /// <summary>The name of a country in a language (the reader's: <see cref="Localization.Texts.CurrentLanguage"/>), from
    /// ICU's locale data ("KH": "Cambodia", "កម្ពុជា", "กัมพูชา"); the English name, then the code, when ICU has none.</summary>
    public static string Name(string? code, string? language = null)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "";
        }
        var upper = code.Trim().ToUpperInvariant();
        language ??= Localization.Texts.CurrentLanguage;
        return Localized.GetOrAdd((upper, language), key =>
        {
            string? name;
            try
            {
                name = Core.Names.IcuText.CountryName(key.Code, key.Language);
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
            {
                name = null;
            }
            return !string.IsNullOrEmpty(name) && name != key.Code ? name : Names.GetValueOrDefault(key.Code) ?? key.Code;
        });
    }

    /// <summary>Whether this is exactly a known code (upper case).</summary>
    public static bool IsCountry(string? code) => code is not null && Names.ContainsKey(code);

    /// <summary>The ISO code of a country known by its English name ("Thailand" → TH), for the places of cases.</summary>
    public static string? CodeOf(string? englishName) =>
        englishName is null ? null : All.FirstOrDefault(c => string.Equals(c.Name, englishName, StringComparison.OrdinalIgnoreCase)).Code;
}
