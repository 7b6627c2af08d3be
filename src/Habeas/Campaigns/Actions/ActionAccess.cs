using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Files;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>
/// Who may see what an action holds (its files, replies and story, as staff see them): a reader who may see every case
/// of the action. A reply or a letter about a restricted case is as restricted as the case; to anyone else it does not exist.
/// </summary>
public static class ActionAccess
{
    public static async Task<bool> ActionVisibleAsync(HabeasDb db, Guid actionId, CancellationToken cancellationToken)
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == actionId, cancellationToken))
        {
            return false;
        }
        var caseIds = await db.Set<Campaigns.Actions.ActionCase>()
            .Where(c => c.ActionId == actionId)
            .Select(c => c.CaseId)
            .ToListAsync(cancellationToken);
        // The level filter leaves out the cases this reader may not see.
        return caseIds.Count == 0 || await db.Cases.CountAsync(c => caseIds.Contains(c.Id), cancellationToken) == caseIds.Count;
    }

    /// <summary>The files of this action with these ids (those that are not are left out).</summary>
    public static Task<List<StoredFile>> OfActionAsync(
        HabeasDb db,
        Guid actionId,
        IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken
    ) => db.StoredFiles.Where(f => f.ActionId == actionId && ids.Contains(f.Id)).ToListAsync(cancellationToken);
}
