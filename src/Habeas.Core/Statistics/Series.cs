using System.Globalization;

namespace Habeas.Core.Statistics;

/// <summary>How a series is grouped: every day, every week (Monday to Sunday) or every calendar month.</summary>
public enum Interval
{
    Day,
    Week,
    Month,
}

/// <summary>Which daily count stands for a week or a month.</summary>
public enum BucketMeasure
{
    /// <summary>The count on the last day of the bucket (or on the last day of the range, for the last bucket): the
    /// number a "N detained at the end of the month" report gives.</summary>
    LastDay,

    /// <summary>The highest daily count in the bucket.</summary>
    Peak,
}

/// <summary>One point of a grouped series: the bucket [Start, End] (both days included, clipped to the range) and its value.</summary>
public sealed record SeriesPoint(DateOnly Start, DateOnly End, int Value);

public static class Series
{
    public static string Code(Interval interval) =>
        interval switch
        {
            Interval.Day => "day",
            Interval.Week => "week",
            _ => "month",
        };

    public static string Code(BucketMeasure measure) => measure == BucketMeasure.Peak ? "peak" : "last-day";

    public static bool TryParseInterval(string? code, out Interval interval)
    {
        interval = code switch
        {
            "day" or "daily" => Interval.Day,
            "week" or "weekly" => Interval.Week,
            "month" or "monthly" => Interval.Month,
            _ => (Interval)(-1),
        };
        return Enum.IsDefined(interval);
    }

    public static bool TryParseMeasure(string? code, out BucketMeasure measure)
    {
        measure = code switch
        {
            "last-day" => BucketMeasure.LastDay,
            "peak" => BucketMeasure.Peak,
            _ => (BucketMeasure)(-1),
        };
        return Enum.IsDefined(measure);
    }

    /// <summary>The first day of the bucket a day falls in.</summary>
    public static DateOnly BucketStart(DateOnly day, Interval interval) =>
        interval switch
        {
            Interval.Day => day,
            Interval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            _ => new DateOnly(day.Year, day.Month, 1),
        };

    /// <summary>
    /// Groups a daily series (consecutive days) into buckets. The first and last buckets are clipped to the series: a
    /// monthly series from 15 March has a first bucket of 15 to 31 March.
    /// </summary>
    public static IReadOnlyList<SeriesPoint> Group(IReadOnlyList<DailyCount> daily, Interval interval, BucketMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(daily);
        var points = new List<SeriesPoint>();
        var i = 0;
        while (i < daily.Count)
        {
            var start = daily[i].Day;
            var key = BucketStart(start, interval);
            var value = daily[i].Count;
            var end = start;
            for (; i < daily.Count && BucketStart(daily[i].Day, interval) == key; i++)
            {
                end = daily[i].Day;
                value = measure == BucketMeasure.Peak ? Math.Max(value, daily[i].Count) : daily[i].Count;
            }
            points.Add(new SeriesPoint(start, end, value));
        }
        return points;
    }

    /// <summary>Counts of days by calendar month from <paramref name="from"/> to <paramref name="to"/>, every month
    /// present (zero when nothing happened), keyed by the first of the month.</summary>
    public static IReadOnlyList<(DateOnly Month, int Count)> Monthly(IEnumerable<DateOnly> days, DateOnly from, DateOnly to)
    {
        var counts = new SortedDictionary<DateOnly, int>();
        for (var m = BucketStart(from, Interval.Month); m <= to; m = m.AddMonths(1))
        {
            counts[m] = 0;
        }
        foreach (var day in days.Where(d => d >= from && d <= to))
        {
            counts[BucketStart(day, Interval.Month)]++;
        }
        return counts.Select(c => (c.Key, c.Value)).ToList();
    }

    /// <summary>A bucket as one invariant label: "2020-03-02" for a day, "2020-W10" style is avoided in favour of
    /// the first day for a week, "2020-03" for a month.</summary>
    public static string Label(DateOnly start, Interval interval) =>
        interval == Interval.Month
            ? start.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
