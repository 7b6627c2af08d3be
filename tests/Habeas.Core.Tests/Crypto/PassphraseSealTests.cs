using System.Security.Cryptography;
using System.Text;
using Habeas.Core.Crypto;

namespace Habeas.Core.Tests.Crypto;

public sealed class PassphraseSealTests
{
    private const string Passphrase = "correct horse battery staple";

    [Fact]
    public void Sealed_OpensWithThePassphrase_AndNeverTwiceTheSame()
    {
        var plain = Encoding.UTF8.GetBytes("{\"keys\":[\"k1\"]} ក្រុមហ៊ុន");
        var a = PassphraseSeal.Seal(plain, Passphrase, 100_000);
        var b = PassphraseSeal.Seal(plain, Passphrase, 100_000);
        Assert.NotEqual(a, b);
        Assert.Equal(plain, PassphraseSeal.Open(a, Passphrase));
        Assert.Equal(-1, a.AsSpan().IndexOf(plain));
    }

    [Fact]
    public void AnotherPassphrase_AChangedByte_OrALoweredIterationCount_DoNotOpen()
    {
        var sealedBytes = PassphraseSeal.Seal("secret"u8, Passphrase, 100_000);
        Assert.ThrowsAny<CryptographicException>(() => PassphraseSeal.Open(sealedBytes, "correct horse battery stapler"));
        var changed = (byte[])sealedBytes.Clone();
        changed[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => PassphraseSeal.Open(changed, Passphrase));
        var weakened = (byte[])sealedBytes.Clone();
        weakened[6] ^= 1; // the iteration count is authenticated
        Assert.ThrowsAny<CryptographicException>(() => PassphraseSeal.Open(weakened, Passphrase));
        Assert.ThrowsAny<CryptographicException>(() => PassphraseSeal.Open("not sealed at all"u8, Passphrase));
        Assert.Throws<ArgumentException>(() => PassphraseSeal.Seal("x"u8, "short"));
    }

    /// <summary>A key ring sealed in the HBS1 format as every backup so far was written (made independently, with Python's
    /// hashlib and cryptography): it must keep opening, so backups taken before still restore.</summary>
    [Fact]
    public void ABlobSealedInTheExistingFormat_StillOpens()
    {
        var sealedBytes = Convert.FromBase64String(
            "SEJTMQABhqAAAQIDBAUGBwgJCgsMDQ4PZGVmZ2hpamtsbW5vhyzSdVEvw4XN8uX5maK4dojc8uPBn+uknNHt6Pb9rQPPBVP0jbChmx2atSjsw38="
        );
        Assert.Equal("backup key ring ក្រុម", Encoding.UTF8.GetString(PassphraseSeal.Open(sealedBytes, Passphrase)));
    }
}
