using Habeas.Core.Custody;
using Habeas.Core.Dates;

namespace Habeas.Core.Deadlines;

/// <summary>The kinds of deadline derived from the events: the time-limit kinds, and three that no law sets.</summary>
public static class DeadlineKinds
{
    public const string PoliceCustody = TimeLimitKinds.PoliceCustody;
    public const string DetentionOrder = TimeLimitKinds.DetentionOrder;
    public const string PreTrialMaximum = TimeLimitKinds.PreTrialMaximum;
    public const string Appeal = TimeLimitKinds.Appeal;
    public const string Cassation = TimeLimitKinds.Cassation;

    /// <summary>The custodial term ends: a release should follow, and be recorded.</summary>
    public const string SentenceEnd = "sentence-end";

    /// <summary>A person detained (or disappeared, or under a suspended sentence) with no event recorded for
    /// <see cref="DeadlineRules.LimboMonths"/> months.</summary>
    public const string Limbo = "limbo";

    /// <summary>A case not finally decided with no event recorded for <see cref="DeadlineRules.LimboMonths"/> months.</summary>
    public const string CaseLimbo = "case-limbo";

    public static readonly IReadOnlyList<string> All =
    [
        PoliceCustody,
        DetentionOrder,
        PreTrialMaximum,
        Appeal,
        Cassation,
        SentenceEnd,
        Limbo,
        CaseLimbo,
    ];
}

/// <summary>An event as the deadline rules read it: its custody details and the case it belongs to.</summary>
public sealed record DeadlineEvent(CustodyEvent Event, Guid? CaseId = null);

/// <summary>Which law governs a case: its country (ISO 3166-1 alpha-2) and the gravest class of its charges.</summary>
public sealed record CaseLaw(string? Country, string? OffenceClass)
{
    public static readonly CaseLaw Unknown = new(null, null);
}

/// <summary>
/// One deadline: what falls due (<see cref="Kind"/>), when, and why. <see cref="Due"/> is the earliest day it can fall:
/// counted from the first day the starting event's date can denote, so a detention order dated only "March 2025" gives
/// the deadline of an order of 1 March, and <see cref="DueIsEarliest"/> says so; <see cref="DueLatest"/> is counted from
/// the last day. <see cref="Limit"/> is the law's limit (null for a sentence's end and for limbo);
/// <see cref="ClassAssumed"/> is true when the charges' class was not recorded and the felony limit was used.
/// </summary>
public sealed record Deadline(
    string Kind,
    DateOnly Due,
    DateOnly DueLatest,
    Guid EventId,
    string EventType,
    FuzzyDate From,
    Guid? CaseId,
    TimeLimit? Limit,
    bool ClassAssumed = false
)
{
    public bool DueIsEarliest => DueLatest > Due;
}

/// <summary>
/// Derives deadlines from events (docs/deadlines.md). Pure: the same events and limits give the same deadlines, whatever
/// the day; whether a deadline has passed is for the reader to compare with today.
/// </summary>
public static class DeadlineRules
{
    /// <summary>Months without an event after which a detained person, or an undecided case, is in limbo.</summary>
    public const int LimboMonths = 6;

    /// <summary>
    /// A person's deadlines: while in police custody, its limit; while in pre-trial detention, the end of the current
    /// order (when before the maximum) and the legal maximum, counted from the first order of the spell (a release
    /// ends the spell; a re-arrest starts a new one); the end of a custodial sentence when no release is recorded;
    /// limbo when detained, disappeared or under a suspended sentence with no event for <see cref="LimboMonths"/>
    /// months. The limits are those of the case of the order (or of the arrest).
    /// </summary>
    public static IReadOnlyList<Deadline> ForPerson(IEnumerable<DeadlineEvent> events, LimitBook limits, Func<Guid?, CaseLaw> lawOf)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(lawOf);
        var all = events.ToList();
        var dated = InOrder(all.Where(e => e.Event.Date is not null));
        var timeline = CustodyTimelineBuilder.Build(all.Select(e => e.Event));
        var deadlines = new List<Deadline>();
        if (timeline.Intervals.Count == 0 || dated.Count == 0)
        {
            return deadlines;
        }

        DeadlineEvent? arrest = null;
        DeadlineEvent? firstOrder = null;
        DeadlineEvent? lastOrder = null;
        foreach (var e in dated)
        {
            switch (e.Event.Type)
            {
                case "arrest":
                    (arrest, firstOrder, lastOrder) = (e, null, null);
                    break;
                case "pre-trial-detention-order" or "detention-extension":
                    firstOrder ??= e;
                    lastOrder = e;
                    arrest = null;
                    break;
                case "bail-request" when e.Event.Decision != "granted":
                case "transfer":
                    break;
                default:
                    if (EndsPreTrial(e.Event))
                    {
                        (arrest, firstOrder, lastOrder) = (null, null, null);
                    }
                    break;
            }
        }

        var last = timeline.Intervals[^1];
        if (last.Status == CustodyStatus.PoliceCustody && arrest is not null)
        {
            var law = lawOf(arrest.CaseId);
            var (limit, assumed) = limits.Find(law.Country, law.OffenceClass, TimeLimitKinds.PoliceCustody);
            if (limit is not null)
            {
                deadlines.Add(Make(DeadlineKinds.PoliceCustody, arrest, limit, assumed));
            }
        }
        if (last.Status == CustodyStatus.PreTrialDetention && firstOrder is not null && lastOrder is not null)
        {
            var law = lawOf(lastOrder.CaseId ?? firstOrder.CaseId);
            var (maximum, maxAssumed) = limits.Find(law.Country, law.OffenceClass, TimeLimitKinds.PreTrialMaximum);
            var (order, orderAssumed) = limits.Find(law.Country, law.OffenceClass, TimeLimitKinds.DetentionOrder);
            var max = maximum is null ? null : Make(DeadlineKinds.PreTrialMaximum, firstOrder, maximum, maxAssumed);
            var lapse = order is null ? null : Make(DeadlineKinds.DetentionOrder, lastOrder, order, orderAssumed);
            if (lapse is not null && (max is null || lapse.Due < max.Due))
            {
                deadlines.Add(lapse);
            }
            if (max is not null)
            {
                deadlines.Add(max);
            }
        }
        if (last is { Presumed: true, StartEventId: { } verdictId } && all.FirstOrDefault(e => e.Event.EventId == verdictId) is { } verdict)
        {
            deadlines.Add(
                new Deadline(
                    DeadlineKinds.SentenceEnd,
                    last.FromDay,
                    last.FromLatestDay,
                    verdictId,
                    verdict.Event.Type,
                    verdict.Event.Date!.Value,
                    verdict.CaseId,
                    null
                )
            );
        }
        else if (
            (
                CustodyStatuses.IsDeprivedOfLiberty(last.Status)
                || last.Status is CustodyStatus.Disappeared or CustodyStatus.SuspendedSentence
            ) && !last.Presumed
        )
        {
            deadlines.Add(LimboAfter(DeadlineKinds.Limbo, dated[^1]));
        }
        return deadlines;
    }

    /// <summary>
    /// A case's deadlines: the time to appeal a verdict (or a decision on appeal) while no appeal is recorded after it,
    /// and limbo while the case is not finally decided (no verdict yet, or an appeal pending) and no event is recorded
    /// for <see cref="LimboMonths"/> months.
    /// </summary>
    public static IReadOnlyList<Deadline> ForCase(Guid caseId, IEnumerable<CustodyEvent> events, LimitBook limits, CaseLaw law)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(law);
        var dated = InOrder(events.Where(e => e.Date is not null).Select(e => new DeadlineEvent(e, caseId)));
        var deadlines = new List<Deadline>();
        if (dated.Count == 0)
        {
            return deadlines;
        }
        (DeadlineEvent Event, string Kind)? appealable = null;
        var decided = false;
        foreach (var e in dated)
        {
            switch (e.Event.Type, e.Event.Decision)
            {
                case ("verdict", _):
                    appealable = (e, TimeLimitKinds.Appeal);
                    decided = true;
                    break;
                case ("appeal-filed", _):
                    appealable = null;
                    decided = false;
                    break;
                case ("appeal-decision", "retrial"):
                    appealable = null;
                    decided = false;
                    break;
                case ("appeal-decision", _):
                    appealable = (e, TimeLimitKinds.Cassation);
                    decided = true;
                    break;
            }
        }
        if (appealable is { } open)
        {
            var (limit, assumed) = limits.Find(law.Country, law.OffenceClass, open.Kind);
            if (limit is not null)
            {
                deadlines.Add(Make(open.Kind, open.Event, limit, assumed));
            }
        }
        if (!decided)
        {
            deadlines.Add(LimboAfter(DeadlineKinds.CaseLimbo, dated[^1]));
        }
        return deadlines;
    }

    /// <summary>Events that end pre-trial detention: a judgment, a release, bail, a change to another kind of custody.</summary>
    private static bool EndsPreTrial(CustodyEvent e) =>
        e.Type
            is "verdict"
                or "appeal-decision"
                or "sentence-suspended"
                or "release"
                or "bail-request"
                or "house-arrest"
                or "administrative-detention"
                or "deportation"
                or "exile"
                or "enforced-disappearance"
                or "death";

    private static List<DeadlineEvent> InOrder(IEnumerable<DeadlineEvent> events) =>
        events
            .OrderBy(e => e.Event.Date!.Value.Earliest)
            .ThenBy(e => e.Event.Date!.Value.Precision)
            .ThenBy(e => ProceduralOrder.Rank(e.Event.Type))
            .ToList();

    private static Deadline Make(string kind, DeadlineEvent from, TimeLimit limit, bool classAssumed)
    {
        var date = from.Event.Date!.Value;
        return new Deadline(
            kind,
            limit.EndFrom(date.Earliest),
            limit.EndFrom(date.Latest),
            from.Event.EventId,
            from.Event.Type,
            date,
            from.CaseId,
            limit,
            classAssumed
        );
    }

    private static Deadline LimboAfter(string kind, DeadlineEvent last)
    {
        var date = last.Event.Date!.Value;
        return new Deadline(
            kind,
            date.Earliest.AddMonths(LimboMonths),
            date.Latest.AddMonths(LimboMonths),
            last.Event.EventId,
            last.Event.Type,
            date,
            last.CaseId,
            null
        );
    }
}
