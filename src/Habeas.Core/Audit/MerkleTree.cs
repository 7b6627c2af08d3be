using System.Security.Cryptography;

namespace Habeas.Core.Audit;

/// <summary>
/// The Certificate Transparency Merkle tree of RFC 9162 §2.1 over SHA-256: leaf = SHA-256(0x00 ‖ entry),
/// node = SHA-256(0x01 ‖ left ‖ right), and a tree of n leaves splits at k, the largest power of two below n.
/// Methods that build take the leaf hashes (32 bytes each) in log order; the verifiers return false, never
/// throw, for proofs, sizes or hashes that are wrong or malformed.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        // One call over prefix and entry (an IncrementalHash per leaf cost more than the hashing of a short entry).
        Span<byte> buffer = entry.Length < 4096 ? stackalloc byte[entry.Length + 1] : new byte[entry.Length + 1];
        buffer[0] = LeafPrefix;
        entry.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != HashSize || right.Length != HashSize)
        {
            throw new ArgumentException("Node children must be SHA-256 hashes.");
        }
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>MTH(D[n]); the root of no leaves is SHA-256 of the empty string.</summary>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes)
    {
        CheckLeafHashes(leafHashes);
        return leafHashes.Count == 0 ? SHA256.HashData(ReadOnlySpan<byte>.Empty) : Subtree(leafHashes, 0, leafHashes.Count);
    }

    /// <summary>PATH(index, D[n]) of RFC 9162 §2.1.3.1: the audit path from leaf <paramref name="index"/> to the root.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, int index)
    {
        CheckLeafHashes(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        var path = new List<byte[]>();
        Path(leafHashes, index, 0, leafHashes.Count, path);
        return path;
    }

    /// <summary>The verification algorithm of RFC 9162 §2.1.3.2.</summary>
    public static bool VerifyInclusion(byte[] leafHash, int index, int treeSize, IReadOnlyList<byte[]> proof, byte[] root)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(root);
        if (index < 0 || index >= treeSize || leafHash.Length != HashSize || root.Length != HashSize || !AllHashes(proof))
        {
            return false;
        }
        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>
    /// PROOF(oldSize, D[n]) of RFC 9162 §2.1.4.1: shows the tree of the first <paramref name="oldSize"/> leaves
    /// is a prefix of this one. 1 ≤ oldSize ≤ n; the proof for oldSize = n is empty.
    /// </summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, int oldSize)
    {
        CheckLeafHashes(leafHashes);
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, leafHashes.Count);
        var proof = new List<byte[]>();
        SubProof(leafHashes, oldSize, 0, leafHashes.Count, true, proof);
        return proof;
    }

    /// <summary>
    /// The verification algorithm of RFC 9162 §2.1.4.2. When the sizes are equal the proof must be empty and the
    /// roots equal; an old size of 0 or above the new size never verifies.
    /// </summary>
    public static bool VerifyConsistency(int oldSize, int newSize, byte[] oldRoot, byte[] newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(oldRoot);
        ArgumentNullException.ThrowIfNull(newRoot);
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 1 || oldSize > newSize || oldRoot.Length != HashSize || newRoot.Length != HashSize || !AllHashes(proof))
        {
            return false;
        }
        if (oldSize == newSize)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, newRoot);
        }
        if (proof.Count == 0)
        {
            return false;
        }
        var path = new List<byte[]>(proof.Count + 1);
        if ((oldSize & (oldSize - 1)) == 0)
        {
            path.Add(oldRoot);
        }
        path.AddRange(proof);
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, oldRoot) && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2).</summary>
    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }
        return k;
    }

    /// <summary>MTH(D[start:start+count]) for count ≥ 1.</summary>
    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start].ToArray();
        }
        var k = Split(count);
        return NodeHash(Subtree(leaves, start, k), Subtree(leaves, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, int m, int start, int count, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }
        var k = Split(count);
        if (m < k)
        {
            Path(leaves, m, start, k, path);
            path.Add(Subtree(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, m - k, start + k, count - k, path);
            path.Add(Subtree(leaves, start, k));
        }
    }

    private static void SubProof(IReadOnlyList<byte[]> leaves, int m, int start, int count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Subtree(leaves, start, count));
            }
            return;
        }
        var k = Split(count);
        if (m <= k)
        {
            SubProof(leaves, m, start, k, complete, proof);
            proof.Add(Subtree(leaves, start + k, count - k));
        }
        else
        {
            SubProof(leaves, m - k, start + k, count - k, false, proof);
            proof.Add(Subtree(leaves, start, k));
        }
    }

    private static void CheckLeafHashes(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (!AllHashes(leafHashes))
        {
            throw new ArgumentException("Every leaf hash must be a 32-byte SHA-256 hash.", nameof(leafHashes));
        }
    }

    private static bool AllHashes(IReadOnlyList<byte[]> hashes)
    {
        foreach (var h in hashes)
        {
            if (h is not { Length: HashSize })
            {
                return false;
            }
        }
        return true;
    }
}
