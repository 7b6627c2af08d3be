namespace Habeas.Core.Statistics;

/// <summary>How many detention periods start and how many end on a day (end: to_day, the first day free).</summary>
public sealed record DayChange(DateOnly Day, int Starts, int Ends);

/// <summary>
/// The per-day starts and ends of detention periods, the stored form of <see cref="DetentionSweep"/>'s inputs
/// (custody_day_changes). When a person's periods are rebuilt, the table takes the difference between the periods
/// before and after: the starts and ends of the old periods come off, those of the new ones go on. Days whose counts do
/// not change are left out, so a rebuild that changes nothing writes nothing, and the days come in order, so two
/// writers touch shared rows in the same order.
/// </summary>
public static class DayChanges
{
    public static IReadOnlyList<DayChange> Between(
        IEnumerable<(DateOnly From, DateOnly? To)> before,
        IEnumerable<(DateOnly From, DateOnly? To)> after
    )
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var days = new SortedDictionary<DateOnly, (int Starts, int Ends)>();
        void Add((DateOnly From, DateOnly? To) period, int sign)
        {
            var start = days.GetValueOrDefault(period.From);
            days[period.From] = (start.Starts + sign, start.Ends);
            if (period.To is { } to)
            {
                var end = days.GetValueOrDefault(to);
                days[to] = (end.Starts, end.Ends + sign);
            }
        }
        foreach (var period in before)
        {
            Add(period, -1);
        }
        foreach (var period in after)
        {
            Add(period, +1);
        }
        return days.Where(d => d.Value != (0, 0)).Select(d => new DayChange(d.Key, d.Value.Starts, d.Value.Ends)).ToList();
    }

    /// <summary>The sweep's inputs from the stored day changes: periods open on <paramref name="from"/> (started on or
    /// before it, less those ended on or before it: a period never ends before it starts), and the starts and ends of
    /// each later day up to <paramref name="to"/>.</summary>
    public static (int OpenOnFirstDay, Dictionary<DateOnly, int> Starts, Dictionary<DateOnly, int> Ends) Sweep(
        IEnumerable<DayChange> changes,
        DateOnly from,
        DateOnly to
    )
    {
        ArgumentNullException.ThrowIfNull(changes);
        var open = 0;
        var starts = new Dictionary<DateOnly, int>();
        var ends = new Dictionary<DateOnly, int>();
        foreach (var c in changes)
        {
            if (c.Day <= from)
            {
                open += c.Starts - c.Ends;
            }
            else if (c.Day <= to)
            {
                starts[c.Day] = c.Starts;
                ends[c.Day] = c.Ends;
            }
        }
        return (open, starts, ends);
    }
}
