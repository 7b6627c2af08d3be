using System.Text;
using Habeas.Core.Export;

namespace Habeas.Core.Tests.Export;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("Sok Yoeun", "Sok Yoeun")]
    [InlineData("សុខ យឿន", "សុខ យឿន")]
    [InlineData("Phnom Penh, Cambodia", "\"Phnom Penh, Cambodia\"")]
    [InlineData("the \"Adhoc five\"", "\"the \"\"Adhoc five\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+855 12 345", "'+855 12 345")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_QuotesAsRfc4180_AndDisarmsFormulas(string? value, string expected) => Assert.Equal(expected, CsvText.Cell(value));

    [Fact]
    public void Record_EndsWithCrLf()
    {
        var builder = new StringBuilder();
        CsvText.AppendRecord(builder, ["a", null, "b,c"]);
        Assert.Equal("a,,\"b,c\"\r\n", builder.ToString());
    }
}
