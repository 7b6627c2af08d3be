using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Habeas.Core.Crypto;

/// <summary>
/// Everything Habeas encrypts under a passphrase goes through here: the key is derived by PBKDF2-HMAC-SHA256 from the
/// passphrase (UTF-8) and a random salt (<see cref="DeriveKey"/>, also used for the confidential values of a full export,
/// <see cref="Export.ExportCipher"/>), and the encryption is AES-256-GCM.
/// Bytes sealed under a passphrase (the key ring inside a backup): Format: "HBS1" ‖ iterations (uint32, big-endian) ‖ salt (16) ‖ nonce
/// (12) ‖
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

    /// <summary>The fewest iterations any passphrase key is derived with, written or read.</summary>
    public const int MinimumIterations = 100_000;
    private const int MaximumIterations = 100_000_000;

    public static byte[] Seal(ReadOnlySpan<byte> plaintext, string passphrase, int iterations = DefaultIterations)
    {
        CheckPassphrase(passphrase);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        var sealedBytes = new byte[HeaderBytes + TagBytes + plaintext.Length];
        var span = sealedBytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)iterations);
        RandomNumberGenerator.Fill(span.Slice(8, SaltBytes + NonceBytes));
        var key = DeriveKey(passphrase, span.Slice(8, SaltBytes), iterations);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(
            span.Slice(8 + SaltBytes, NonceBytes),
            plaintext,
            span[(HeaderBytes + TagBytes)..],
            span.Slice(HeaderBytes, TagBytes),
            span[..HeaderBytes]
        );
        CryptographicOperations.ZeroMemory(key);
        return sealedBytes;
    }

    /// <summary>The plaintext, or <see cref="CryptographicException"/> when the passphrase is not the one it was sealed with or the bytes
    /// were changed.</summary>
    public static byte[] Open(ReadOnlySpan<byte> sealedBytes, string passphrase)
    {
        CheckPassphrase(passphrase);
        if (sealedBytes.Length < HeaderBytes + TagBytes || !sealedBytes[..4].SequenceEqual(Magic))
        {
            throw new CryptographicException("These bytes were not sealed with a passphrase by Habeas.");
        }
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(sealedBytes[4..]);
        if (iterations is < MinimumIterations or > MaximumIterations)
        {
            throw new CryptographicException("The sealed bytes name an iteration count Habeas never writes.");
        }
        var key = DeriveKey(passphrase, sealedBytes.Slice(8, SaltBytes), (int)iterations);
        var plaintext = new byte[sealedBytes.Length - HeaderBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(
                sealedBytes.Slice(8 + SaltBytes, NonceBytes),
                sealedBytes[(HeaderBytes + TagBytes)..],
                sealedBytes.Slice(HeaderBytes, TagBytes),
                plaintext,
                sealedBytes[..HeaderBytes]
            );
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return plaintext;
    }

    /// <summary>
    /// A 256-bit key from a passphrase and salt (PBKDF2-HMAC-SHA256 over the passphrase's UTF-8 bytes). Throws
    /// <see cref="CryptographicException"/> for an iteration count outside what Habeas writes, since the count
    /// usually comes from a file being opened. The caller zeroes the key when done.
    /// </summary>
    public static byte[] DeriveKey(string passphrase, ReadOnlySpan<byte> salt, int iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        if (iterations is < MinimumIterations or > MaximumIterations)
        {
            throw new CryptographicException(
                $"A passphrase key needs between {MinimumIterations} and {MaximumIterations} PBKDF2 iterations; this one says {iterations}."
            );
        }
        return Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(passphrase),
            salt,
            iterations,
            HashAlgorithmName.SHA256,
            FieldCipher.KeyBytes
        );
    }

    private static void CheckPassphrase(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length < 12)
        {
            throw new ArgumentException("A passphrase must have at least 12 characters.", nameof(passphrase));
        }
    }
}
