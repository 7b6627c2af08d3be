using System.Security.Cryptography;
using Habeas.Core.Crypto;

namespace Habeas.Core.Tests.Crypto;

public sealed class FieldCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] OtherKey = RandomNumberGenerator.GetBytes(32);

    private static byte[]? Ring(string id) =>
        id switch
        {
            "k1" => Key,
            "k2" => OtherKey,
            _ => null,
        };

    [Fact]
    public void TheSameText_GivesDifferentCiphertexts_ThatBothDecrypt()
    {
        var a = FieldCipher.Encrypt(Key, "k1", "Prey Sar prison, building C", "confidential_values|ciphertext|person/1/prison-address");
        var b = FieldCipher.Encrypt(Key, "k1", "Prey Sar prison, building C", "confidential_values|ciphertext|person/1/prison-address");
        Assert.NotEqual(a, b);
        Assert.Equal("Prey Sar prison, building C", FieldCipher.Decrypt(Ring, a, "confidential_values|ciphertext|person/1/prison-address"));
        Assert.Equal("Prey Sar prison, building C", FieldCipher.Decrypt(Ring, b, "confidential_values|ciphertext|person/1/prison-address"));
        Assert.DoesNotContain("Prey", a, StringComparison.Ordinal);
        Assert.Equal("k1", FieldCipher.KeyIdOf(a));
    }

    [Fact]
    public void KhmerText_RoundTrips() =>
        Assert.Equal(
            "ម្តាយរបស់គាត់ ០១២ ៣៤៥ ៦៧៨",
            FieldCipher.Decrypt(Ring, FieldCipher.Encrypt(Key, "k1", "ម្តាយរបស់គាត់ ០១២ ៣៤៥ ៦៧៨", "x"), "x")
        );

    [Fact]
    public void ACiphertextMovedToAnotherRowOrField_DoesNotDecrypt()
    {
        var c = FieldCipher.Encrypt(Key, "k1", "witness: Chan Dara", "confidential_values|ciphertext|event/1/witnesses");
        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Ring, c, "confidential_values|ciphertext|event/2/witnesses"));
        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Ring, c, "confidential_values|ciphertext|event/1/health"));
    }

    [Fact]
    public void AChangedByte_OrAnotherKeyId_OrAnUnknownKey_DoesNotDecrypt()
    {
        var c = FieldCipher.Encrypt(Key, "k1", "HIV positive", "ad");
        var last = c[^2] == 'A' ? 'B' : 'A';
        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Ring, c[..^2] + last + c[^1], "ad"));
        Assert.ThrowsAny<CryptographicException>(() =>
            FieldCipher.Decrypt(Ring, c.Replace("v1.k1.", "v1.k2.", StringComparison.Ordinal), "ad")
        );
        Assert.ThrowsAny<CryptographicException>(() =>
            FieldCipher.Decrypt(Ring, c.Replace("v1.k1.", "v1.k9.", StringComparison.Ordinal), "ad")
        );
        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Ring, "HIV positive", "ad"));
        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Ring, "v1.k1.!!", "ad"));
    }

    [Fact]
    public void KeysMustBe256Bits() => Assert.Throws<ArgumentException>(() => FieldCipher.Encrypt(new byte[16], "k1", "x", "ad"));
}
