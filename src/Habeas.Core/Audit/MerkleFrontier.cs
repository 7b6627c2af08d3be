namespace Habeas.Core.Audit;

/// <summary>
/// The right edge of an RFC 9162 Merkle tree: the roots of the perfect subtrees its leaves make, largest first
/// (one per bit set in the size). Appending a leaf and reading the root cost O(log n), so every audit entry can
/// commit to the root of the log before it, and a verifier can recompute the root at every size in one pass.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> _subtrees = [];

    public long Size { get; private set; }

    public MerkleFrontier Copy()
    {
        var copy = new MerkleFrontier { Size = Size };
        copy._subtrees.AddRange(_subtrees);
        return copy;
    }

    public void Append(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException("A leaf hash is a 32-byte SHA-256 hash.", nameof(leafHash));
        }
        var node = leafHash;
        // Each trailing one bit of the old size is a perfect subtree of the new leaf's size: merge them.
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            node = MerkleTree.NodeHash(_subtrees[^1], node);
            _subtrees.RemoveAt(_subtrees.Count - 1);
        }
        _subtrees.Add(node);
        Size++;
    }

    /// <summary>MTH of the leaves appended so far (the same as <see cref="MerkleTree.RootHash"/> of them).</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0)
        {
            return System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }
        var root = _subtrees[^1];
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(_subtrees[i], root);
        }
        return root.ToArray();
    }
}
