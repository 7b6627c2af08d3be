using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Access;

/// <summary>
/// The level rule of every save (a part of Storage/RecordSaving.cs): publishing (making a record public) and unpublishing
/// are for coordinators and administrators; whoever makes a record restricted is named on it, so they keep seeing what
/// they restricted.
/// </summary>
public sealed class LevelRule : ISavePart
{
    public int Order => 20;

    public bool AfterAudit => false;

    public Task<bool> PrepareAsync(HabeasDb db, SaveBatch save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (
            var entry in db.ChangeTracker.Entries<IHasLevel>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList()
        )
        {
            Check(db, entry.Entity, entry.State == EntityState.Added ? null : entry.Property(e => e.Level).OriginalValue);
        }
        return Task.FromResult(false);
    }

    public void CheckNew(HabeasDb db, IReadOnlyList<IVersioned> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            if (record is IHasLevel leveled)
            {
                Check(db, leveled, null);
            }
        }
    }

    public Task WriteAsync(HabeasDb db, SaveBatch save, SaveRows rows, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The rule for one record whose level was <paramref name="before"/> (null for a new record).</summary>
    private static void Check(HabeasDb db, IHasLevel record, string? before)
    {
        var level = record.Level;
        if (level == before)
        {
            return;
        }
        if (!RecordLevels.IsValid(level))
        {
            throw new AccessDeniedException($"'{level}' is not a record level; use one of: {string.Join(", ", RecordLevels.All)}.");
        }
        if ((level == RecordLevels.Public || before == RecordLevels.Public) && !db.Viewer.MayPublish)
        {
            throw new AccessDeniedException("Only coordinators and administrators publish records or take them off the public site.");
        }
        if (level == RecordLevels.Restricted && db.Viewer is { UserId: { } userId, SeesAllRestricted: false })
        {
            var recordType = ((IVersioned)record).RecordType;
            var recordId = record.Id;
            if (!db.RecordGrants.Local.Any(g => g.RecordId == recordId && g.UserId == userId))
            {
                db.RecordGrants.Add(
                    new RecordGrant
                    {
                        RecordType = recordType,
                        RecordId = recordId,
                        UserId = userId,
                        CreatedAt = db.Time.GetUtcNow(),
                        CreatedBy = db.Actor,
                    }
                );
            }
        }
    }
}
