using System.Security.Cryptography;
using Habeas.Core.Crypto;

namespace Habeas.Core.Export;

/// <summary>
/// Confidential values in a full export: each one re-encrypted with AES-256-GCM (<see cref="FieldCipher"/>) under a
/// key derived from the operator's passphrase by <see cref="PassphraseSeal.DeriveKey"/> (PBKDF2-HMAC-SHA256, the same
/// derivation as a backup's sealed key ring) with a random salt and at least
/// <see cref="MinimumIterations"/> iterations (OWASP's 2023 figure for PBKDF2-SHA256). The associated data names the
/// record and field, so a value moved to another row of the export does not decrypt.
/// </summary>
public sealed class ExportCipher
{
    public const int MinimumIterations = PassphraseSeal.DefaultIterations;
    public const int SaltBytes = 16;
    public const string KeyId = "export";

    /// <summary>A known text encrypted into the manifest, so a wrong passphrase is told as such before anything is written.</summary>
    public const string CheckText = "habeas-export-passphrase-check";

    private readonly byte[] _key;

    private ExportCipher(byte[] key) => _key = key;

    public static ExportCipher Derive(string passphrase, byte[] salt, int iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        if (iterations < MinimumIterations)
        {
            throw new CryptographicException(
                $"The export key needs at least {MinimumIterations} PBKDF2 iterations; this one says {iterations}."
            );
        }
        return new ExportCipher(PassphraseSeal.DeriveKey(passphrase, salt, iterations));
    }

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static string AssociatedData(string recordType, Guid recordId, string field) =>
        $"habeas-export|confidential_values|{recordType}/{recordId:D}/{field}";

    public string Encrypt(string plaintext, string associatedData) => FieldCipher.Encrypt(_key, KeyId, plaintext, associatedData);

    /// <summary>Throws <see cref="CryptographicException"/> for a wrong passphrase or a changed value.</summary>
    public string Decrypt(string ciphertext, string associatedData) =>
        FieldCipher.Decrypt(id => id == KeyId ? _key : null, ciphertext, associatedData);
}
