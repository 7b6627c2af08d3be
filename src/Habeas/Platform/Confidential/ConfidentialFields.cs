using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Confidential;

/// <summary>
/// The confidential fields of each record type, and the only way to read or write their values. Reading needs
/// the viewer's confidential grant (which sign-in gives only with two-factor authentication) and is itself an
/// audit entry, committed before the values are returned: if the entry cannot be written, nothing is shown.
/// Values are encrypted per row (<see cref="KeyRing"/>); the audit log keeps the ciphertexts, never the text.
/// </summary>
public static class ConfidentialFields
{
    /// <summary>Field codes by record type (labels: "confidential.{code}" in the interface texts).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByRecordType = new Dictionary<string, string[]>
    {
        ["person"] = ["family-contacts", "prison-address", "health"],
        ["event"] = ["witnesses"],
        ["source"] = ["source-identity"],
    };

    public const int MaxLength = 4000;

    public static bool Has(string recordType) => ByRecordType.ContainsKey(recordType);

    internal static string AssociatedData(string recordType, Guid recordId, string field) =>
        $"confidential_values|ciphertext|{recordType}/{recordId:D}/{field}";

    /// <summary>The record's confidential values (only the <paramref name="fields"/> named, when given: the audit entry
    /// then names only those), decrypted, after writing the audit entry of this read.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(
        HabeasDb db,
        KeyRing keys,
        string recordType,
        Guid recordId,
        CancellationToken cancellationToken,
        IReadOnlyCollection<string>? fields = null
    )
    {
        Demand(db);
        var rows = await db
            .ConfidentialValues.AsNoTracking()
            .Where(v => v.RecordType == recordType && v.RecordId == recordId)
            .ToListAsync(cancellationToken);
        rows = rows.Where(r => fields is null || fields.Contains(r.Field)).ToList();
        db.LogAction(
            "confidential-read",
            recordType,
            recordId,
            details: new Dictionary<string, string?>
            {
                ["fields"] = string.Join(",", rows.Select(r => r.Field).Order(StringComparer.Ordinal)),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return rows.ToDictionary(r => r.Field, r => keys.Decrypt(r.Ciphertext, AssociatedData(r.RecordType, r.RecordId, r.Field)));
    }

    /// <summary>Which confidential fields hold a value, without reading them (no grant needed, nothing decrypted).</summary>
    public static async Task<IReadOnlyList<string>> FilledAsync(
        HabeasDb db,
        string recordType,
        Guid recordId,
        CancellationToken cancellationToken
    ) =>
        await db
            .ConfidentialValues.AsNoTracking()
            .Where(v => v.RecordType == recordType && v.RecordId == recordId)
            .Select(v => v.Field)
            .ToListAsync(cancellationToken);

    /// <summary>Problems with values about to be written, by field code; empty when they can be saved.</summary>
    public static Api.Validation Validate(string recordType, IReadOnlyDictionary<string, string?> values)
    {
        var validation = new Api.Validation();
        var fields = ByRecordType.GetValueOrDefault(recordType) ?? [];
        if (!validation.Count("fields", values.Count, Api.InputLimits.ConfidentialFields))
        {
            return validation;
        }
        foreach (var (field, value) in values)
        {
            if (!fields.Contains(field))
            {
                validation.Add(
                    field,
                    "confidential.error.field",
                    field,
                    Api.Problems.Noun(recordType),
                    Api.Problems.LabelledCodes(fields, f => "field." + f)
                );
            }
            else if (value?.Length > MaxLength)
            {
                validation.Add(field, "validation.tooLong", new Api.Validation.Label("field." + field), MaxLength, value.Length);
            }
        }
        return validation;
    }

    /// <summary>
    /// Sets (or, with a blank value, removes) confidential values of a record whose confidential set was read at
    /// <paramref name="readVersion"/>, and saves, with the set's next version when anything changed (History/PartVersion).
    /// Fields not named are left alone. The audit entry holds the old and new ciphertexts of each changed field. Returns
    /// false, having written nothing, when the set was changed since that version.
    /// </summary>
    public static async Task<bool> TrySaveAsync(
        HabeasDb db,
        KeyRing keys,
        string recordType,
        Guid recordId,
        IReadOnlyDictionary<string, string?> values,
        int readVersion,
        CancellationToken cancellationToken
    )
    {
        var (before, after) = await ApplyAsync(db, keys, recordType, recordId, values, cancellationToken);
        return await History.PartVersions.TrySaveAsync(
            db,
            recordType,
            recordId,
            History.PartVersions.Confidential,
            readVersion,
            before,
            after,
            cancellationToken
        );
    }

    /// <summary>
    /// Sets (or removes) values as <see cref="TrySaveAsync"/> does, without checking or adding a version; the caller saves.
    /// For code that writes values together with new records (demo data, tests), where no editor read a version.
    /// </summary>
    public static async Task WriteAsync(
        HabeasDb db,
        KeyRing keys,
        string recordType,
        Guid recordId,
        IReadOnlyDictionary<string, string?> values,
        CancellationToken cancellationToken
    ) => await ApplyAsync(db, keys, recordType, recordId, values, cancellationToken);

    /// <summary>Applies the values and logs the change; returns the field → ciphertext set before and after.</summary>
    private static async Task<(Dictionary<string, string?> Before, Dictionary<string, string?> After)> ApplyAsync(
        HabeasDb db,
        KeyRing keys,
        string recordType,
        Guid recordId,
        IReadOnlyDictionary<string, string?> values,
        CancellationToken cancellationToken
    )
    {
        Demand(db);
        var existing = await db
            .ConfidentialValues.Where(v => v.RecordType == recordType && v.RecordId == recordId)
            .ToListAsync(cancellationToken);
        var before = existing.ToDictionary(r => r.Field, r => (string?)r.Ciphertext);
        var changes = new Dictionary<string, string?[]>();
        foreach (var (field, raw) in values)
        {
            var value = string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
            var row = existing.FirstOrDefault(r => r.Field == field);
            var ad = AssociatedData(recordType, recordId, field);
            if (row is not null && value is not null && keys.Decrypt(row.Ciphertext, ad) == value)
            {
                continue;
            }
            if (row is null && value is null)
            {
                continue;
            }
            var ciphertext = value is null ? null : keys.Encrypt(value, ad);
            changes[field] = [row?.Ciphertext, ciphertext];
            if (ciphertext is null)
            {
                db.ConfidentialValues.Remove(row!);
            }
            else if (row is null)
            {
                db.ConfidentialValues.Add(
                    new ConfidentialValue
                    {
                        RecordType = recordType,
                        RecordId = recordId,
                        Field = field,
                        Ciphertext = ciphertext,
                        UpdatedAt = db.Time.GetUtcNow(),
                        UpdatedBy = db.Actor,
                    }
                );
            }
            else
            {
                row.Ciphertext = ciphertext;
                row.UpdatedAt = db.Time.GetUtcNow();
                row.UpdatedBy = db.Actor;
            }
        }
        var after = new Dictionary<string, string?>(before);
        foreach (var (field, change) in changes)
        {
            after[field] = change[1];
        }
        if (changes.Count > 0)
        {
            db.LogAction("confidential-updated", recordType, recordId, changes);
        }
        return (before, after.Where(p => p.Value is not null).ToDictionary());
    }

    /// <summary>
    /// After a refused save: the confidential fields changed since <paramref name="readVersion"/> (compared decrypted, so
    /// a key rotation is no change). With <paramref name="reveal"/> the values then and now are returned, and this is a
    /// read of those fields, audited like any other; without it only the field names are (the API's 409).
    /// </summary>
    public static async Task<Api.Saving.SavedSince?> SavedSinceAsync(
        HabeasDb db,
        KeyRing keys,
        string recordType,
        Guid recordId,
        int readVersion,
        bool reveal,
        CancellationToken cancellationToken
    )
    {
        Demand(db);
        var since = await History.PartVersions.SinceAsync(
            db,
            recordType,
            recordId,
            History.PartVersions.Confidential,
            readVersion,
            (field, ciphertext) => ciphertext is null ? null : keys.Decrypt(ciphertext, AssociatedData(recordType, recordId, field)),
            cancellationToken
        );
        if (since is null)
        {
            return null;
        }
        if (!reveal)
        {
            return since with { Changes = since.Changes.Select(c => c with { WhenRead = null, Now = null }).ToList() };
        }
        db.LogAction(
            "confidential-read",
            recordType,
            recordId,
            details: new Dictionary<string, string?> { ["fields"] = string.Join(",", since.Changes.Select(c => c.Field)) }
        );
        await db.SaveChangesAsync(cancellationToken);
        return since;
    }

    /// <summary>
    /// Re-encrypts every confidential value with the key ring's newest key in one transaction, then makes that key
    /// current; older keys stay in the ring for old backups. Returns the new key id and how many values moved.
    /// </summary>
    public static async Task<(string KeyId, int Count)> RotateAsync(HabeasDb db, KeyRing keys, CancellationToken cancellationToken)
    {
        var newKey = keys.AddKey();
        var rows = await db.ConfidentialValues.ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var ad = AssociatedData(row.RecordType, row.RecordId, row.Field);
            row.Ciphertext = keys.EncryptWith(newKey, keys.Decrypt(row.Ciphertext, ad), ad);
        }
        db.LogAction(
            "keys-rotated",
            "key-ring",
            Guid.Empty,
            details: new Dictionary<string, string?>
            {
                ["key"] = newKey,
                ["values"] = rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        keys.MakeCurrent(newKey);
        return (newKey, rows.Count);
    }

    private static void Demand(HabeasDb db)
    {
        if (!db.Viewer.Confidential)
        {
            throw new Access.AccessDeniedException("confidential.error.grant");
        }
    }
}
