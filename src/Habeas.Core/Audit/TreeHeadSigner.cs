using System.Security.Cryptography;

namespace Habeas.Core.Audit;

/// <summary>
/// Signs tree heads with an ECDSA P-256 key (SHA-256, DER signature) and verifies them. The signer does not own
/// the key: the caller disposes it, after the signer is no longer used.
/// </summary>
public sealed class TreeHeadSigner
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDsa _key;
    private readonly byte[] _publicKey;

    /// <summary>Takes a P-256 key with its private part; throws <see cref="ArgumentException"/> for any other curve.</summary>
    public TreeHeadSigner(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsP256(key))
        {
            throw new ArgumentException("Tree heads are signed with ECDSA P-256 only.", nameof(key));
        }
        _key = key;
        _publicKey = key.ExportSubjectPublicKeyInfo();
        KeyId = ComputeKeyId(_publicKey);
    }

    /// <summary>Lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo, to keep with the exported heads.</summary>
    public byte[] PublicKey => _publicKey.ToArray();

    public static string ComputeKeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    public SignedTreeHead Sign(TreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var signature = _key.SignData(head.ToCanonicalBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new SignedTreeHead(head, KeyId, signature);
    }

    public bool Verify(SignedTreeHead signedHead) => Verify(signedHead, _publicKey);

    /// <summary>
    /// True only when the head's key id is that of <paramref name="subjectPublicKeyInfo"/>, the key is P-256 and
    /// the signature is valid for the head. A malformed key or signature gives false.
    /// </summary>
    public static bool Verify(SignedTreeHead signedHead, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        ArgumentNullException.ThrowIfNull(signedHead);
        if (!string.Equals(signedHead.KeyId, ComputeKeyId(subjectPublicKeyInfo), StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            return read == subjectPublicKeyInfo.Length
                && IsP256(key)
                && key.VerifyData(
                    signedHead.Head.ToCanonicalBytes(),
                    signedHead.Signature,
                    HashAlgorithmName.SHA256,
                    DSASignatureFormat.Rfc3279DerSequence
                );
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(false).Curve;
        return curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256");
    }
}
