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
    /// Adds one entry per changed record, numbered after the last committed one. The caller holds a write
    /// transaction: SQLite's is IMMEDIATE (one writer at a time); on PostgreSQL an advisory lock orders writers.
    /// </summary>
    public static async Task AppendAsync(HabeasDb db, IReadOnlyList<(string Action, string RecordType, Guid RecordId, string? Before, string? After)> changes,
        DateTimeOffset at, string? actor, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242002)", cancellationToken);
        }
        var next = (await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0) + 1;
        foreach (var (action, recordType, recordId, before, after) in changes)
        {
            var fields = Snapshots.Diff(before, after).ToDictionary(d => d.Key, d => new[] { d.Value.Before, d.Value.After });
            var text = JsonSerializer.Serialize(new
            {
                sequence = next,
                at = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                actor,
                action,
                recordType,
                recordId,
                changes = fields,
            }, EntryJson);
            db.AuditEntries.Add(new AuditEntry
            {
                Sequence = next++,
                At = at,
                Actor = actor,
                Action = action,
                RecordType = recordType,
                RecordId = recordId,
                Entry = text,
                LeafHash = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(text)),
            });
        }
    }

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
