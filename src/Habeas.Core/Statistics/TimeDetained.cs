namespace Habeas.Core.Statistics;

/// <summary>Median, lowest and highest of a set of day counts; Median null when there is none.</summary>
public sealed record DaysSummary(int People, double? Median, int? Minimum, int? Maximum)
{
    public static DaysSummary Of(IReadOnlyCollection<int> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return days.Count == 0
            ? new DaysSummary(0, null, null, null)
            : new DaysSummary(days.Count, Medians.Of(days), days.Min(), days.Max());
    }
}

/// <summary>The median time deprived of liberty: people whose detention is over, people still detained, and both.</summary>
public sealed record TimeDetainedSummary(DaysSummary Completed, DaysSummary Ongoing, DaysSummary All);

public static class Medians
{
    /// <summary>The middle value; the mean of the two middle values for an even count; null for none.</summary>
    public static double? Of(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double)sorted[mid]) / 2;
    }
}

/// <summary>
/// Days deprived of liberty per person from their stored detention periods (half-open [From, To), To null while
/// ongoing), counted up to and including the as-of day: the estimate of docs/custody-rules.md (earliest-day rule).
/// A person is "ongoing" when detained on the as-of day (their time counted up to it), "completed" otherwise.
/// Periods starting after the as-of day are left out; a person with none before it is not counted.
/// </summary>
public static class TimeDetained
{
    public static (int Days, bool Ongoing)? Of(IEnumerable<(DateOnly From, DateOnly? To)> periods, DateOnly asOf)
    {
        var limit = asOf.AddDays(1);
        var days = 0;
        var ongoing = false;
        var any = false;
        foreach (var (from, to) in periods)
        {
            if (from > asOf)
            {
                continue;
            }
            any = true;
            var end = to is { } t && t < limit ? t : limit;
            days += Math.Max(0, end.DayNumber - from.DayNumber);
            ongoing |= to is null || to > asOf;
        }
        return any ? (days, ongoing) : null;
    }

    public static TimeDetainedSummary Summarise(IEnumerable<IEnumerable<(DateOnly From, DateOnly? To)>> people, DateOnly asOf)
    {
        var completed = new List<int>();
        var ongoing = new List<int>();
        foreach (var person in people)
        {
            if (Of(person, asOf) is { } found)
            {
                (found.Ongoing ? ongoing : completed).Add(found.Days);
            }
        }
        return new TimeDetainedSummary(DaysSummary.Of(completed), DaysSummary.Of(ongoing), DaysSummary.Of([.. completed, .. ongoing]));
    }
}
