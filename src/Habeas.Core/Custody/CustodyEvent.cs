using Habeas.Core.Dates;

namespace Habeas.Core.Custody;

/// <summary>
/// One event of a person's record as the custody timeline sees it. Type is an event-type code (arrest,
/// verdict, release, …; codes the timeline does not know have no custody effect). Decision: for bail-request
/// and extradition-decision granted / refused; for verdict convicted / acquitted; for appeal-decision upheld,
/// reduced, acquitted, retrial, suspended. Sentence: the term of a conviction or of a reduction on appeal.
/// ReleaseReason: end-of-term, bail, acquittal, pardon, amnesty, suspension, medical, other.
/// </summary>
public sealed record CustodyEvent(
    Guid EventId,
    string Type,
    FuzzyDate? Date,
    string? Decision = null,
    SentenceTerm? Sentence = null,
    string? ReleaseReason = null
);

/// <summary>
/// A sentence: the whole term, the suspended part of it, and whether time already spent in custody counts
/// towards it. The custodial part (term minus suspended part) is what is served.
/// </summary>
public sealed record SentenceTerm(
    int Years,
    int Months,
    int Days,
    int SuspendedYears = 0,
    int SuspendedMonths = 0,
    int SuspendedDays = 0,
    bool TimeServedCredited = true
)
{
    public bool HasSuspendedPart => SuspendedYears > 0 || SuspendedMonths > 0 || SuspendedDays > 0;

    /// <summary>
    /// The day custody ends when the custodial part starts on <paramref name="start"/>: years, then months, then
    /// days are added (so 6 months from 31 August ends on 28 or 29 February). Equal to <paramref name="start"/>
    /// when nothing is to be served.
    /// </summary>
    public DateOnly CustodialEnd(DateOnly start)
    {
        var months = (Years * 12) + Months - (SuspendedYears * 12) - SuspendedMonths;
        var end = start.AddYears(months / 12).AddMonths(months % 12).AddDays(Days - SuspendedDays);
        return end > start ? end : start;
    }
}
