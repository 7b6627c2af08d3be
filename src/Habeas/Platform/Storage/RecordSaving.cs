using System.Text.Json;
using Habeas.Platform.Audit;
using Habeas.Platform.History;
using Habeas.Platform.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Habeas.Platform.Storage;

/// <summary>
/// The one write path: what is written beside every change of a record, in the same transaction, in this order.
/// <list type="number">
/// <item>A changed part (a name, a tag, a participant) makes a new version of its record.</item>
/// <item>Each feature's <see cref="ISavePart"/> prepares, in its order: Custody notes whose timelines change, Access
/// names whoever restricts a record on it. (Who may save what is checked before, by the page or endpoint.)</item>
/// <item>Versions and times are stamped (a new record: version 1, created and updated now).</item>
/// <item>The records are written.</item>
/// <item>A history version per record (<see cref="RecordVersion"/>).</item>
/// <item>The parts that write before the audit log: Search writes search entries.</item>
/// <item>An audit entry per change and per logged action (<see cref="AuditLog"/>).</item>
/// <item>The parts that write after it: Custody rebuilds custody periods and their day counts.</item>
/// </list>
/// <see cref="HabeasDb.SaveChangesAsync(bool, CancellationToken)"/> runs all of it on the change tracker; the import's bulk
/// writer runs it on the records it creates (<see cref="PrepareNew"/>, then <see cref="WriteDerivedAsync"/>), its rows
/// written by its own inserts instead of the change tracker (<see cref="SaveRows"/>).
/// </summary>
public sealed class RecordSaving(HabeasDb db)
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    /// <summary>Every part of the assembly, in its order.</summary>
    public static readonly IReadOnlyList<ISavePart> Parts = typeof(ISavePart)
        .Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ISavePart).IsAssignableFrom(t))
        .Select(t => (ISavePart)Activator.CreateInstance(t)!)
        .OrderBy(p => p.Order)
        .ToList();

    /// <summary>Everything the change tracker holds, as <see cref="HabeasDb.SaveChangesAsync(bool, CancellationToken)"/>.</summary>
    internal async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        await MarkOwnersOfChangedPartsAsync(cancellationToken);
        var save = new SaveBatch(db.Time.GetUtcNow());
        var partsHaveWork = false;
        foreach (var part in Parts)
        {
            partsHaveWork |= await part.PrepareAsync(db, save, cancellationToken);
        }
        await StampTrackedAsync(save, cancellationToken);

        if (save.Changed.Count == 0 && !partsHaveWork && db.PendingAudit.Count == 0)
        {
            var saved = await db.WriteTrackedAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (db.Database.CurrentTransaction is null)
            {
                db.RunAfterCommit();
            }
            return saved;
        }

        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var deleted = save.Changed.Where(c => c.Change == "deleted").ToDictionary(c => c.Record, c => SnapshotText(c.Record));
            var count = await db.WriteTrackedAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var (record, change) in save.Changed)
            {
                if (change != "deleted")
                {
                    await LoadPartsAsync(db, db.Entry(record), cancellationToken);
                }
            }
            await WriteDerivedAsync(save, new TrackedRows(db), deleted, db.PendingAudit, cancellationToken);
            await db.WriteTrackedAsync(acceptAllChangesOnSuccess, cancellationToken);

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
                db.RunAfterCommit();
            }
            db.PendingAudit.Clear();
            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// New records the caller writes itself (the import's bulk writer): each part's check of new records, then version 1
    /// and its times. The caller writes the records, then <see cref="WriteDerivedAsync"/> with the batch returned.
    /// </summary>
    public SaveBatch PrepareNew(IReadOnlyList<IVersioned> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var save = new SaveBatch(db.Time.GetUtcNow());
        foreach (var part in Parts)
        {
            part.PrepareNew(db, records);
        }
        foreach (var record in records)
        {
            StampCreated(record, db.Model.FindEntityType(record.GetType())!, save.Now);
            save.Changed.Add((record, "created"));
        }
        return save;
    }

    /// <summary>Steps 5 to 8, for records already written: history versions, the parts before the audit log, the audit
    /// entries (of the changes and of <paramref name="logged"/> actions), the parts after it.</summary>
    public async Task WriteDerivedAsync(
        SaveBatch save,
        SaveRows rows,
        IReadOnlyDictionary<IVersioned, string>? deleted = null,
        IReadOnlyList<AuditLog.Change>? logged = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(rows);
        var audited = new List<AuditLog.Change>(save.Changed.Count);
        foreach (var (record, change) in save.Changed)
        {
            var data = deleted is not null && deleted.TryGetValue(record, out var gone) ? gone : SnapshotText(record);
            var before = change is "created" or "imported"
                ? null
                : await db
                    .RecordVersions.AsNoTracking()
                    .Where(v => v.RecordType == record.RecordType && v.RecordId == record.Id)
                    .OrderByDescending(v => v.Version)
                    .Select(v => v.Data)
                    .FirstOrDefaultAsync(cancellationToken);
            await rows.AddAsync(NewVersion(record, change, save.Now, data), cancellationToken);
            audited.Add(new AuditLog.Change(change, record.RecordType, record.Id, before, change == "deleted" ? null : data));
        }
        foreach (var part in Parts.Where(p => !p.AfterAudit))
        {
            await part.WriteAsync(db, save, rows, cancellationToken);
        }
        audited.AddRange(logged ?? []);
        if (audited.Count > 0)
        {
            await rows.FlushAsync(cancellationToken);
            foreach (var entry in AuditLog.Entries(audited, await AuditLog.TreeBeforeNextAsync(db, cancellationToken), save.Now, db.Actor))
            {
                await rows.AddAsync(entry, cancellationToken);
            }
        }
        foreach (var part in Parts.Where(p => p.AfterAudit))
        {
            await part.WriteAsync(db, save, rows, cancellationToken);
        }
    }

    /// <summary>The JSON kept in history for the record as it is now (its parts loaded).</summary>
    public static string SnapshotText(IVersioned record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record is not IRetractable { RetractedAt: { } at } retracted)
        {
            return JsonSerializer.Serialize(record.Snapshot(), SnapshotJson);
        }
        // A retracted record's version says when, by whom and why (history and the audit log keep the reason).
        var snapshot = JsonSerializer.SerializeToNode(record.Snapshot(), SnapshotJson)!.AsObject();
        snapshot["retracted"] = new System.Text.Json.Nodes.JsonObject
        {
            ["at"] = at,
            ["by"] = retracted.RetractedBy,
            ["reason"] = retracted.RetractionReason,
        };
        return snapshot.ToJsonString(SnapshotJson);
    }

    /// <summary>History keeps the whole record, including parts the saving user may not see.</summary>
    public static Task LoadPartsAsync(HabeasDb db, EntityEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        return db.AsSystemAsync(async () =>
        {
            foreach (var collection in entry.Collections)
            {
                if (!collection.IsLoaded && entry.State != EntityState.Added)
                {
                    await collection.LoadAsync(cancellationToken);
                }
            }
        });
    }

    private async Task StampTrackedAsync(SaveBatch save, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries<IVersioned>().ToList())
        {
            switch (entry.State)
            {
                case EntityState.Added when db.Importing:
                    save.Changed.Add((entry.Entity, "imported"));
                    break;
                case EntityState.Added:
                    StampCreated(entry.Entity, entry.Metadata, save.Now);
                    save.Changed.Add((entry.Entity, "created"));
                    break;
                case EntityState.Modified:
                    entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
                    if (entry.Metadata.FindProperty("UpdatedAt") is not null)
                    {
                        entry.Property("UpdatedAt").CurrentValue = save.Now;
                    }
                    save.Changed.Add((entry.Entity, ChangeOf(entry)));
                    break;
                case EntityState.Deleted:
                    await LoadPartsAsync(db, entry, cancellationToken);
                    save.Changed.Add((entry.Entity, "deleted"));
                    break;
            }
        }
    }

    /// <summary>"retracted" or "restored" when the save sets or clears a record's retraction, else "updated".</summary>
    private static string ChangeOf(EntityEntry entry) =>
        entry.Entity is IRetractable && entry.Property(nameof(IRetractable.RetractedAt)) is { IsModified: true } retracted
            ? retracted.CurrentValue is null
                ? "restored"
                : "retracted"
            : "updated";

    /// <summary>A new record's first version: version 1, created and updated now (for the types that keep those times).</summary>
    private static void StampCreated(IVersioned record, IEntityType type, DateTimeOffset now)
    {
        record.Version = 1;
        foreach (var name in (string[])["CreatedAt", "UpdatedAt"])
        {
            if (type.FindProperty(name)?.PropertyInfo is { } property)
            {
                property.SetValue(record, now);
            }
        }
    }

    /// <summary>The history row of a change (for a deletion, the version after the last one).</summary>
    private RecordVersion NewVersion(IVersioned record, string change, DateTimeOffset now, string data) =>
        new()
        {
            RecordType = record.RecordType,
            RecordId = record.Id,
            Version = record.Version + (change == "deleted" ? 1 : 0),
            Change = change,
            ChangedAt = now,
            ChangedBy = db.Actor,
            Data = data,
        };

    /// <summary>A changed name, tag, participant or event person makes a new version of its record.</summary>
    private async Task MarkOwnersOfChangedPartsAsync(CancellationToken cancellationToken)
    {
        var parts = db
            .ChangeTracker.Entries<IRecordPart>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity)
            .ToList();
        if (parts.Count == 0)
        {
            return;
        }
        // Looked up once: ChangeTracker.Entries detects changes at each call, which made this quadratic in what is tracked.
        var tracked = db.ChangeTracker.Entries<IVersioned>().ToDictionary(e => (e.Entity.GetType(), e.Entity.Id), e => e.Entity);
        foreach (var part in parts)
        {
            var owner = tracked.GetValueOrDefault((part.OwnerType, part.OwnerId))
                ?? await db.FindAsync(part.OwnerType, [part.OwnerId], cancellationToken) as IVersioned;
            if (owner is not null && db.Entry(owner) is { State: EntityState.Unchanged } entry)
            {
                entry.Property(nameof(IVersioned.Version)).IsModified = true;
            }
        }
    }
}

/// <summary>One save's changed records, in the order they are met, and what the parts keep between preparing and writing.</summary>
public sealed class SaveBatch(DateTimeOffset now)
{
    private readonly Dictionary<Type, object> _state = [];

    public DateTimeOffset Now { get; } = now;

    public List<(IVersioned Record, string Change)> Changed { get; } = [];

    /// <summary>A part's own state for this save (made empty at the first ask).</summary>
    public T State<T>()
        where T : class, new()
    {
        if (!_state.TryGetValue(typeof(T), out var state))
        {
            _state[typeof(T)] = state = new T();
        }
        return (T)state;
    }
}

/// <summary>
/// A feature's part of <see cref="RecordSaving"/>, found in the assembly: storage names no feature, each feature
/// declares what it adds to every save.
/// </summary>
public interface ISavePart
{
    /// <summary>Where it prepares among the parts (ascending).</summary>
    int Order { get; }

    /// <summary>Whether it writes after the audit entries (else before them).</summary>
    bool AfterAudit { get; }

    /// <summary>Before anything is stamped or written, on the change tracker: what to note in the batch or add to the
    /// save. Not a permission check: a feature checks before it saves. True when it has something to write even if no
    /// record changed.</summary>
    Task<bool> PrepareAsync(HabeasDb db, SaveBatch save, CancellationToken cancellationToken);

    /// <summary><see cref="PrepareAsync"/> for new records written without the change tracker.</summary>
    void PrepareNew(HabeasDb db, IReadOnlyList<IVersioned> records);

    /// <summary>Its rows, once the records are written.</summary>
    Task WriteAsync(HabeasDb db, SaveBatch save, SaveRows rows, CancellationToken cancellationToken);
}

/// <summary>Where the write path puts the rows it derives: the change tracker of a save, or the import's own inserts.</summary>
public abstract class SaveRows
{
    private readonly Dictionary<Type, object> _state = [];

    /// <summary>True when every changed record is new and written by the caller in this transaction: nothing stored to
    /// read back or replace, and their parts are in memory.</summary>
    public abstract bool AllNew { get; }

    public abstract ValueTask AddAsync(object row, CancellationToken cancellationToken);

    /// <summary>Writes what waits, before the write path reads the database.</summary>
    public virtual Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A part's state kept from one write to the next by the same writer (made empty at the first ask).</summary>
    public T State<T>()
        where T : class, new()
    {
        if (!_state.TryGetValue(typeof(T), out var state))
        {
            _state[typeof(T)] = state = new T();
        }
        return (T)state;
    }
}

/// <summary>Rows added to the change tracker, written by the save's second write.</summary>
internal sealed class TrackedRows(HabeasDb db) : SaveRows
{
    public override bool AllNew => false;

    public override ValueTask AddAsync(object row, CancellationToken cancellationToken)
    {
        db.Add(row);
        return ValueTask.CompletedTask;
    }
}
