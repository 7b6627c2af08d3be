using Habeas.Core.Dates;
using static Habeas.Core.Custody.CustodyStatus;

namespace Habeas.Core.Custody;

/// <summary>
/// Derives a custody timeline from events: the state machine of docs/custody-rules.md. Contradictions become
/// warnings, never exceptions, because the records are often incomplete and the timeline must still be shown.
/// </summary>
public static class CustodyTimelineBuilder
{
    /// <summary>Event types that change custody, or can (a refused bail request changes nothing but is still checked).</summary>
    private static readonly HashSet<string> CustodyEffectTypes = new(StringComparer.Ordinal)
    {
        "arrest",
        "pre-trial-detention-order",
        "detention-extension",
        "bail-request",
        "transfer",
        "verdict",
        "appeal-decision",
        "sentence-suspended",
        "release",
        "house-arrest",
        "administrative-detention",
        "deportation",
        "exile",
        "return-from-exile",
        "enforced-disappearance",
        "reappearance",
        "death",
    };

    /// <summary>Event types that are part of the record but never change custody.</summary>
    private static readonly HashSet<string> NoCustodyEffectTypes = new(StringComparer.Ordinal)
    {
        "summons",
        "charge",
        "hearing",
        "appeal-filed",
        "extradition-request",
        "extradition-decision",
        "refugee-status-granted",
        "threat",
        "health-incident",
        "ill-treatment-allegation",
    };

    public static CustodyTimeline Build(IEnumerable<CustodyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new Run().Build(events);
    }

    /// <summary>The days a date can denote: from its earliest (when the transition is counted) to its latest.</summary>
    private readonly record struct Window(DateOnly Earliest, DateOnly Latest)
    {
        public static Window Of(FuzzyDate date) => new(date.Earliest, date.Latest);

        public Window Shift(int days) => new(Earliest.AddDays(days), Latest.AddDays(days));
    }

    private sealed record Transition(CustodyStatus Status, Window Days, FuzzyDate Date, Guid EventId, bool Presumed);

    private sealed class Run
    {
        private readonly List<Transition> _transitions = [];
        private readonly List<CustodyWarning> _warnings = [];
        private readonly List<Guid> _ignored = [];

        /// <summary>Start of the current unbroken deprivation of liberty, credited to a sentence as time served.</summary>
        private Window? _deprivedSince;

        /// <summary>Where the custodial part of the sentence being served started; a reduction on appeal counts from it.</summary>
        private Window? _sentenceStart;

        /// <summary>Days deprived of liberty in earlier spells since the last verdict or acquittal, credited against a sentence.</summary>
        private int _creditDays;

        /// <summary>"Presumed released at end of term", applied if no event changes custody before that day.</summary>
        private Transition? _endOfTerm;

        private DateOnly? _sentenceEnd;

        private CustodyStatus Status => _transitions.Count == 0 ? Free : _transitions[^1].Status;

        public CustodyTimeline Build(IEnumerable<CustodyEvent> events)
        {
            var placed = new List<(CustodyEvent Event, FuzzyDate Date)>();
            foreach (var e in events)
            {
                if (NoCustodyEffectTypes.Contains(e.Type))
                {
                    continue;
                }
                if (!CustodyEffectTypes.Contains(e.Type))
                {
                    _ignored.Add(e.EventId);
                }
                else if (e.Date is not { } date)
                {
                    _warnings.Add(new CustodyWarning(e.EventId, e.Type, null, CustodyWarnings.Undated));
                    _ignored.Add(e.EventId);
                }
                else
                {
                    placed.Add((e, date));
                }
            }

            // Equal dates: the order of a procedure (arrest before verdict before release); OrderBy is stable,
            // so what is still tied keeps the order it was given in.
            foreach (
                var (e, date) in placed
                    .OrderBy(p => p.Date.Earliest)
                    .ThenBy(p => p.Date.Precision)
                    .ThenBy(p => ProceduralOrder.Rank(p.Event.Type))
            )
            {
                Apply(e, date);
            }
            if (_endOfTerm is { } endOfTerm)
            {
                MoveTo(endOfTerm);
            }
            return new CustodyTimeline(Intervals(), _warnings, _ignored, _sentenceEnd);
        }

        private void Apply(CustodyEvent e, FuzzyDate date)
        {
            if (Status == Deceased)
            {
                Warn(e, date, CustodyWarnings.AfterDeath);
                _ignored.Add(e.EventId);
                return;
            }
            var when = Window.Of(date);
            ReleaseAtEndOfTermIfPassed(e, date, when);

            switch (e.Type)
            {
                case "arrest":
                    if (CustodyStatuses.IsDeprivedOfLiberty(Status))
                    {
                        Warn(e, date, CustodyWarnings.ArrestWhileDetained, CustodyStatuses.Code(Status));
                    }
                    MoveTo(PoliceCustody, e, date);
                    break;
                case "pre-trial-detention-order" or "detention-extension":
                    MoveTo(PreTrialDetention, e, date);
                    break;
                case "house-arrest":
                    MoveTo(HouseArrest, e, date);
                    break;
                case "administrative-detention":
                    MoveTo(AdministrativeDetention, e, date);
                    break;
                case "bail-request":
                    switch (e.Decision)
                    {
                        case "granted":
                            MoveTo(Bail, e, date);
                            break;
                        case "refused":
                            break;
                        default:
                            WarnUnknownDecision(e, date);
                            break;
                    }
                    break;
                case "transfer":
                    if (!CustodyStatuses.IsDeprivedOfLiberty(Status))
                    {
                        Warn(e, date, CustodyWarnings.TransferWhileFree, CustodyStatuses.Code(Status));
                        MoveTo(PreTrialDetention, e, date);
                    }
                    break;
                case "verdict":
                    switch (e.Decision)
                    {
                        case "convicted":
                            Convict(e, date, reducedOnAppeal: false);
                            break;
                        case "acquitted":
                            Acquit(e, date);
                            break;
                        default:
                            WarnUnknownDecision(e, date);
                            break;
                    }
                    break;
                case "appeal-decision":
                    switch (e.Decision)
                    {
                        case "acquitted":
                            Acquit(e, date);
                            break;
                        case "suspended":
                            MoveTo(SuspendedSentence, e, date);
                            break;
                        case "reduced" when e.Sentence is null:
                            Warn(e, date, CustodyWarnings.ReducedWithoutTerm);
                            break;
                        case "reduced":
                            Convict(e, date, reducedOnAppeal: true);
                            break;
                        case "upheld" when Status == SuspendedSentence:
                            // The suspended sentence is now final: the case is closed and the person is free.
                            MoveTo(Free, e, date);
                            break;
                        case "upheld" or "retrial":
                            break;
                        default:
                            WarnUnknownDecision(e, date);
                            break;
                    }
                    break;
                case "sentence-suspended":
                    MoveTo(SuspendedSentence, e, date);
                    break;
                case "release":
                    if (Status == Free)
                    {
                        Warn(e, date, CustodyWarnings.ReleaseWhileFree);
                    }
                    MoveTo(
                        e.ReleaseReason switch
                        {
                            "bail" => Bail,
                            "suspension" => SuspendedSentence,
                            _ => Free,
                        },
                        e,
                        date
                    );
                    break;
                case "deportation" or "return-from-exile" or "reappearance":
                    MoveTo(Free, e, date);
                    break;
                case "exile":
                    MoveTo(Exile, e, date);
                    break;
                case "enforced-disappearance":
                    MoveTo(Disappeared, e, date);
                    break;
                case "death":
                    MoveTo(Deceased, e, date);
                    break;
            }
        }

        private void Convict(CustodyEvent e, FuzzyDate date, bool reducedOnAppeal)
        {
            if (Status == Exile)
            {
                // A conviction in absentia does not put someone abroad in prison.
                Warn(e, date, CustodyWarnings.ConvictionInExile);
                return;
            }
            var when = Window.Of(date);
            var term = e.Sentence;
            // Time already served (this spell and earlier ones, e.g. pre-trial detention before bail) counts towards the term.
            var credit = term is { TimeServedCredited: true } ? _creditDays : 0;
            var start =
                reducedOnAppeal && Status == ServingSentence && _sentenceStart is { } servedFrom ? servedFrom
                : term is { TimeServedCredited: true } && _deprivedSince is { } detainedFrom ? detainedFrom.Shift(-credit)
                : when.Shift(-credit);
            if (!reducedOnAppeal)
            {
                _creditDays = 0;
            }
            var end = term is null ? start : new Window(term.CustodialEnd(start.Earliest), term.CustodialEnd(start.Latest));

            if (end.Earliest > start.Earliest)
            {
                _sentenceEnd = end.Earliest;
                // After the custodial part, a suspended remainder keeps the case open: at liberty, not free of it.
                var afterTerm = term is { HasSuspendedPart: true } ? SuspendedSentence : Free;
                if (end.Earliest <= when.Earliest)
                {
                    if (afterTerm == SuspendedSentence)
                    {
                        MoveTo(SuspendedSentence, e, date);
                        return;
                    }
                    Warn(e, date, CustodyWarnings.TermServed, day: end.Earliest, termStart: start.Earliest);
                    MoveTo(new Transition(Free, when, date, e.EventId, Presumed: true));
                    return;
                }
                MoveTo(ServingSentence, e, date);
                _sentenceStart = start;
                _endOfTerm = new Transition(afterTerm, end, FuzzyDate.FromDate(end.Earliest), e.EventId, Presumed: true);
            }
            else if (term is { HasSuspendedPart: true })
            {
                MoveTo(SuspendedSentence, e, date);
            }
            else if (CustodyStatuses.IsDeprivedOfLiberty(Status))
            {
                MoveTo(ServingSentence, e, date);
            }
            else
            {
                Warn(e, date, CustodyWarnings.ConvictionWithoutTerm, CustodyStatuses.Code(Status));
            }
        }

        private void Acquit(CustodyEvent e, FuzzyDate date)
        {
            _sentenceEnd = null;
            MoveTo(Free, e, date);
            _creditDays = 0; // after the move, which adds the spell just ended
        }

        /// <summary>
        /// Called before each event: if the person was serving a sentence whose end has passed, they are presumed
        /// released on that day, unless the event itself (a release, a transfer) shows they were still held.
        /// </summary>
        private void ReleaseAtEndOfTermIfPassed(CustodyEvent e, FuzzyDate date, Window when)
        {
            if (_endOfTerm is not { } endOfTerm || when.Earliest <= endOfTerm.Days.Earliest)
            {
                return;
            }
            if (e.Type is "release" or "transfer")
            {
                _endOfTerm = null;
                if (when.Earliest > endOfTerm.Days.Latest)
                {
                    Warn(e, date, CustodyWarnings.DetainedAfterTerm, day: endOfTerm.Days.Earliest);
                }
                return;
            }
            MoveTo(endOfTerm);
        }

        private void MoveTo(CustodyStatus status, CustodyEvent e, FuzzyDate date) =>
            MoveTo(new Transition(status, Window.Of(date), date, e.EventId, Presumed: false));

        private void MoveTo(Transition transition)
        {
            var before = Status;
            if (transition.Status != ServingSentence)
            {
                _endOfTerm = null;
                _sentenceStart = null;
            }
            if (!CustodyStatuses.IsDeprivedOfLiberty(transition.Status))
            {
                if (_deprivedSince is { } since && CustodyStatuses.IsDeprivedOfLiberty(before))
                {
                    _creditDays += Math.Max(0, transition.Days.Earliest.DayNumber - since.Earliest.DayNumber);
                }
                _deprivedSince = null;
            }
            else if (!CustodyStatuses.IsDeprivedOfLiberty(before))
            {
                _deprivedSince = transition.Days;
            }

            if (transition.Status == before)
            {
                return; // same status continues: one interval
            }
            if (_transitions.Count > 0 && _transitions[^1].Days.Earliest == transition.Days.Earliest)
            {
                // Two changes on the same day: the earlier one lasted no day at all.
                _transitions.RemoveAt(_transitions.Count - 1);
                if (transition.Status == Status)
                {
                    return;
                }
            }
            _transitions.Add(transition);
        }

        private List<CustodyInterval> Intervals()
        {
            var intervals = new List<CustodyInterval>(_transitions.Count);
            for (var i = 0; i < _transitions.Count; i++)
            {
                var start = _transitions[i];
                var end = i + 1 < _transitions.Count ? _transitions[i + 1] : null;
                intervals.Add(
                    new CustodyInterval(
                        start.Status,
                        start.Days.Earliest,
                        end?.Days.Earliest,
                        start.Date,
                        end?.Date,
                        start.EventId,
                        end?.EventId,
                        start.Presumed,
                        start.Days.Latest,
                        end?.Days.Latest
                    )
                );
            }
            return intervals;
        }

        private void WarnUnknownDecision(CustodyEvent e, FuzzyDate date) =>
            _warnings.Add(new CustodyWarning(e.EventId, e.Type, date, CustodyWarnings.UnknownDecision, Decision: e.Decision));

        private void Warn(
            CustodyEvent e,
            FuzzyDate date,
            string code,
            string? status = null,
            DateOnly? day = null,
            DateOnly? termStart = null
        ) => _warnings.Add(new CustodyWarning(e.EventId, e.Type, date, code, status, day, termStart));
    }
}
