using Habeas.Core.Campaigns;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions.Numbers;

/// <summary>
/// The campaign's numbers: across actions (how many closed ones ended in release or improvement, how long they took,
/// counts by kind and status, what was sent for each), and the events an action's timeline is drawn against.
/// Only actions' own data is counted across actions: no case is named.
/// </summary>
public static class ActionNumbers
{
    public sealed record KindDurations(string Kind, ActionOutcomes.Durations DaysToClose);

    public sealed record ActionTotal(Guid Id, string Code, string Title, string Kind, string Status, int Total);

    public sealed record Across(
        int Actions,
        int Closed,
        int Released,
        int Improved,
        int ReleaseOrImprovement,
        double? ShareReleaseOrImprovement,
        IReadOnlyDictionary<string, int> ByOutcome,
        ActionOutcomes.Durations DaysToClose,
        IReadOnlyList<KindDurations> DaysToCloseByKind,
        IReadOnlyDictionary<string, int> ByKind,
        IReadOnlyDictionary<string, int> ByStatus,
        IReadOnlyList<ActionTotal> Outreach
    );

    public static async Task<Across> AcrossAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var actions = await db
            .CampaignActions.AsNoTracking()
            .Select(a => new
            {
                a.Id,
                a.Code,
                a.Title,
                a.Kind,
                a.Status,
                a.IssuedOn,
                a.ClosedOn,
                a.Outcome,
            })
            .ToListAsync(cancellationToken);
        var sent = (await db.Outreach.AsNoTracking().Select(o => new { o.ActionId, o.Count }).ToListAsync(cancellationToken))
            .GroupBy(o => o.ActionId)
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Count));
        var closed = actions.Where(a => a.Status == ActionLifecycle.Closed).ToList();
        var released = closed.Count(a => ActionOutcomes.Of(a.Outcome) == ActionOutcomes.Effect.Release);
        var improved = closed.Count(a => ActionOutcomes.Of(a.Outcome) == ActionOutcomes.Effect.Improvement);
        var days = closed
            .Select(a => (a.Kind, Days: ActionOutcomes.DaysOpen(a.IssuedOn, a.ClosedOn)))
            .Where(d => d.Days is not null)
            .ToList();
        return new Across(
            actions.Count,
            closed.Count,
            released,
            improved,
            released + improved,
            closed.Count == 0 ? null : Math.Round((double)(released + improved) / closed.Count, 4),
            Count(closed.Where(a => a.Outcome is not null).Select(a => a.Outcome!)),
            ActionOutcomes.Durations.Of(days.Select(d => d.Days!.Value)),
            days.GroupBy(d => d.Kind)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new KindDurations(g.Key, ActionOutcomes.Durations.Of(g.Select(d => d.Days!.Value))))
                .ToList(),
            Count(actions.Select(a => a.Kind)),
            ActionLifecycle.Statuses.ToDictionary(s => s, s => actions.Count(a => a.Status == s)),
            actions
                .Select(a => new ActionTotal(a.Id, a.Code, a.Title, a.Kind, a.Status, sent.GetValueOrDefault(a.Id)))
                .OrderByDescending(a => a.Total)
                .ThenBy(a => a.Code, StringComparer.Ordinal)
                .ToList()
        );
    }

    internal static async Task<IResult> AcrossApiAsync(HabeasDb db, CancellationToken cancellationToken) =>
        Results.Ok(await AcrossAsync(db, cancellationToken));

    private static Dictionary<string, int> Count(IEnumerable<string> codes) =>
        codes
            .GroupBy(c => c, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Roles whose people's own events belong on an action's timeline (not witnesses or lawyers: who they are is not the
    /// campaign's).</summary>
    private static readonly string[] ConcernedRoles = ["defendant", "co-defendant"];

    /// <summary>
    /// The dated events of the action's cases that the reader may see: the cases' own events and those of their defendants
    /// (an arrest or release recorded on the person), oldest first. A case or event the reader may not see is left out by
    /// the database's filters, so it is neither drawn nor listed.
    /// </summary>
    public static async Task<IReadOnlyList<Event>> CaseEventsAsync(HabeasDb db, CampaignAction action, CancellationToken cancellationToken)
    {
        var ids = action.Cases.Select(c => c.CaseId).ToList();
        var caseIds = await db.Cases.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var personIds = await db
            .CaseParticipants.Where(p => caseIds.Contains(p.CaseId) && ConcernedRoles.Contains(p.Role))
            .Select(p => p.PersonId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var events = await db
            .Events.AsNoTracking()
            .Where(e =>
                e.SortDate != null
                && ((e.CaseId != null && caseIds.Contains(e.CaseId.Value)) || e.People.Any(p => personIds.Contains(p.PersonId)))
            )
            .ToListAsync(cancellationToken);
        return events.OrderBy(e => e.SortDate).ThenBy(e => e.Id).ToList();
    }
}
