using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Habeas.Core.Audit;

/// <summary>
/// A statement of the audit log's state: its size, the Merkle root of its first <see cref="TreeSize"/> leaves
/// and when it was taken. The timestamp is kept in UTC to the millisecond, as it is signed; the root hash is
/// copied in and out so a head cannot be changed after it is made. Heads are equal when all three are.
/// </summary>
public sealed record TreeHead(long TreeSize, byte[] RootHash, DateTimeOffset Timestamp)
{
    /// <summary>Domain-separation prefix of <see cref="ToCanonicalBytes"/>, so this signature means nothing elsewhere.</summary>
    private static readonly byte[] Prefix = "habeas/audit-tree-head/v1\0"u8.ToArray();

    private readonly byte[] _rootHash = RootHash is { Length: MerkleTree.HashSize }
        ? RootHash.ToArray()
        : throw new ArgumentException("The root hash must be a 32-byte SHA-256 hash.", nameof(RootHash));

    public long TreeSize { get; } =
        TreeSize >= 0 ? TreeSize : throw new ArgumentOutOfRangeException(nameof(TreeSize), TreeSize, "The tree size cannot be negative.");

    public byte[] RootHash => _rootHash.ToArray();

    public DateTimeOffset Timestamp { get; } = DateTimeOffset.FromUnixTimeMilliseconds(Timestamp.ToUnixTimeMilliseconds());

    /// <summary>Length of <see cref="ToCanonicalBytes"/>, which is fixed.</summary>
    public static int CanonicalLength => Prefix.Length + 8 + 8 + MerkleTree.HashSize;

    /// <summary>
    /// The bytes that are signed: the ASCII prefix "habeas/audit-tree-head/v1" and a zero byte, the tree size
    /// (unsigned 64-bit big-endian), the timestamp in Unix milliseconds (signed 64-bit big-endian), the root hash.
    /// </summary>
    public byte[] ToCanonicalBytes()
    {
        var bytes = new byte[CanonicalLength];
        var span = bytes.AsSpan();
        Prefix.CopyTo(span);
        span = span[Prefix.Length..];
        BinaryPrimitives.WriteUInt64BigEndian(span, (ulong)TreeSize);
        BinaryPrimitives.WriteInt64BigEndian(span[8..], Timestamp.ToUnixTimeMilliseconds());
        _rootHash.CopyTo(span[16..]);
        return bytes;
    }

    public bool Equals(TreeHead? other) =>
        other is not null
        && TreeSize == other.TreeSize
        && Timestamp == other.Timestamp
        && CryptographicOperations.FixedTimeEquals(_rootHash, other._rootHash);

    public override int GetHashCode() => HashCode.Combine(TreeSize, Timestamp, BinaryPrimitives.ReadInt32LittleEndian(_rootHash));
}
