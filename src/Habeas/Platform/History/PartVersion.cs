using System.Text.Json;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.History;

/// <summary>
/// One saved state of a part of a record that is edited apart from the record itself: its access list
/// (<see cref="PartVersions.Access"/>) or its confidential values (<see cref="PartVersions.Confidential"/>). A save from
/// version N adds version N+1 in the same transaction as the change; the unique index on (record type, record id, part,
/// version) lets only one of two saves from the same version commit. A part never saved through a versioned save is at
/// version 0. Append-only, like <see cref="RecordVersion"/> (triggers in migration 0022).
/// </summary>
public sealed class PartVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }

    /// <summary>"access" or "confidential".</summary>
    public required string Part { get; set; }
    public int Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }

    /// <summary>
    /// The part before and after this save, as JSON objects of field → value: for access "users" (emails) and "teams"
    /// (names); for confidential values each field's ciphertext, never its text.
    /// </summary>
    public required string Before { get; set; }
    public required string Data { get; set; }
}

/// <summary>The version rule of <see cref="PartVersion"/>: check, record, save, and tell what was saved since.</summary>
public static class PartVersions
{
    public const string Access = "access";
    public const string Confidential = "confidential";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<PartVersion?> LatestAsync(
        HabeasDb db,
        string recordType,
        Guid recordId,
        string part,
        CancellationToken cancellationToken
    ) =>
        await db
            .PartVersions.AsNoTracking()
            .Where(v => v.RecordType == recordType && v.RecordId == recordId && v.Part == part)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);

    public static async Task<int> CurrentAsync(
        HabeasDb db,
        string recordType,
        Guid recordId,
        string part,
        CancellationToken cancellationToken
    ) => (await LatestAsync(db, recordType, recordId, part, cancellationToken))?.Version ?? 0;

    /// <summary>
    /// Saves a change of a part read at <paramref name="readVersion"/>, with its new version, in one transaction. Returns
    /// false, having written nothing, when the part has moved on since: another save was seen first, or committed first
    /// (the unique index refused this one's version). A change that changes nothing saves without a new version.
    /// </summary>
    public static async Task<bool> TrySaveAsync(
        HabeasDb db,
        string recordType,
        Guid recordId,
        string part,
        int readVersion,
        IReadOnlyDictionary<string, string?> before,
        IReadOnlyDictionary<string, string?> after,
        CancellationToken cancellationToken
    )
    {
        if (await CurrentAsync(db, recordType, recordId, part, cancellationToken) != readVersion)
        {
            db.ForgetUnsaved();
            return false;
        }
        var beforeJson = JsonSerializer.Serialize(before, Json);
        var afterJson = JsonSerializer.Serialize(after, Json);
        if (beforeJson != afterJson)
        {
            db.PartVersions.Add(
                new PartVersion
                {
                    RecordType = recordType,
                    RecordId = recordId,
                    Part = part,
                    Version = readVersion + 1,
                    ChangedAt = db.Time.GetUtcNow(),
                    ChangedBy = db.Actor,
                    Before = beforeJson,
                    Data = afterJson,
                }
            );
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (StorageFaults.IsUniqueViolation(e))
        {
            db.ForgetUnsaved();
            return false;
        }
    }

    /// <summary>
    /// What was saved after an editor read <paramref name="readVersion"/>: the fields that differ between that version and
    /// the latest, their values passed through <paramref name="show"/> (field, stored value → the value to compare and show;
    /// the confidential part decrypts here). Null when nothing has been saved through a versioned save.
    /// </summary>
    public static async Task<Saving.SavedSince?> SinceAsync(
        HabeasDb db,
        string recordType,
        Guid recordId,
        string part,
        int readVersion,
        Func<string, string?, string?> show,
        CancellationToken cancellationToken
    )
    {
        var rows = db.PartVersions.AsNoTracking().Where(v => v.RecordType == recordType && v.RecordId == recordId && v.Part == part);
        var latest = await rows.OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }
        // The state at version N is what version N saved, or for version 0 what the first versioned save found.
        var read =
            readVersion <= 0
                ? await rows.Where(v => v.Version == 1).Select(v => v.Before).FirstOrDefaultAsync(cancellationToken)
                : await rows.Where(v => v.Version == readVersion).Select(v => v.Data).FirstOrDefaultAsync(cancellationToken);
        var then = Shown(read, show);
        var now = Shown(latest.Data, show);
        var changes = then
            .Keys.Union(now.Keys)
            .Order(StringComparer.Ordinal)
            .Where(f => then.GetValueOrDefault(f) != now.GetValueOrDefault(f))
            .Select(f => new Saving.FieldChange(f, then.GetValueOrDefault(f), now.GetValueOrDefault(f)))
            .ToList();
        return new Saving.SavedSince(Math.Max(readVersion, 0), latest.Version, latest.ChangedAt, latest.ChangedBy, changes);
    }

    private static Dictionary<string, string?> Shown(string? json, Func<string, string?, string?> show) =>
        Snapshots.Flatten(json).ToDictionary(p => p.Key, p => p.Value is null ? null : show(p.Key, p.Value));
}
