using Habeas.Platform.Access;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>
/// Putting an action on the public site, or taking it off, is publishing: coordinators and administrators only, and only
/// someone who may see every case of the action (its text names the people of those cases). A part of every save
/// (Storage/RecordSaving.cs).
/// </summary>
public sealed class PublishedActionsCheck : ISavePart
{
    public int Order => 30;

    public bool AfterAudit => false;

    public async Task<bool> PrepareAsync(HabeasDb db, SaveBatch save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (
            var entry in db
                .ChangeTracker.Entries<CampaignAction>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified)
                .ToList()
        )
        {
            var before = entry.State != EntityState.Added && entry.Property(a => a.Public).OriginalValue;
            if (entry.Entity.Public != before && !db.Viewer.MayPublish)
            {
                throw new AccessDeniedException("Only coordinators and administrators put actions on the public site or take them off it.");
            }
            // Whoever sees every restricted record (administrators, the operator, a directory import) sees every case.
            if (entry.Entity.Public && !before && !db.Viewer.SeesAllRestricted)
            {
                var id = entry.Entity.Id;
                var cases = entry
                    .Entity.Cases.Select(c => c.CaseId)
                    .Union(
                        await db.Set<ActionCase>()
                            .AsNoTracking()
                            .Where(c => c.ActionId == id)
                            .Select(c => c.CaseId)
                            .ToListAsync(cancellationToken)
                    )
                    .ToList();
                if (await db.Set<Case>().CountAsync(c => cases.Contains(c.Id), cancellationToken) != cases.Count)
                {
                    throw new AccessDeniedException("Only someone who may see every case of an action puts it on the public site.");
                }
            }
        }
        return false;
    }

    public void CheckNew(HabeasDb db, IReadOnlyList<IVersioned> records) { }

    public Task WriteAsync(HabeasDb db, SaveBatch save, SaveRows rows, CancellationToken cancellationToken) => Task.CompletedTask;
}
