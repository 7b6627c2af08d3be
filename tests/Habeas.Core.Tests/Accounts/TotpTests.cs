using System.Text;
using Habeas.Core.Accounts;

namespace Habeas.Core.Tests.Accounts;

public sealed class TotpTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    // RFC 6238 appendix B, SHA-1 rows (8 digits).
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Code_MatchesRfc6238KnownAnswers(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcKey, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), 8));

    // RFC 4226 appendix D: the 6-digit HOTP values for counters 0 to 9.
    [Fact]
    public void Code_MatchesRfc4226KnownAnswers()
    {
        string[] expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
        Assert.Equal(expected, Enumerable.Range(0, 10).Select(i => Totp.Code(RfcKey, i)));
    }

    [Fact]
    public void Match_AcceptsTheCurrentStepAndOneEitherSide_NotTwo()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.StepAt(now);
        for (var offset = -1; offset <= 1; offset++)
        {
            Assert.Equal(step + offset, Totp.Match(RfcKey, Totp.Code(RfcKey, step + offset), now, 0));
        }
        Assert.Null(Totp.Match(RfcKey, Totp.Code(RfcKey, step - 2), now, 0));
        Assert.Null(Totp.Match(RfcKey, Totp.Code(RfcKey, step + 2), now, 0));
    }

    [Fact]
    public void Match_RefusesAStepNotLaterThanTheLastUsed_SoACodeWorksOnce()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_015);
        var step = Totp.StepAt(now);
        var code = Totp.Code(RfcKey, step);
        Assert.Equal(step, Totp.Match(RfcKey, code, now, step - 1));
        Assert.Null(Totp.Match(RfcKey, code, now, step));
        Assert.Null(Totp.Match(RfcKey, Totp.Code(RfcKey, step - 1), now, step));
        Assert.Equal(step + 1, Totp.Match(RfcKey, Totp.Code(RfcKey, step + 1), now, step));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("١٢٣٤٥٦")]
    public void Match_RefusesWhatIsNotASixDigitCode(string? code) => Assert.Null(Totp.Match(RfcKey, code, DateTimeOffset.UnixEpoch, -10));

    [Fact]
    public void Base32_RoundTripsAndReadsRfc4648Vectors()
    {
        Assert.Equal("MZXW6YTBOI", Base32.Encode("foobar"u8));
        Assert.Equal("foobar"u8.ToArray(), Base32.Decode("mzxw 6ytb oi======"));
        var key = Enumerable.Range(0, 20).Select(i => (byte)(i * 13)).ToArray();
        Assert.Equal(key, Base32.Decode(Base32.Encode(key)));
        Assert.Throws<FormatException>(() => Base32.Decode("ABC1"));
    }

    [Fact]
    public void KeyUri_HasTheIssuerAccountAndSecret() =>
        Assert.Equal(
            "otpauth://totp/Habeas:ana%40example.org?secret=JBSWY3DP&issuer=Habeas&algorithm=SHA1&digits=6&period=30",
            Totp.KeyUri("Habeas", "ana@example.org", "JBSWY3DP")
        );
}
