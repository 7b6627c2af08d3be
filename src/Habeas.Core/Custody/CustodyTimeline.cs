using Habeas.Core.Dates;

namespace Habeas.Core.Custody;

/// <summary>
/// One stretch of a single status, half-open: [<see cref="FromDay"/>, <see cref="ToDay"/>), ToDay null while
/// ongoing. FromDay and ToDay are the earliest days the starting and ending dates can denote;
/// <see cref="FromLatestDay"/> and <see cref="ToLatestDay"/> are the latest, the other end of that window.
/// Presumed is true for "presumed released at the end of the term": no event records that release.
/// </summary>
public sealed record CustodyInterval(
    CustodyStatus Status,
    DateOnly FromDay,
    DateOnly? ToDay,
    FuzzyDate From,
    FuzzyDate? To,
    Guid? StartEventId,
    Guid? EndEventId,
    bool Presumed,
    DateOnly FromLatestDay,
    DateOnly? ToLatestDay
)
{
    public bool Covers(DateOnly day) => FromDay <= day && (ToDay is null || day < ToDay);
}

/// <summary>A status on a day. Certain is false when the day is one the date of the transition that started the
/// status can denote (any day of December 1999 for an arrest dated "1999-12", 10 March for "2019-03-10~"), so
/// the status could still be the previous one. An exact, unqualified day is certain.</summary>
public sealed record CustodyAnswer(CustodyStatus Status, bool Certain);

/// <summary>Days detained: the count under the earliest-day rule, and the bounds the fuzzy dates allow.</summary>
public sealed record DayCount(int Estimate, int Minimum, int Maximum);

/// <summary>
/// A contradiction or gap found in a person's events, as data for the interface to say in the reader's language
/// (Core has no texts): the event by its type and date, never by its id alone, <see cref="Code"/> what is wrong
/// (<see cref="CustodyWarnings"/>), <see cref="Status"/> the custody status it met, <see cref="Day"/> the day of a
/// computed end of term, <see cref="TermStart"/> the day that term was counted from, <see cref="Decision"/> a decision
/// the event type cannot have. <see cref="ToString"/> is an English line for logs and tests.
/// </summary>
public sealed record CustodyWarning(
    Guid EventId,
    string EventType,
    FuzzyDate? Date,
    string Code,
    string? Status = null,
    DateOnly? Day = null,
    DateOnly? TermStart = null,
    string? Decision = null
)
{
    public override string ToString() =>
        $"Event {EventId} ({EventType}{(Date is null ? "" : ", " + Date)}): {Code}"
        + (Status is null ? "" : $" ({Status})")
        + (Decision is null ? "" : $" '{Decision}'")
        + (TermStart is { } start ? $", term counted from {start:yyyy-MM-dd}" : "")
        + (Day is { } day ? $", end of term {day:yyyy-MM-dd}" : "");
}

/// <summary>The codes of <see cref="CustodyWarning"/>.</summary>
public static class CustodyWarnings
{
    /// <summary>The event has no date: it cannot be placed and is not counted.</summary>
    public const string Undated = "undated";

    /// <summary>An event dated after the person's death: ignored.</summary>
    public const string AfterDeath = "after-death";

    /// <summary>An arrest while already detained (<see cref="CustodyWarning.Status"/>): counted as a re-arrest.</summary>
    public const string ArrestWhileDetained = "arrest-while-detained";

    /// <summary>A transfer while not detained (<see cref="CustodyWarning.Status"/>): counted as pre-trial detention.</summary>
    public const string TransferWhileFree = "transfer-while-free";

    /// <summary>A decision (<see cref="CustodyWarning.Decision"/>) this event type cannot have: no change.</summary>
    public const string UnknownDecision = "unknown-decision";

    /// <summary>A sentence reduced on appeal with no new term: no change.</summary>
    public const string ReducedWithoutTerm = "reduced-without-term";

    /// <summary>A release while already free.</summary>
    public const string ReleaseWhileFree = "release-while-free";

    /// <summary>A conviction while in exile (in absentia): status unchanged.</summary>
    public const string ConvictionInExile = "conviction-in-exile";

    /// <summary>The term, counted from <see cref="CustodyWarning.TermStart"/>, ended (<see cref="CustodyWarning.Day"/>)
    /// by the date of the decision: presumed released on that date.</summary>
    public const string TermServed = "term-served";

    /// <summary>A conviction without a custodial term while not detained (<see cref="CustodyWarning.Status"/>): no change.</summary>
    public const string ConvictionWithoutTerm = "conviction-without-term";

    /// <summary>Still detained after the computed end of sentence (<see cref="CustodyWarning.Day"/>): counted as
    /// detained until this event.</summary>
    public const string DetainedAfterTerm = "detained-after-term";

    public static readonly IReadOnlyList<string> All =
    [
        Undated,
        AfterDeath,
        ArrestWhileDetained,
        TransferWhileFree,
        UnknownDecision,
        ReducedWithoutTerm,
        ReleaseWhileFree,
        ConvictionInExile,
        TermServed,
        ConvictionWithoutTerm,
        DetainedAfterTerm,
    ];
}

/// <summary>A person's custody history derived from their events. Built by <see cref="CustodyTimelineBuilder"/>.</summary>
public sealed class CustodyTimeline
{
    internal CustodyTimeline(
        IReadOnlyList<CustodyInterval> intervals,
        IReadOnlyList<CustodyWarning> warnings,
        IReadOnlyList<Guid> ignoredEventIds,
        DateOnly? sentenceEnd
    )
    {
        Intervals = intervals;
        Warnings = warnings;
        IgnoredEventIds = ignoredEventIds;
        SentenceEnd = sentenceEnd;
    }

    /// <summary>Consecutive, in order, each starting where the previous one ends. Empty when the person was never
    /// anything but free. Before the first interval the person is free.</summary>
    public IReadOnlyList<CustodyInterval> Intervals { get; }

    /// <summary>Contradictions and gaps found in the events, as data (the interface says them).</summary>
    public IReadOnlyList<CustodyWarning> Warnings { get; }

    /// <summary>Events not counted: unknown types, undated events, events after death.</summary>
    public IReadOnlyList<Guid> IgnoredEventIds { get; }

    /// <summary>End (first day of freedom) of the last custodial sentence computed, null when none or acquitted.</summary>
    public DateOnly? SentenceEnd { get; }

    public CustodyStatus Current(DateOnly today) => StatusOn(today).Status;

    public CustodyAnswer StatusOn(DateOnly day)
    {
        var interval = Intervals.FirstOrDefault(i => i.Covers(day));
        if (interval is null)
        {
            return new CustodyAnswer(CustodyStatus.Free, Certain: true);
        }
        // A transition takes effect on the earliest day of its date, so a day inside an interval always lies
        // before the window of the transition that ends it: only the starting transition can make it uncertain.
        var windowIsFuzzy = interval.FromLatestDay > interval.FromDay || interval.From.Approximate || interval.From.Uncertain;
        var inWindow = day <= interval.FromLatestDay;
        return new CustodyAnswer(interval.Status, Certain: !(windowIsFuzzy && inWindow));
    }

    /// <summary>
    /// Days deprived of liberty up to and including <paramref name="asOf"/>. Back-to-back detention intervals
    /// (police custody, then pre-trial detention, then prison) form one spell; the uncertainty of the dates
    /// inside a spell does not change its length, only that of its first and last dates does.
    /// Minimum: each spell from the latest day its start can be to the earliest its end can be.
    /// Maximum: the days covered by spells taken from their earliest start to their latest end.
    /// </summary>
    public DayCount DaysDetained(DateOnly asOf)
    {
        var limit = asOf.AddDays(1);
        var estimate = 0;
        var minimum = 0;
        var widest = new List<(DateOnly From, DateOnly To)>();
        foreach (var spell in DetentionSpells())
        {
            var end = Earlier(spell.ToDay ?? limit, limit);
            var latestEnd = Earlier(spell.ToLatestDay ?? limit, limit);
            estimate += DaysBetween(spell.FromDay, end);
            minimum += DaysBetween(spell.FromLatestDay, end);
            widest.Add((spell.FromDay, latestEnd));
        }
        return new DayCount(estimate, minimum, DaysCovered(widest));
    }

    private List<CustodyInterval> DetentionSpells()
    {
        var spells = new List<CustodyInterval>();
        foreach (var interval in Intervals.Where(i => CustodyStatuses.IsDeprivedOfLiberty(i.Status)))
        {
            if (spells.Count > 0 && spells[^1].ToDay == interval.FromDay)
            {
                spells[^1] = spells[^1] with
                {
                    ToDay = interval.ToDay,
                    To = interval.To,
                    EndEventId = interval.EndEventId,
                    ToLatestDay = interval.ToLatestDay,
                };
            }
            else
            {
                spells.Add(interval);
            }
        }
        return spells;
    }

    private static int DaysCovered(List<(DateOnly From, DateOnly To)> ranges)
    {
        var total = 0;
        DateOnly? coveredUntil = null;
        foreach (var (from, to) in ranges.OrderBy(r => r.From))
        {
            var start = coveredUntil is { } until && until > from ? until : from;
            total += DaysBetween(start, to);
            coveredUntil = coveredUntil is { } c && c > to ? c : to;
        }
        return total;
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

    private static int DaysBetween(DateOnly from, DateOnly to) => Math.Max(0, to.DayNumber - from.DayNumber);
}
