namespace Habeas.Core.Statistics;

/// <summary>How many people were deprived of liberty on a day.</summary>
public sealed record DailyCount(DateOnly Day, int Count);

/// <summary>
/// The daily count of people deprived of liberty over a range, from three aggregates of the stored custody periods
/// (half-open [from, to), to null while ongoing): how many were open on the first day, how many start on each later
/// day, how many end on each later day. A running sum turns them into the count of every day, so the database does
/// two GROUP BYs and a COUNT instead of one query per day. A person's periods never overlap (the timeline is a
/// sequence of consecutive intervals), so back-to-back detention periods (police custody, then pre-trial detention)
/// hand the person over from one to the next on the same day: the sum counts each person once a day.
/// </summary>
public static class DetentionSweep
{
    /// <param name="from">The first day of the series.</param>
    /// <param name="to">The last day of the series (included).</param>
    /// <param name="openOnFirstDay">Periods covering <paramref name="from"/>: from_day &lt;= from and (to_day null or to_day &gt;
    /// from).</param>
    /// <param name="starts">Periods starting on each day after <paramref name="from"/> up to <paramref name="to"/>; other days are
    /// ignored.</param>
    /// <param name="ends">Periods ending (to_day, the first day free) on each day after <paramref name="from"/> up to <paramref
    /// name="to"/>; other days are ignored.</param>
    public static IReadOnlyList<DailyCount> Daily(
        DateOnly from,
        DateOnly to,
        int openOnFirstDay,
        IReadOnlyDictionary<DateOnly, int> starts,
        IReadOnlyDictionary<DateOnly, int> ends
    )
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(ends);
        if (to < from)
        {
            return [];
        }
        var days = to.DayNumber - from.DayNumber + 1;
        var deltas = new int[days];
        Add(deltas, from, starts, +1);
        Add(deltas, from, ends, -1);
        var result = new DailyCount[days];
        var count = openOnFirstDay;
        for (var i = 0; i < days; i++)
        {
            count += deltas[i];
            result[i] = new DailyCount(from.AddDays(i), count);
        }
        return result;
    }

    private static void Add(int[] deltas, DateOnly from, IReadOnlyDictionary<DateOnly, int> changes, int sign)
    {
        foreach (var (day, n) in changes)
        {
            var i = day.DayNumber - from.DayNumber;
            // Day 0 is already in the opening count; days outside the range do not change it.
            if (i > 0 && i < deltas.Length)
            {
                deltas[i] += sign * n;
            }
        }
    }

    /// <summary>The same count straight from the periods, one day at a time: the definition the sweep must agree with
    /// (used by the tests, and small enough to read).</summary>
    public static int CountOn(IEnumerable<(DateOnly From, DateOnly? To)> periods, DateOnly day) =>
        periods.Count(p => p.From <= day && (p.To is null || p.To > day));
}
