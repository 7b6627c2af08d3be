using System.Text;
using System.Text.Json;
using Habeas.Core.Audit;
using Habeas.History;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Audit;

/// <summary>Writes audit entries inside the caller's transaction, and checks the log.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions EntryJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>
    /// One thing to record. A record change gives the record's JSON before and after (the changed fields are
    /// worked out from them); other actions (sign-in, permission change, export, confidential read) give their
    /// changed fields directly and any details. Confidential values never come here in clear: callers pass
    /// their ciphertexts.
    /// </summary>
    public sealed record Change(string Action, string RecordType, Guid RecordId, string? Before, string? After,
        IReadOnlyDictionary<string, string?[]>? Changes = null, IReadOnlyDictionary<string, string?>? Details = null);

    /// <summary>
    /// Adds one entry per change, numbered after the last committed one. The caller holds a write
    /// transaction: SQLite's is IMMEDIATE (one writer at a time); on PostgreSQL an advisory lock orders writers.
    /// </summary>
    public static async Task AppendAsync(HabeasDb db, IReadOnlyList<Change> changes, DateTimeOffset at, string? actor, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }
        db.AuditEntries.AddRange(Entries(changes, await NextSequenceAsync(db, cancellationToken), at, actor));
    }

    /// <summary>The number the next entry takes. On PostgreSQL it first takes the advisory lock that orders writers
    /// (held to the end of the caller's transaction); SQLite's write transaction is IMMEDIATE already.</summary>
    public static async Task<long> NextSequenceAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242002)", cancellationToken);
        }
        return (await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0) + 1;
    }

    /// <summary>The entries of these changes, numbered from <paramref name="first"/>, each with its leaf hash
    /// (AppendAsync adds them to the context; the import's bulk writer inserts them itself).</summary>
    public static List<AuditEntry> Entries(IReadOnlyList<Change> changes, long first, DateTimeOffset at, string? actor)
    {
        var entries = new List<AuditEntry>(changes.Count);
        var next = first;
        foreach (var change in changes)
        {
            var fields = change.Changes ?? Snapshots.Diff(change.Before, change.After).ToDictionary(d => d.Key, d => new[] { d.Value.Before, d.Value.After });
            var text = change.Details is null
                ? JsonSerializer.Serialize(new { sequence = next, at = Timestamp(at), actor, action = change.Action, recordType = change.RecordType, recordId = change.RecordId, changes = fields }, EntryJson)
                : JsonSerializer.Serialize(new { sequence = next, at = Timestamp(at), actor, action = change.Action, recordType = change.RecordType, recordId = change.RecordId, changes = fields, details = change.Details }, EntryJson);
            entries.Add(new AuditEntry
            {
                Sequence = next++,
                At = at,
                Actor = actor,
                Action = change.Action,
                RecordType = change.RecordType,
                RecordId = change.RecordId,
                Entry = text,
                LeafHash = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(text)),
            });
        }
        return entries;
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The leaf hashes of the whole log, in order (for tree heads and proofs).</summary>
    public static async Task<List<byte[]>> LeafHashesAsync(HabeasDb db, CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.LeafHash).ToListAsync(cancellationToken);

    /// <summary>Checks every entry against its leaf hash and the sequence; the first bad entry, or null.</summary>
    public static async Task<AuditChainFailure?> VerifyAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Entry, e.LeafHash }).ToListAsync(cancellationToken);
        var failure = AuditChainVerifier.Verify(entries.Select(e => new AuditChainEntry(e.Sequence, Encoding.UTF8.GetBytes(e.Entry), e.LeafHash)));
        if (failure is not null)
        {
            return failure;
        }
        // The entry text carries its own sequence: an entry moved to another row is caught here.
        foreach (var e in entries)
        {
            using var json = JsonDocument.Parse(e.Entry);
            if (json.RootElement.GetProperty("sequence").GetInt64() != e.Sequence)
            {
                return new AuditChainFailure(e.Sequence, "entry text belongs to another position");
            }
        }
        return null;
    }
}
