using System.Security.Cryptography;

namespace Habeas.Core.Audit;

/// <summary>One stored audit entry as read back for checking: its sequence number, bytes and stored leaf hash.</summary>
public sealed record AuditChainEntry(long Sequence, byte[] EntryBytes, byte[] StoredLeafHash);

/// <summary>The first entry that does not verify and why (one of the <see cref="AuditChainVerifier"/> reasons).</summary>
public sealed record AuditChainFailure(long Sequence, string Reason);

/// <summary>
/// Walks the audit log in stored order and names the first entry that was edited, or that stands where a
/// deleted, inserted or moved entry broke the run of sequence numbers. Entries that verify here still need a
/// signed tree head to show that none were cut from the end and that the leaf hashes are the ones signed.
/// </summary>
public static class AuditChainVerifier
{
    public const string LeafHashMismatch = "leaf hash does not match the entry";
    public const string SequenceBroken = "sequence gap or reordering";

    /// <summary>
    /// Null when every entry's sequence is the one expected (<paramref name="firstSequence"/>, then one more each
    /// time) and its stored leaf hash is <see cref="MerkleTree.LeafHash"/> of its bytes; otherwise the first entry
    /// that is not, with the sequence check made before the hash check.
    /// </summary>
    public static AuditChainFailure? Verify(IEnumerable<AuditChainEntry> entries, long firstSequence = 1)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var expected = firstSequence;
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ArgumentNullException.ThrowIfNull(entry.EntryBytes);
            if (entry.Sequence != expected)
            {
                return new AuditChainFailure(entry.Sequence, SequenceBroken);
            }
            if (
                entry.StoredLeafHash is not { Length: MerkleTree.HashSize }
                || !CryptographicOperations.FixedTimeEquals(MerkleTree.LeafHash(entry.EntryBytes), entry.StoredLeafHash)
            )
            {
                return new AuditChainFailure(entry.Sequence, LeafHashMismatch);
            }
            expected++;
        }
        return null;
    }
}
