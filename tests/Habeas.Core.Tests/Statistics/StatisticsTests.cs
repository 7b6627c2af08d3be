using Habeas.Core.Charts;
using Habeas.Core.Custody;
using Habeas.Core.Statistics;
using static Habeas.Core.Tests.TestEvents;

namespace Habeas.Core.Tests.Statistics;

public class DetentionSweepTests
{
    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the database's two GROUP BYs and the COUNT return, computed here from the periods.</summary>
    private static IReadOnlyList<DailyCount> Sweep(IReadOnlyList<(DateOnly From, DateOnly? To)> periods, DateOnly from, DateOnly to)
    {
        var overlapping = periods.Where(p => p.From <= to && (p.To is null || p.To > from)).ToList();
        var open = overlapping.Count(p => p.From <= from);
        var starts = overlapping.Where(p => p.From > from).GroupBy(p => p.From).ToDictionary(g => g.Key, g => g.Count());
        var ends = overlapping
            .Where(p => p.To is { } t && t > from && t <= to)
            .GroupBy(p => p.To!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        return DetentionSweep.Daily(from, to, open, starts, ends);
    }

    [Fact]
    public void Daily_AgreesWithCountingEachDay_ForOpenPeriods_PeriodsStartingBeforeTheRange_AndEndingOnItsFirstDay()
    {
        List<(DateOnly, DateOnly?)> periods =
        [
            (D("2019-12-01"), null), // started before the range, still open
            (D("2019-11-01"), D("2020-01-01")), // ends on the first day: free that day, not counted
            (D("2019-11-01"), D("2020-01-02")), // ends on the second day: counted on the first only
            (D("2020-01-05"), D("2020-01-05")), // arrested and released the same day: 0 days
            (D("2020-01-03"), D("2020-01-08")),
            (D("2020-01-09"), null), // starts on the last day
            (D("2020-02-01"), null), // after the range
        ];
        var from = D("2020-01-01");
        var to = D("2020-01-09");
        var daily = Sweep(periods, from, to);
        Assert.Equal(9, daily.Count);
        foreach (var point in daily)
        {
            Assert.Equal(DetentionSweep.CountOn(periods, point.Day), point.Count);
        }
        Assert.Equal([2, 1, 2, 2, 2, 2, 2, 1, 2], daily.Select(d => d.Count));
    }

    [Fact]
    public void Daily_CountsAPersonOnce_WhenPoliceCustodyTurnsIntoPreTrialDetention()
    {
        // Built by the real timeline builder: arrest, then a detention order, then a conviction: three stored periods back to back.
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2020-01-01"),
            Event("pre-trial-detention-order", "2020-01-03"),
            Release("2020-01-10"),
        ]);
        var periods = timeline
            .Intervals.Where(i => CustodyStatuses.IsDeprivedOfLiberty(i.Status))
            .Select(i => (i.FromDay, i.ToDay))
            .ToList();
        Assert.True(periods.Count >= 2, "police custody and pre-trial detention are separate periods");
        var daily = Sweep(periods, D("2019-12-31"), D("2020-01-11"));
        Assert.All(daily, d => Assert.InRange(d.Count, 0, 1));
        Assert.Equal(9, daily.Sum(d => d.Count));
        Assert.Equal(1, daily.Single(d => d.Day == D("2020-01-03")).Count);
    }

    [Fact]
    public void Daily_PresumedRelease_EndsTheCountAtTheEndOfTheTerm()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2020-01-01"), Convicted("2020-01-01", new SentenceTerm(0, 1, 0, 0, 0, 0))]);
        Assert.Contains(timeline.Intervals, i => i.Presumed);
        var periods = timeline
            .Intervals.Where(i => CustodyStatuses.IsDeprivedOfLiberty(i.Status))
            .Select(i => (i.FromDay, i.ToDay))
            .ToList();
        var daily = Sweep(periods, D("2020-01-01"), D("2020-03-01"));
        Assert.Equal(1, daily.Single(d => d.Day == D("2020-01-31")).Count);
        Assert.Equal(0, daily.Single(d => d.Day == D("2020-02-01")).Count);
    }

    [Fact]
    public void Daily_Empty_GivesZeros_AndAReversedRangeGivesNothing()
    {
        var daily = DetentionSweep.Daily(
            D("2020-01-01"),
            D("2020-01-03"),
            0,
            new Dictionary<DateOnly, int>(),
            new Dictionary<DateOnly, int>()
        );
        Assert.Equal([0, 0, 0], daily.Select(d => d.Count));
        Assert.Empty(
            DetentionSweep.Daily(D("2020-01-03"), D("2020-01-01"), 5, new Dictionary<DateOnly, int>(), new Dictionary<DateOnly, int>())
        );
    }
}

public class SeriesTests
{
    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    private static List<DailyCount> Days(string from, params int[] counts) =>
        counts.Select((c, i) => new DailyCount(D(from).AddDays(i), c)).ToList();

    [Fact]
    public void Group_ByMonth_ClipsTheFirstAndLastBuckets_AndTakesTheLastDayOrThePeak()
    {
        // 30 and 31 January, then 1 to 3 February.
        var daily = Days("2020-01-30", 4, 2, 7, 1, 3);
        var last = Series.Group(daily, Interval.Month, BucketMeasure.LastDay);
        Assert.Equal([new SeriesPoint(D("2020-01-30"), D("2020-01-31"), 2), new SeriesPoint(D("2020-02-01"), D("2020-02-03"), 3)], last);
        var peak = Series.Group(daily, Interval.Month, BucketMeasure.Peak);
        Assert.Equal([4, 7], peak.Select(p => p.Value));
    }

    [Fact]
    public void Group_ByWeek_StartsOnMonday()
    {
        // Saturday 4 January 2020 to Tuesday 7 January.
        var points = Series.Group(Days("2020-01-04", 1, 2, 3, 4), Interval.Week, BucketMeasure.LastDay);
        Assert.Equal([new SeriesPoint(D("2020-01-04"), D("2020-01-05"), 2), new SeriesPoint(D("2020-01-06"), D("2020-01-07"), 4)], points);
        Assert.Equal(4, Series.Group(Days("2020-01-04", 1, 2, 3, 4), Interval.Day, BucketMeasure.Peak).Count);
    }

    [Fact]
    public void Monthly_ListsEveryMonth_EmptyOnesAsZero_AndIgnoresDaysOutside()
    {
        var months = Series.Monthly([D("2020-01-05"), D("2020-01-31"), D("2020-03-01"), D("2021-01-01")], D("2020-01-01"), D("2020-03-31"));
        Assert.Equal([(D("2020-01-01"), 2), (D("2020-02-01"), 0), (D("2020-03-01"), 1)], months);
    }

    [Fact]
    public void FigureRange_NamesTheBadParameter()
    {
        var today = D("2026-01-01");
        Assert.Contains("from", FigureRange.Parse("2020-02-01", "2020-01-01", null, null, null, today).Errors.Keys);
        Assert.Contains("interval", FigureRange.Parse("2020-01-01", "2020-02-01", "hourly", null, null, today).Errors.Keys);
        Assert.Contains("interval", FigureRange.Parse("1950-01-01", "2000-01-01", "day", null, null, today).Errors.Keys);
        Assert.Contains("to", FigureRange.Parse("2020-01-01", "2020-13-01", null, null, null, today).Errors.Keys);
        Assert.Contains("measure", FigureRange.Parse(null, null, null, "mean", null, today).Errors.Keys);
        var (range, errors) = FigureRange.Parse("1950-01-01", "2000-01-01", "month", null, null, today);
        Assert.Empty(errors);
        Assert.Equal(D("2000-01-01"), range!.On);
        var (defaults, _) = FigureRange.Parse(null, null, null, null, null, today);
        Assert.Equal(new FigureRange(D("2025-01-02"), today, Interval.Month, BucketMeasure.LastDay, today), defaults);
    }
}

public class TimeDetainedTests
{
    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Median_OfOddAndEvenCounts_AndOfNone()
    {
        Assert.Equal(3, Medians.Of([5, 1, 3]));
        Assert.Equal(2.5, Medians.Of([4, 1, 3, 2]));
        Assert.Null(Medians.Of([]));
    }

    [Fact]
    public void Of_CountsOngoingUpToTheAsOfDay_AndLeavesOutLaterPeriods()
    {
        var asOf = D("2020-01-10");
        Assert.Equal((10, true), TimeDetained.Of([(D("2020-01-01"), null)], asOf));
        Assert.Equal((4, false), TimeDetained.Of([(D("2020-01-01"), D("2020-01-05"))], asOf));
        // Released after the as-of day: still detained on it, counted up to it.
        Assert.Equal((10, true), TimeDetained.Of([(D("2020-01-01"), D("2020-02-01"))], asOf));
        Assert.Equal(
            (3, false),
            TimeDetained.Of([(D("2020-01-01"), D("2020-01-02")), (D("2020-01-03"), D("2020-01-05")), (D("2020-02-01"), null)], asOf)
        );
        Assert.Null(TimeDetained.Of([(D("2020-02-01"), null)], asOf));
        Assert.Null(TimeDetained.Of([], asOf));
    }

    [Fact]
    public void Summarise_ReportsCompletedOngoingAndAll()
    {
        var asOf = D("2020-01-10");
        var summary = TimeDetained.Summarise(
            [
                [(D("2020-01-01"), D("2020-01-05"))],
                [(D("2020-01-01"), D("2020-01-03"))],
                [(D("2020-01-09"), null)],
                [],
            ],
            asOf
        );
        Assert.Equal(new DaysSummary(2, 3, 2, 4), summary.Completed);
        Assert.Equal(new DaysSummary(1, 2, 2, 2), summary.Ongoing);
        Assert.Equal(new DaysSummary(3, 2, 2, 4), summary.All);
    }
}

public class LineChartTests
{
    [Fact]
    public void Lines_DrawsOnePolylinePerSeries_WithTitleAndLegend_AndEscapes()
    {
        var days = new[] { new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1), new DateOnly(2020, 3, 1) };
        var svg = SvgCharts.Lines("c", "Arrests & releases", "desc <x>", days, [new("Arrests", [0, 5, 10]), new("Releases", [1, 1, 1])]);
        Assert.Contains("role=\"img\"", svg);
        Assert.Contains("<title id=\"c-title\">Arrests &amp; releases</title>", svg);
        Assert.Contains("desc &lt;x&gt;", svg);
        Assert.Equal(2, svg.Split("<polyline").Length - 1);
        // The largest value reaches the top of the plot; zero sits on the baseline.
        Assert.Contains($"{SvgCharts.PlotRight},{SvgCharts.PlotTop}", svg);
        Assert.Contains($"{SvgCharts.PlotLeft},{SvgCharts.PlotTop + SvgCharts.PlotHeight}", svg);
        Assert.Contains(">Releases</text>", svg);
        Assert.DoesNotContain("<polyline", SvgCharts.Lines("e", "t", "d", [], []));
    }
}

public class DayChangesTests
{
    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly List<(DateOnly From, DateOnly? To)> Periods =
    [
        (D("2019-12-01"), null),
        (D("2019-11-01"), D("2020-01-01")),
        (D("2019-11-01"), D("2020-01-02")),
        (D("2020-01-05"), D("2020-01-05")),
        (D("2020-01-03"), D("2020-01-08")),
        (D("2020-01-08"), D("2020-01-09")),
        (D("2020-01-09"), null),
        (D("2020-02-01"), null),
    ];

    [Fact]
    public void Sweep_OfTheDayChanges_AgreesWithCountingEachDay_FromTheFirstDayOnAnyRange()
    {
        var changes = DayChanges.Between([], Periods);
        foreach (
            var (from, to) in new[]
            {
                (D("2019-10-01"), D("2020-03-01")),
                (D("2020-01-01"), D("2020-01-09")),
                (D("2020-01-05"), D("2020-01-05")),
            }
        )
        {
            var (open, starts, ends) = DayChanges.Sweep(changes, from, to);
            foreach (var point in DetentionSweep.Daily(from, to, open, starts, ends))
            {
                Assert.Equal(DetentionSweep.CountOn(Periods, point.Day), point.Count);
            }
        }
    }

    [Fact]
    public void Between_TakesTheOldPeriodsOffAndPutsTheNewOnes_LeavingOutDaysThatDoNotChange_InDayOrder()
    {
        // A release moved from 8 to 12 January; the arrest of 3 January stays.
        var changes = DayChanges.Between([(D("2020-01-03"), D("2020-01-08"))], [(D("2020-01-03"), D("2020-01-12"))]);
        Assert.Equal([new DayChange(D("2020-01-08"), 0, -1), new DayChange(D("2020-01-12"), 0, 1)], changes);
        Assert.Empty(DayChanges.Between(Periods, Periods));
        var all = DayChanges.Between([], Periods);
        Assert.Equal(all.Select(c => c.Day).Order(), all.Select(c => c.Day));
        Assert.Equal(Periods.Count, all.Sum(c => c.Starts));
        Assert.Equal(new DayChange(D("2020-01-05"), 1, 1), all.Single(c => c.Day == D("2020-01-05")));
    }
}
