using System.Globalization;

namespace Habeas.Act;

/// <summary>Countries a supporter may say they write from (ISO 3166 two-letter codes), named in English, sorted.</summary>
public static class Countries
{
    public static readonly IReadOnlyList<(string Code, string Name)> All = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
        .Where(r => r is not null && r.TwoLetterISORegionName.Length == 2 && r.TwoLetterISORegionName.All(char.IsAsciiLetterUpper))
        .Select(r => (r!.TwoLetterISORegionName, r.EnglishName))
        .DistinctBy(r => r.TwoLetterISORegionName)
        .OrderBy(r => r.EnglishName, StringComparer.Ordinal)
        .ToList();

    /// <summary>The code, upper-cased, when it is one of <see cref="All"/>; null for blank or unknown.</summary>
    public static string? Known(string? code)
    {
        var upper = code?.Trim().ToUpperInvariant();
        return All.Any(c => c.Code == upper) ? upper : null;
    }
}
