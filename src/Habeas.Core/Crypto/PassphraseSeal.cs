using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Habeas.Core.Crypto;

/// <summary>
/// Bytes sealed under a passphrase (the key ring inside a backup): AES-256-GCM with a key derived by PBKDF2-HMAC-SHA256
/// from the passphrase and a random salt. Format: "HBS1" ‖ iterations (uint32, big-endian) ‖ salt (16) ‖ nonce (12) ‖
/// tag (16) ‖ ciphertext; the header is authenticated as associated data, so a lowered iteration count does not open.
/// </summary>
public static class PassphraseSeal
{
    public const int DefaultIterations = 600_000;
    private static ReadOnlySpan<byte> Magic => "HBS1"u8;
    private const int SaltBytes = 16;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 4 + 4 + SaltBytes + NonceBytes;

    public static byte[] Seal(ReadOnlySpan<byte> plaintext, string passphrase, int iterations = DefaultIterations)
    {
        CheckPassphrase(passphrase);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 100_000);
        var sealedBytes = new byte[HeaderBytes + TagBytes + plaintext.Length];
        var span = sealedBytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)iterations);
        RandomNumberGenerator.Fill(span.Slice(8, SaltBytes + NonceBytes));
        var key = DeriveKey(passphrase, span.Slice(8, SaltBytes), iterations);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(span.Slice(8 + SaltBytes, NonceBytes), plaintext, span[(HeaderBytes + TagBytes)..], span.Slice(HeaderBytes, TagBytes), span[..HeaderBytes]);
        CryptographicOperations.ZeroMemory(key);
        return sealedBytes;
    }

    /// <summary>The plaintext, or <see cref="CryptographicException"/> when the passphrase is not the one it was sealed with or the bytes were changed.</summary>
    public static byte[] Open(ReadOnlySpan<byte> sealedBytes, string passphrase)
    {
        CheckPassphrase(passphrase);
        if (sealedBytes.Length < HeaderBytes + TagBytes || !sealedBytes[..4].SequenceEqual(Magic))
        {
            throw new CryptographicException("These bytes were not sealed with a passphrase by Habeas.");
        }
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(sealedBytes[4..]);
        if (iterations is < 100_000 or > 100_000_000)
        {
            throw new CryptographicException("The sealed bytes name an iteration count Habeas never writes.");
        }
        var key = DeriveKey(passphrase, sealedBytes.Slice(8, SaltBytes), (int)iterations);
        var plaintext = new byte[sealedBytes.Length - HeaderBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.Slice(8 + SaltBytes, NonceBytes), sealedBytes[(HeaderBytes + TagBytes)..], sealedBytes.Slice(HeaderBytes, TagBytes), plaintext, sealedBytes[..HeaderBytes]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return plaintext;
    }

    private static byte[] DeriveKey(string passphrase, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);

    private static void CheckPassphrase(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length < 12)
        {
            throw new ArgumentException("A passphrase must have at least 12 characters.", nameof(passphrase));
        }
    }
}
