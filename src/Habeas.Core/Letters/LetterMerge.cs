using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Habeas.Core.Letters;

/// <summary>
/// Letter templates: text with merge fields in double braces ("{{salutation}}", "{{prisoner.name}}") that a
/// supporter's letter fills in. Only the fields named here exist; a template naming another is refused when saved,
/// so a supporter never receives a letter with a hole or a stray brace in it.
/// </summary>
public static partial class LetterMerge
{
    public const string Salutation = "salutation";
    public const string TargetTitle = "target.title";
    public const string TargetName = "target.name";
    public const string TargetOrganisation = "target.organisation";
    public const string TargetAddress = "target.address";
    public const string PrisonerName = "prisoner.name";
    public const string SupporterName = "supporter.name";
    public const string SupporterTown = "supporter.town";
    public const string Date = "date";

    public static readonly IReadOnlyList<string> Fields =
    [
        Salutation,
        TargetTitle,
        TargetName,
        TargetOrganisation,
        TargetAddress,
        PrisonerName,
        SupporterName,
        SupporterTown,
        Date,
    ];

    /// <summary>The longest template kept (a letter is a page or two).</summary>
    public const int MaxTemplateLength = 10_000;

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Field();

    /// <summary>Fields the template names that do not exist, in the order written, each once; "{{" or "}}" left
    /// unpaired counts as one named by its braces.</summary>
    public static IReadOnlyList<string> UnknownFields(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var unknown = new List<string>();
        foreach (Match match in Field().Matches(template))
        {
            var name = match.Groups[1].Value;
            if (!Fields.Contains(name, StringComparer.Ordinal) && !unknown.Contains(name, StringComparer.Ordinal))
            {
                unknown.Add(name);
            }
        }
        var rest = Field().Replace(template, "");
        foreach (var brace in new[] { "{{", "}}" })
        {
            if (rest.Contains(brace, StringComparison.Ordinal) && !unknown.Contains(brace, StringComparer.Ordinal))
            {
                unknown.Add(brace);
            }
        }
        return unknown;
    }

    /// <summary>The letter: each field replaced by its value (blank when there is none). Lines left empty by a blank
    /// field that stood alone on its line (an official with no title) are dropped.</summary>
    public static string Merge(string template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var lines = template.ReplaceLineEndings("\n").Split('\n');
        var result = new StringBuilder(template.Length + 256);
        foreach (var line in lines)
        {
            var hadField = Field().IsMatch(line);
            var merged = Field().Replace(line, m => values.TryGetValue(m.Groups[1].Value, out var value) ? (value ?? "").Trim() : "");
            if (hadField && string.IsNullOrWhiteSpace(merged))
            {
                continue;
            }
            result.Append(merged).Append('\n');
        }
        return result.ToString().TrimEnd('\n');
    }

    /// <summary>A day written as letters in <paramref name="language"/> write it ("2 December 2026", "2 ธันวาคม 2569",
    /// "២ ធ្នូ ២០២៦"): Thai letters count years in the Buddhist era, as Thai officials do.</summary>
    public static string FormatDate(DateOnly day, string language)
    {
        var culture = language switch
        {
            "th" => CultureInfo.GetCultureInfo("th-TH"),
            "km" => CultureInfo.GetCultureInfo("km-KH"),
            _ => CultureInfo.GetCultureInfo("en-GB"),
        };
        return day.ToString("d MMMM yyyy", culture);
    }
}
