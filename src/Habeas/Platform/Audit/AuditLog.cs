using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Habeas.Core.Audit;
using Habeas.Platform.History;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Audit;

/// <summary>
/// Writes audit entries inside the caller's transaction, and checks the log. Every entry's hashed JSON carries its
/// own sequence, time, actor, action and record, and (from migration 0023 on) the size and root of the log before
/// it ("treeSize", "treeRoot"), so an entry changed and re-hashed is caught at the next one (docs/audit.md).
/// </summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions EntryJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The right edge of the tree after the last committed entry, per database, so appending does not reread the log.</summary>
    private static readonly ConcurrentDictionary<string, (MerkleFrontier Frontier, byte[] LastLeaf)> Frontiers = new(
        StringComparer.Ordinal
    );

    /// <summary>
    /// One thing to record. A record change gives the record's JSON before and after (the changed fields are
    /// worked out from them); other actions (sign-in, permission change, export, confidential read) give their
    /// changed fields directly and any details. Confidential values never come here in clear: callers pass
    /// their ciphertexts.
    /// </summary>
    public sealed record Change(
        string Action,
        string RecordType,
        Guid RecordId,
        string? Before,
        string? After,
        IReadOnlyDictionary<string, string?[]>? Changes = null,
        IReadOnlyDictionary<string, string?>? Details = null
    );

    /// <summary>
    /// Adds one entry per change, numbered after the last committed one. The caller holds a write
    /// transaction: SQLite's is IMMEDIATE (one writer at a time); on PostgreSQL an advisory lock orders writers.
    /// </summary>
    public static async Task AppendAsync(
        HabeasDb db,
        IReadOnlyList<Change> changes,
        DateTimeOffset at,
        string? actor,
        CancellationToken cancellationToken
    )
    {
        if (changes.Count == 0)
        {
            return;
        }
        db.AuditEntries.AddRange(Entries(changes, await TreeBeforeNextAsync(db, cancellationToken), at, actor));
    }

    /// <summary>
    /// The tree of the committed log, which the next entry extends. On PostgreSQL it first takes the advisory lock that
    /// orders writers (held to the end of the caller's transaction); SQLite's write transaction is IMMEDIATE already.
    /// </summary>
    public static async Task<MerkleFrontier> TreeBeforeNextAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242002)", cancellationToken);
        }
        var size = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var key = db.Database.GetConnectionString() ?? "";
        MerkleFrontier frontier;
        if (
            Frontiers.TryGetValue(key, out var known)
            && known.Frontier.Size <= size
            && known.Frontier.Size > 0
            && await LeafAtAsync(db, known.Frontier.Size, cancellationToken) is { } leaf
            && leaf.AsSpan().SequenceEqual(known.LastLeaf)
        )
        {
            frontier = known.Frontier.Copy();
        }
        else
        {
            frontier = new MerkleFrontier();
        }
        var last = known.LastLeaf;
        await foreach (
            var hash in db
                .AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > frontier.Size && e.Sequence <= size)
                .OrderBy(e => e.Sequence)
                .Select(e => e.LeafHash)
                .AsAsyncEnumerable()
                .WithCancellation(cancellationToken)
        )
        {
            frontier.Append(hash);
            last = hash;
        }
        if (frontier.Size > 0 && last is not null)
        {
            Frontiers[key] = (frontier.Copy(), last);
        }
        return frontier;
    }

    private static Task<byte[]?> LeafAtAsync(HabeasDb db, long sequence, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking().Where(e => e.Sequence == sequence).Select(e => e.LeafHash).FirstOrDefaultAsync(cancellationToken)!;

    /// <summary>The entries of these changes, numbered after the tree <paramref name="before"/> (which they extend), each
    /// committing to the size and root of the log before it and carrying its leaf hash (AppendAsync adds them to the
    /// context; the import's bulk writer inserts them itself).</summary>
    public static List<AuditEntry> Entries(IReadOnlyList<Change> changes, MerkleFrontier before, DateTimeOffset at, string? actor)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(before);
        var tree = before.Copy();
        var entries = new List<AuditEntry>(changes.Count);
        foreach (var change in changes)
        {
            var fields = change.Changes
                ?? Snapshots.Diff(change.Before, change.After).ToDictionary(d => d.Key, d => new[] { d.Value.Before, d.Value.After });
            var sequence = tree.Size + 1;
            var treeRoot = Convert.ToHexStringLower(tree.Root());
            var text = change.Details is null
                ? JsonSerializer.Serialize(
                    new
                    {
                        sequence,
                        treeSize = tree.Size,
                        treeRoot,
                        at = Timestamp(at),
                        actor,
                        action = change.Action,
                        recordType = change.RecordType,
                        recordId = change.RecordId,
                        changes = fields,
                    },
                    EntryJson
                )
                : JsonSerializer.Serialize(
                    new
                    {
                        sequence,
                        treeSize = tree.Size,
                        treeRoot,
                        at = Timestamp(at),
                        actor,
                        action = change.Action,
                        recordType = change.RecordType,
                        recordId = change.RecordId,
                        changes = fields,
                        details = change.Details,
                    },
                    EntryJson
                );
            var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(text));
            tree.Append(leaf);
            entries.Add(
                new AuditEntry
                {
                    Sequence = sequence,
                    At = at,
                    Actor = actor,
                    Action = change.Action,
                    RecordType = change.RecordType,
                    RecordId = change.RecordId,
                    Entry = text,
                    LeafHash = leaf,
                }
            );
        }
        return entries;
    }

    /// <summary>The action of the entry that records a lawful erasure; its details list the entries it erased.</summary>
    public const string ErasedAction = "person-erased";

    /// <summary>
    /// Erases the content of these entries for a lawful erasure request (Records/People/PersonErasure.cs): each entry's
    /// text keeps its place in the log (sequence, treeSize, treeRoot), when, who, the action and the record's type and id,
    /// and loses what changed; its leaf hash stays, so the tree, its stored heads and every proof still verify. The
    /// sequences erased are returned for the erasure's own entry, which <see cref="CheckAsync"/> requires for every
    /// erased entry.
    /// </summary>
    public static async Task<List<long>> EraseEntriesAsync(
        HabeasDb db,
        string recordType,
        Guid recordId,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await db
            .AuditEntries.Where(e => e.RecordType == recordType && e.RecordId == recordId)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var erased = new List<long>();
        foreach (var entry in entries)
        {
            using var document = JsonDocument.Parse(entry.Entry);
            var json = document.RootElement;
            if (json.TryGetProperty("erased", out _))
            {
                continue;
            }
            var kept = new System.Text.Json.Nodes.JsonObject();
            foreach (var name in (string[])["sequence", "treeSize", "treeRoot", "at", "actor", "action", "recordType", "recordId"])
            {
                if (json.TryGetProperty(name, out var value))
                {
                    kept[name] = System.Text.Json.Nodes.JsonNode.Parse(value.GetRawText());
                }
            }
            kept["erased"] = true;
            entry.Entry = kept.ToJsonString(EntryJson);
            erased.Add(entry.Sequence);
        }
        return erased;
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The leaf hashes of the whole log, in order (for tree heads and proofs).</summary>
    public static async Task<List<byte[]>> LeafHashesAsync(HabeasDb db, CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.LeafHash).ToListAsync(cancellationToken);

    /// <summary>The first bad entry, or null: <see cref="CheckAsync"/> without the stored heads' signatures.</summary>
    public static async Task<AuditChainFailure?> VerifyAsync(HabeasDb db, CancellationToken cancellationToken) =>
        (await CheckAsync(db, null, cancellationToken)).Failure;

    /// <summary>What <see cref="CheckAsync"/> found: the first bad entry (or null), the log's size and root, the first
    /// entry that commits to the tree before it (null when none does), and how many stored heads were checked.</summary>
    public sealed record Verification(AuditChainFailure? Failure, long Size, byte[] Root, long? ChainStart, int HeadsChecked);

    /// <summary>
    /// Reads the log once, in order, and names the first entry that is out of place, does not hash to its leaf, whose
    /// columns differ from its hashed JSON, or whose record of the log before it (treeSize, treeRoot) is not the log
    /// before it now; then checks every stored tree head against the root recomputed at its size (and its signature,
    /// when <paramref name="signer"/> holds the key from the key folder), naming the first entry after the last head
    /// that still matches. Entries from before migration 0023 carry no treeRoot: they are checked entry by entry, and
    /// the first chained entry commits to the root over all of them.
    /// </summary>
    public static async Task<Verification> CheckAsync(HabeasDb db, TreeHeadSigner? signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var heads = await db.AuditHeads.AsNoTracking().OrderBy(h => h.TreeSize).ToListAsync(cancellationToken);
        var tree = new MerkleFrontier();
        long? chainStart = null;
        long lastGoodHead = 0;
        var nextHead = 0;
        AuditChainFailure? failure = null;
        // Entries erased for a lawful erasure request: each must be named by a later erasure entry.
        var erasedUnaccounted = new SortedSet<long>();
        await foreach (
            var row in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken)
        )
        {
            failure = CheckEntry(row, tree, ref chainStart, erasedUnaccounted);
            if (failure is not null)
            {
                break;
            }
            tree.Append(row.LeafHash);
            for (; nextHead < heads.Count && heads[nextHead].TreeSize == tree.Size; nextHead++)
            {
                failure = CheckHead(heads[nextHead], tree, signer, lastGoodHead);
                if (failure is not null)
                {
                    break;
                }
                lastGoodHead = tree.Size;
            }
            if (failure is not null)
            {
                break;
            }
        }
        if (failure is null && erasedUnaccounted.Count > 0)
        {
            failure = new AuditChainFailure(
                erasedUnaccounted.Min,
                "the entry's content was removed without an erasure entry that names it"
            );
        }
        if (failure is null && nextHead < heads.Count)
        {
            var head = heads[nextHead];
            failure =
                heads[nextHead].TreeSize < 1
                    ? new AuditChainFailure(lastGoodHead + 1, "a stored tree head has an impossible size")
                    : new AuditChainFailure(
                        tree.Size + 1,
                        $"entries were removed: a stored signed head covers {head.TreeSize} entries, the log holds {tree.Size}"
                    );
        }
        return new Verification(failure, tree.Size, tree.Root(), chainStart, nextHead);
    }

    private static AuditChainFailure? CheckEntry(AuditEntry row, MerkleFrontier tree, ref long? chainStart, SortedSet<long> erased)
    {
        var sequence = tree.Size + 1;
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(row.Entry);
            json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            json = default;
        }
        // An erased entry (EraseEntriesAsync) no longer hashes to its leaf: its place is still checked below, and a later
        // erasure entry must name it.
        var isErased =
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty("erased", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (isErased)
        {
            if (row.Sequence != sequence)
            {
                return new AuditChainFailure(sequence, "an entry is missing or out of order");
            }
            erased.Add(sequence);
        }
        else if (
            AuditChainVerifier.Verify([new AuditChainEntry(row.Sequence, Encoding.UTF8.GetBytes(row.Entry), row.LeafHash)], sequence) is
            { } broken
        )
        {
            return broken;
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new AuditChainFailure(sequence, "the entry is not JSON");
        }
        if (
            !isErased
            && row.Action == ErasedAction
            && json.TryGetProperty("details", out var details)
            && details.TryGetProperty("sequences", out var sequences)
            && sequences.ValueKind == JsonValueKind.String
        )
        {
            foreach (var part in sequences.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var named))
                {
                    erased.Remove(named);
                }
            }
        }
        // The entry text carries its own sequence: an entry moved to another row is caught here.
        if (Number(json, "sequence") != sequence)
        {
            return new AuditChainFailure(sequence, "entry text belongs to another position");
        }
        if (ColumnsDiffer(row, json) is { } column)
        {
            return new AuditChainFailure(sequence, $"the {column} column differs from the hashed entry");
        }
        if (!json.TryGetProperty("treeRoot", out var claimedRoot))
        {
            return chainStart is null
                ? null
                : new AuditChainFailure(
                    sequence,
                    "the entry does not commit to the log before it, as every entry after the first chained one does"
                );
        }
        chainStart ??= sequence;
        if (Number(json, "treeSize") != tree.Size)
        {
            return new AuditChainFailure(
                sequence,
                $"out of place: it was written after entry {Number(json, "treeSize")?.ToString(CultureInfo.InvariantCulture) ?? "?"}"
            );
        }
        if (
            !string.Equals(
                claimedRoot.ValueKind == JsonValueKind.String ? claimedRoot.GetString() : null,
                Convert.ToHexStringLower(tree.Root()),
                StringComparison.Ordinal
            )
        )
        {
            // The entries up to the one before were those entry sequence - 1 committed to; the log before this entry is
            // not the one it was written after, so the entry before it changed (or this one was put after it).
            return sequence == 1
                ? new AuditChainFailure(sequence, "the first entry commits to a log before it")
                : new AuditChainFailure(
                    sequence - 1,
                    $"changed after entry {sequence} was written (or entry {sequence} was put after it): the log before entry {sequence} is not the one it committed to"
                );
        }
        return null;
    }

    private static AuditChainFailure? CheckHead(AuditHead stored, MerkleFrontier tree, TreeHeadSigner? signer, long lastGoodHead)
    {
        var firstUnsure = lastGoodHead + 1;
        SignedTreeHead signed;
        try
        {
            signed = SignedTreeHead.FromJson(stored.Head);
        }
        catch (FormatException)
        {
            return new AuditChainFailure(firstUnsure, $"the stored head at size {stored.TreeSize} is not a signed tree head");
        }
        if (signed.Head.TreeSize != stored.TreeSize || (signer is not null && !signer.Verify(signed)))
        {
            return new AuditChainFailure(
                firstUnsure,
                $"the stored head at size {stored.TreeSize} is not signed by this installation's audit key"
            );
        }
        if (!CryptographicOperations.FixedTimeEquals(signed.Head.RootHash, tree.Root()))
        {
            return new AuditChainFailure(
                firstUnsure,
                $"the log was rewritten after the last good signed head (size {lastGoodHead}): the head signed on {signed.Head.Timestamp:u} over {stored.TreeSize} entries no longer matches"
            );
        }
        return null;
    }

    /// <summary>The first of actor, action, record_type, record_id and at whose column differs from the hashed JSON, or null.</summary>
    public static string? ColumnsDiffer(AuditEntry row, JsonElement json)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!string.Equals(Text(json, "actor"), row.Actor, StringComparison.Ordinal))
        {
            return "actor";
        }
        if (!string.Equals(Text(json, "action"), row.Action, StringComparison.Ordinal))
        {
            return "action";
        }
        if (!string.Equals(Text(json, "recordType"), row.RecordType, StringComparison.Ordinal))
        {
            return "record_type";
        }
        if (!Guid.TryParse(Text(json, "recordId"), out var id) || id != row.RecordId)
        {
            return "record_id";
        }
        // The columns keep time to 100 µs (SQLite) or 1 µs (PostgreSQL); the JSON to the tick.
        if (
            !DateTimeOffset.TryParse(Text(json, "at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || (at - row.At).Duration() >= TimeSpan.FromMilliseconds(1)
        )
        {
            return "at";
        }
        return null;
    }

    private static long? Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
