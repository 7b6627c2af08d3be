using System.Globalization;

namespace Habeas.Core.Statistics;

/// <summary>
/// The parameters every figure takes, read from a query string: from and to (the range, both days included), the
/// interval of the series and which daily count stands for a week or a month, and the day "by" figures are counted
/// on (the last day of the range unless given). Errors name the parameter, in English (the API's language).
/// </summary>
public sealed record FigureRange(DateOnly From, DateOnly To, Interval Interval, BucketMeasure Measure, DateOnly On)
{
    /// <summary>The longest daily series: twenty years (a little over 7,300 points).</summary>
    public const int MaxDailyDays = 20 * 366;

    /// <summary>The longest weekly or monthly series: one hundred years.</summary>
    public const int MaxDays = 100 * 366;

    public static (FigureRange? Range, Dictionary<string, string[]> Errors) Parse(
        string? from,
        string? to,
        string? interval,
        string? measure,
        string? on,
        DateOnly today
    )
    {
        var errors = new Dictionary<string, string[]>();
        var toDay = ParseDay(to, "to", today, errors);
        var fromDay = ParseDay(from, "from", toDay.AddYears(-1).AddDays(1), errors);
        var onDay = ParseDay(on, "on", toDay, errors);
        var kind = Interval.Month;
        if (!string.IsNullOrEmpty(interval) && !Series.TryParseInterval(interval, out kind))
        {
            errors["interval"] = ["Give the interval as day, week or month."];
        }
        var how = BucketMeasure.LastDay;
        if (!string.IsNullOrEmpty(measure) && !Series.TryParseMeasure(measure, out how))
        {
            errors["measure"] =
            [
                "Give the measure as last-day (the count on the last day of each week or month) or peak (its highest daily count).",
            ];
        }
        if (errors.Count == 0)
        {
            var days = toDay.DayNumber - fromDay.DayNumber + 1;
            if (fromDay > toDay)
            {
                errors["from"] = ["The start of the range (from) must not be after its end (to)."];
            }
            else if (kind == Interval.Day && days > MaxDailyDays)
            {
                errors["interval"] = ["A daily series covers at most 20 years: choose a shorter range, or interval=week or month."];
            }
            else if (days > MaxDays)
            {
                errors["from"] = ["A series covers at most 100 years: choose a shorter range."];
            }
        }
        return errors.Count == 0 ? (new FigureRange(fromDay, toDay, kind, how, onDay), errors) : (null, errors);
    }

    private static DateOnly ParseDay(string? text, string name, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 1800)
        {
            return day;
        }
        errors[name] = [$"Give {name} as YYYY-MM-DD, for example {name}=2020-01-31."];
        return fallback;
    }

    /// <summary>The query string that gives this range back (for links to downloads and records).</summary>
    public string Query() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&interval={Series.Code(Interval)}&measure={Series.Code(Measure)}&on={On:yyyy-MM-dd}"
        );
}
