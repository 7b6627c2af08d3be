using System.Security.Cryptography;
using System.Text;
using Habeas.Core.Export;

namespace Habeas.Core.Tests.Export;

public sealed class ExportCipherTests
{
    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("sixteen byte sal");

    [Fact]
    public void AValue_DecryptsWithTheSamePassphraseAndPlace_Only()
    {
        var cipher = ExportCipher.Derive("correct horse battery staple", Salt, ExportCipher.MinimumIterations);
        var place = ExportCipher.AssociatedData("person", Guid.Parse("0190f5a0-0000-7000-8000-000000000001"), "health");
        var encrypted = cipher.Encrypt("prison mailing address", place);

        Assert.DoesNotContain("prison", encrypted, StringComparison.Ordinal);
        Assert.NotEqual(encrypted, cipher.Encrypt("prison mailing address", place));
        Assert.Equal("prison mailing address", cipher.Decrypt(encrypted, place));

        var other = ExportCipher.Derive("correct horse battery staplf", Salt, ExportCipher.MinimumIterations);
        Assert.ThrowsAny<CryptographicException>(() => other.Decrypt(encrypted, place));
        Assert.ThrowsAny<CryptographicException>(() =>
            cipher.Decrypt(encrypted, ExportCipher.AssociatedData("person", Guid.Empty, "health"))
        );
    }

    [Fact]
    public void FewerIterationsThanTheMinimum_AreRefused() =>
        Assert.ThrowsAny<CryptographicException>(() => ExportCipher.Derive("correct horse battery staple", Salt, 10_000));

    /// <summary>A value encrypted as exports so far were written (made independently with Python): the key derivation
    /// shared with backups (PassphraseSeal.DeriveKey) must give the same key, so earlier exports still import.</summary>
    [Fact]
    public void AValueFromAnEarlierExport_StillDecrypts()
    {
        var cipher = ExportCipher.Derive("correct horse battery staple", Salt, ExportCipher.MinimumIterations);
        var place = ExportCipher.AssociatedData("person", Guid.Parse("0190f5a0-0000-7000-8000-000000000001"), "health");
        Assert.Equal(
            "prison mailing address",
            cipher.Decrypt("v1.export.yMnKy8zNzs_Q0dLTfa1HrWq4ciF_G_moMparhbgb7s4e1sS0_sC271hmcEXc6-TlHh4", place)
        );
    }
}
