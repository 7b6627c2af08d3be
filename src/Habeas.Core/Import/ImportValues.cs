using System.Globalization;
using System.Text.RegularExpressions;
using Habeas.Core.Dates;

namespace Habeas.Core.Import;

/// <summary>Turns cell text into what Habeas stores: dates in other formats into EDTF, sentence terms into years, months and
/// days.</summary>
public static partial class ImportValues
{
    /// <summary>
    /// An EDTF date as is; else the first of <paramref name="formats"/> that reads it, to the precision the format has
    /// ("MM/yyyy" gives a month). The text unchanged when nothing reads it (validation then names the problem).
    /// </summary>
    public static string Date(string text, IReadOnlyList<string> formats)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || FuzzyDate.TryParse(trimmed, out _, out _))
        {
            return trimmed;
        }
        foreach (var format in formats)
        {
            if (DateTime.TryParseExact(trimmed, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                var hasDay = format.Contains('d', StringComparison.Ordinal);
                var hasMonth = format.Contains('M', StringComparison.Ordinal);
                return hasDay ? parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : hasMonth ? parsed.ToString("yyyy-MM", CultureInfo.InvariantCulture)
                    : parsed.ToString("yyyy", CultureInfo.InvariantCulture);
            }
        }
        return trimmed;
    }

    /// <summary>
    /// A sentence term written "7", "7 years", "5 years 6 months", "2y 6m 10d", "18 months" or ISO 8601 "P5Y6M": its
    /// years, months and days. A bare number is years. False for anything else ("life", "death"), which has no term.
    /// </summary>
    public static bool TrySentence(string text, out int years, out int months, out int days)
    {
        years = months = days = 0;
        var t = text.Trim().ToLowerInvariant();
        if (t.Length == 0)
        {
            return false;
        }
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out years))
        {
            return true;
        }
        if (t.StartsWith('p'))
        {
            t = t[1..];
        }
        var matched = 0;
        foreach (Match m in SentencePart().Matches(t))
        {
            var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            switch (m.Groups[2].Value[0])
            {
                case 'y':
                    years += n;
                    break;
                case 'm':
                    months += n;
                    break;
                case 'd':
                    days += n;
                    break;
                default:
                    return false;
            }
            matched += m.Length;
        }
        var rest = SentenceSeparators().Replace(t, "");
        return matched > 0
            && rest.Length == SentenceSeparators().Replace(string.Concat(SentencePart().Matches(t).Select(m => m.Value)), "").Length;
    }

    [GeneratedRegex(@"(\d{1,5})\s*(years?|yrs?|y|months?|mos?|m|days?|d)(?![a-z])")]
    private static partial Regex SentencePart();

    [GeneratedRegex(@"[\s,;]+|and")]
    private static partial Regex SentenceSeparators();

    /// <summary>The values of a multi-valued cell, trimmed, blanks dropped.</summary>
    public static IEnumerable<string> Split(string text, string separator) =>
        text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
