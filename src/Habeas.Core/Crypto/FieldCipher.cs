using System.Security.Cryptography;
using System.Text;

namespace Habeas.Core.Crypto;

/// <summary>
/// AES-256-GCM for one field value: a random 96-bit nonce per encryption, the key's id in the clear part,
/// and associated data that names where the value lives (table, column, row), so the same text never gives
/// the same ciphertext and a ciphertext copied to another row or field does not decrypt.
/// Format: <c>v1.{keyId}.{base64url(nonce ‖ ciphertext ‖ tag)}</c>.
/// </summary>
public static class FieldCipher
{
    public const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const string Version = "v1";

    public static string Encrypt(ReadOnlySpan<byte> key, string keyId, string plaintext, string associatedData)
    {
        CheckKey(key, keyId);
        var text = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[NonceBytes + text.Length + TagBytes];
        var nonce = blob.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, text, blob.AsSpan(NonceBytes, text.Length), blob.AsSpan(NonceBytes + text.Length), Bound(keyId, associatedData));
        return $"{Version}.{keyId}.{Base64Url(blob)}";
    }

    /// <summary>The key id a ciphertext was made with, or null when it is not a ciphertext of this format.</summary>
    public static string? KeyIdOf(string ciphertext)
    {
        var parts = ciphertext.Split('.');
        return parts.Length == 3 && parts[0] == Version ? parts[1] : null;
    }

    /// <summary>Decrypts, or throws <see cref="CryptographicException"/> when the key is unknown, the text was
    /// changed, or it belongs to another place (other associated data).</summary>
    public static string Decrypt(Func<string, byte[]?> keys, string ciphertext, string associatedData)
    {
        var parts = ciphertext.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("Not an encrypted field value.");
        }
        var key = keys(parts[1]) ?? throw new CryptographicException($"The key '{parts[1]}' is not in the key ring.");
        byte[] blob;
        try
        {
            blob = FromBase64Url(parts[2]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The encrypted value is damaged.", e);
        }
        if (blob.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The encrypted value is damaged.");
        }
        var length = blob.Length - NonceBytes - TagBytes;
        var text = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(
            blob.AsSpan(0, NonceBytes),
            blob.AsSpan(NonceBytes, length),
            blob.AsSpan(NonceBytes + length),
            text,
            Bound(parts[1], associatedData)
        );
        return Encoding.UTF8.GetString(text);
    }

    private static byte[] Bound(string keyId, string associatedData) => Encoding.UTF8.GetBytes($"{Version}|{keyId}|{associatedData}");

    private static void CheckKey(ReadOnlySpan<byte> key, string keyId)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"An AES-256 key has {KeyBytes} bytes.", nameof(key));
        }
        if (string.IsNullOrEmpty(keyId) || keyId.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException("A key id is not empty and has no dot.", nameof(keyId));
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch
        {
            2 => "==",
            3 => "=",
            _ => "",
        };
        return Convert.FromBase64String(padded);
    }
}
