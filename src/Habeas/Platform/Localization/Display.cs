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
        var text = Written(d.Precision == DatePrecision.Year ? null : d.Day, d.Month, d.Year);
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

    public static string Day(DateOnly day) => Written(day.Day, day.Month, day.Year);

    /// <summary>
    /// "26 February 2004", "ខែកុម្ភៈ 2004", "2547" as the reader writes dates: month names of the interface language
    /// (Gregorian months, whatever the culture's own calendar), the year of the Buddhist era when the reader counts in
    /// it, the reader's digits.
    /// </summary>
    private static string Written(int? day, int? month, int year)
    {
        var language = Texts.CurrentLanguage;
        var format = ReaderFormat.Current;
        var monthName = month is { } m ? MonthName(language, m) : null;
        var shown = format.Buddhist(language) ? year + 543 : year;
        var text = (day, monthName) switch
        {
            ({ } dd, { } mn) when month is not null && day is not null && monthName is not null => string.Create(
                CultureInfo.InvariantCulture,
                $"{dd} {mn} {shown}"
            ),
            (null, { } mn) => string.Create(CultureInfo.InvariantCulture, $"{mn} {shown}"),
            _ => shown.ToString(CultureInfo.InvariantCulture),
        };
        return format.Digits(text, language);
    }

    /// <summary>The name of a month (1-12) in a language, from ICU's Gregorian calendar.</summary>
    public static string MonthName(string language, int month)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var names = culture.DateTimeFormat.Calendar is GregorianCalendar ? culture.DateTimeFormat : GregorianFormat(culture);
        return names.GetMonthName(month);
    }

    private static DateTimeFormatInfo GregorianFormat(CultureInfo culture)
    {
        var clone = (CultureInfo)culture.Clone();
        var gregorian = clone.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault();
        if (gregorian is not null)
        {
            clone.DateTimeFormat.Calendar = gregorian;
        }
        return clone.DateTimeFormat;
    }

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

    /// <summary>The name of a writing system by its ISO 15924 code ("Khmr": "Khmer script"), in the reader's language;
    /// the code itself when it has no name yet.</summary>
    public static string Script(string? code, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return code is null ? ""
            : Texts.Has("script." + code) ? texts["script." + code]
            : code;
    }

    public static string Number(int value) => Number(value, Texts.CurrentLanguage);

    public static string Number(long value) => Number(value, Texts.CurrentLanguage);

    /// <summary>A whole number with the language's grouping and the reader's digits ("1,049", "១,០៤៩").</summary>
    public static string Number(long value, string language) =>
        ReaderFormat.Current.Digits(value.ToString("N0", CultureInfo.GetCultureInfo(language)), language);

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
