using System.Globalization;
using Habeas.Core.Dates;

namespace Habeas.Platform.Localization;

/// <summary>Shows values as a reader expects them in the current language, never more precise than they are.</summary>
public static class Display
{
    /// <summary>"26 February 2004", "December 1999", "1999", with "about" or "(uncertain)" when so recorded.</summary>
    public static string Date(FuzzyDate? date, Texts texts)
    {
        if (date is not { } d)
        {
            return texts["date.unknown"];
        }
        var culture = CultureInfo.CurrentUICulture;
        var month = d.Month is { } m ? culture.DateTimeFormat.GetMonthName(m) : null;
        var text = d.Precision switch
        {
            DatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{d.Day} {month} {d.Year}"),
            DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{month} {d.Year}"),
            _ => d.Year.ToString(CultureInfo.InvariantCulture),
        };
        if (d.Approximate)
        {
            text = texts.Format("date.about", text);
        }
        if (d.Uncertain)
        {
            text = texts.Format("date.uncertain", text);
        }
        return text;
    }

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"5 years 2 months": the non-zero parts of a term.</summary>
    public static string Term(int? years, int? months, int? days, Texts texts)
    {
        var parts = new List<string>();
        if (years is > 0)
        {
            parts.Add(texts.Format("term.years", years));
        }
        if (months is > 0)
        {
            parts.Add(texts.Format("term.months", months));
        }
        if (days is > 0)
        {
            parts.Add(texts.Format("term.days", days));
        }
        return string.Join(" ", parts);
    }

    /// <summary>
    /// The end of a period as a table shows it: its date (<paramref name="end"/>, already written), else "now" for a
    /// period under way, but "no end recorded" for one that begins after <paramref name="today"/> (the app's clock): a
    /// period that has not begun is not running "until now".
    /// </summary>
    public static string Until(string? end, DateOnly from, DateOnly today, Texts texts) =>
        end ?? (from > today ? texts["custody.noEnd"] : texts["custody.now"]);

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The colour of a custody status in charts (the same as in site.css).</summary>
    public static string StatusColor(string status) =>
        status switch
        {
            "free" => "#9bbf8f",
            "police-custody" => "#c0392b",
            "pre-trial-detention" => "#d35400",
            "serving-sentence" => "#7b241c",
            "administrative-detention" => "#a04000",
            "house-arrest" => "#b9770e",
            "bail" => "#f0c27a",
            "suspended-sentence" => "#e6b0aa",
            "exile" => "#5d6d7e",
            _ => "#17202a",
        };
}
