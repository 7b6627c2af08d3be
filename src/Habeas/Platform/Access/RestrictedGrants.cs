using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Access;

/// <summary>
/// A part of every save (Platform/Storage/RecordSaving.cs): whoever makes a record restricted, without seeing every
/// restricted record already, is named on it (a <see cref="RecordGrant"/>), so they keep seeing what they restricted.
/// Who may set a level at all is checked before the save, by the feature (<see cref="LevelRule"/>).
/// </summary>
public sealed class RestrictedGrants : ISavePart
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
            var before = entry.State == EntityState.Added ? null : entry.Property(e => e.Level).OriginalValue;
            Grant(db, entry.Entity, before);
        }
        return Task.FromResult(false);
    }

    public void PrepareNew(HabeasDb db, IReadOnlyList<IVersioned> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records.OfType<IHasLevel>())
        {
            Grant(db, record, null);
        }
    }

    public Task WriteAsync(HabeasDb db, SaveBatch save, SaveRows rows, CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Grant(HabeasDb db, IHasLevel record, string? before)
    {
        if (record.Level != RecordLevels.Restricted || before == RecordLevels.Restricted)
        {
            return;
        }
        if (
            db.Viewer is { UserId: { } userId, SeesAllRestricted: false }
            && !db.RecordGrants.Local.Any(g => g.RecordId == record.Id && g.UserId == userId)
        )
        {
            db.RecordGrants.Add(
                new RecordGrant
                {
                    RecordType = ((IVersioned)record).RecordType,
                    RecordId = record.Id,
                    UserId = userId,
                    CreatedAt = db.Time.GetUtcNow(),
                    CreatedBy = db.Actor,
                }
            );
        }
    }
}
