using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>
/// Putting an action on the public site, or taking it off, is publishing: coordinators and administrators only, and only
/// someone who may see every case of the action (its text names the people of those cases). Checked by the endpoint or
/// page before it saves; a refusal throws <see cref="AccessDeniedException"/>, answered 403 with the reason.
/// </summary>
public static class ActionPublishing
{
    /// <summary>Checks a change of <paramref name="action"/>'s <c>Public</c> from <paramref name="wasPublic"/> (false for a
    /// new action) by the viewer of <paramref name="db"/>.</summary>
    public static async Task CheckAsync(HabeasDb db, CampaignAction action, bool wasPublic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        if (action.Public == wasPublic)
        {
            return;
        }
        if (!db.Viewer.MayPublish)
        {
            throw new AccessDeniedException(Habeas.Platform.Api.Problems.Texts["actions.refused.publishRole"]);
        }
        // Whoever sees every restricted record (administrators, the operator, a directory import) sees every case.
        if (action.Public && !db.Viewer.SeesAllRestricted)
        {
            var id = action.Id;
            var stored = await db.Set<ActionCase>()
                .AsNoTracking()
                .Where(c => c.ActionId == id)
                .Select(c => c.CaseId)
                .ToListAsync(cancellationToken);
            var cases = action.Cases.Select(c => c.CaseId).Union(stored).ToList();
            if (await db.Set<Case>().CountAsync(c => cases.Contains(c.Id), cancellationToken) != cases.Count)
            {
                throw new AccessDeniedException(Habeas.Platform.Api.Problems.Texts["actions.refused.publishCases"]);
            }
        }
    }
}
