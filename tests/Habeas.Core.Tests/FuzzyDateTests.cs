using Habeas.Core.Dates;
using static Habeas.Core.Tests.TestEvents;

namespace Habeas.Core.Tests;

public class FuzzyDateTests
{
    [Theory]
    [InlineData("1999")]
    [InlineData("1999-12")]
    [InlineData("2004-02-26")]
    [InlineData("1999-12~")]
    [InlineData("2000-06?")]
    [InlineData("2001%")]
    [InlineData("2004-02-29~")]
    [InlineData("1000")]
    [InlineData("9999-12-31")]
    public void Parse_CanonicalText_FormatsBackIdentically(string text)
    {
        Assert.Equal(text, FuzzyDate.Parse(text).ToString());
    }

    [Fact]
    public void Parse_SurroundingWhitespace_IsTrimmed()
    {
        Assert.Equal("1999-12~", FuzzyDate.Parse("  1999-12~\t").ToString());
    }

    [Theory]
    [InlineData("1999", 1999, null, null, DatePrecision.Year)]
    [InlineData("1999-07", 1999, 7, null, DatePrecision.Month)]
    [InlineData("1999-07-04", 1999, 7, 4, DatePrecision.Day)]
    public void Parse_SetsComponentsAndPrecision(string text, int year, int? month, int? day, DatePrecision precision)
    {
        var date = FuzzyDate.Parse(text);

        Assert.Equal(year, date.Year);
        Assert.Equal(month, date.Month);
        Assert.Equal(day, date.Day);
        Assert.Equal(precision, date.Precision);
    }

    [Theory]
    [InlineData("1999", false, false)]
    [InlineData("1999~", true, false)]
    [InlineData("1999?", false, true)]
    [InlineData("1999%", true, true)]
    public void Parse_Qualifier_SetsApproximateAndUncertain(string text, bool approximate, bool uncertain)
    {
        var date = FuzzyDate.Parse(text);

        Assert.Equal(approximate, date.Approximate);
        Assert.Equal(uncertain, date.Uncertain);
    }

    [Theory]
    [InlineData("2003-13", "'2003-13' is not a date: month must be 1–12")]
    [InlineData("2003-00", "'2003-00' is not a date: month must be 1–12")]
    [InlineData("2003-02-30", "'2003-02-30' is not a date: February 2003 has 28 days")]
    [InlineData("2004-02-30", "'2004-02-30' is not a date: February 2004 has 29 days")]
    [InlineData("2100-02-29", "'2100-02-29' is not a date: February 2100 has 28 days")]
    [InlineData("2003-04-31", "'2003-04-31' is not a date: April 2003 has 30 days")]
    [InlineData("2003-01-32", "'2003-01-32' is not a date: January 2003 has 31 days")]
    [InlineData("2003-01-00", "'2003-01-00' is not a date: day must be 1 or more")]
    [InlineData("0999", "'0999' is not a date: year must be 1000–9999")]
    [InlineData("0000-01-01~", "'0000-01-01~' is not a date: year must be 1000–9999")]
    public void TryParse_ImpossibleDate_ExplainsWhichPartIsWrong(string text, string expected)
    {
        Assert.False(FuzzyDate.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("10000")]
    [InlineData("99")]
    [InlineData("99-12")]
    [InlineData("1999-1")]
    [InlineData("1999-12-1")]
    [InlineData("1999/12")]
    [InlineData("1999-12-01-02")]
    [InlineData("1999-12-01T10:00")]
    [InlineData("1999~~")]
    [InlineData("1999~?")]
    [InlineData("~")]
    [InlineData("-1999")]
    [InlineData("1999-")]
    [InlineData("1999 -12")]
    [InlineData("abcd")]
    [InlineData("December 1999")]
    [InlineData("１９９９")]
    [InlineData("1999-?12")]
    public void TryParse_NotEdtf_ExplainsTheAcceptedForms(string text)
    {
        Assert.False(FuzzyDate.TryParse(text, out var value, out var error));
        Assert.Equal(
            $"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ (approximate), ? (uncertain) or % (both)",
            error
        );
        Assert.Equal(default, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_Nothing_SaysNoDateWasGiven(string? text)
    {
        Assert.False(FuzzyDate.TryParse(text, out _, out var error));
        Assert.Equal("No date was given", error);
    }

    [Fact]
    public void TryParse_Valid_GivesNoError()
    {
        Assert.True(FuzzyDate.TryParse("2000-02-29", out var value, out var error));
        Assert.Null(error);
        Assert.Equal(FuzzyDate.OfDay(2000, 2, 29), value);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithTheExplanation()
    {
        var exception = Assert.Throws<FormatException>(() => FuzzyDate.Parse("2003-02-30"));

        Assert.Equal("'2003-02-30' is not a date: February 2003 has 28 days", exception.Message);
    }

    [Theory]
    [InlineData("1999", "1999-01-01", "1999-12-31")]
    [InlineData("1999-02", "1999-02-01", "1999-02-28")]
    [InlineData("2000-02", "2000-02-01", "2000-02-29")]
    [InlineData("1999-12", "1999-12-01", "1999-12-31")]
    [InlineData("1999-04", "1999-04-01", "1999-04-30")]
    [InlineData("2004-02-26", "2004-02-26", "2004-02-26")]
    [InlineData("1999-12~", "1999-12-01", "1999-12-31")]
    [InlineData("1999%", "1999-01-01", "1999-12-31")]
    [InlineData("2004-02-26?", "2004-02-26", "2004-02-26")]
    public void EarliestAndLatest_SpanThePrecisionUnit_QualifiersDoNotWiden(string text, string earliest, string latest)
    {
        var date = FuzzyDate.Parse(text);

        Assert.Equal(Day(earliest), date.Earliest);
        Assert.Equal(Day(latest), date.Latest);
    }

    [Fact]
    public void Contains_IsTrueExactlyFromEarliestToLatest()
    {
        var december = FuzzyDate.OfMonth(1999, 12);

        Assert.False(december.Contains(Day("1999-11-30")));
        Assert.True(december.Contains(Day("1999-12-01")));
        Assert.True(december.Contains(Day("1999-12-31")));
        Assert.False(december.Contains(Day("2000-01-01")));
    }

    [Fact]
    public void Factories_BuildTheSameValuesAsParse()
    {
        Assert.Equal(FuzzyDate.Parse("2004-02-26"), FuzzyDate.OfDay(2004, 2, 26));
        Assert.Equal(FuzzyDate.Parse("1999-12"), FuzzyDate.OfMonth(1999, 12));
        Assert.Equal(FuzzyDate.Parse("1999"), FuzzyDate.OfYear(1999));
        Assert.Equal(FuzzyDate.Parse("2004-02-26"), FuzzyDate.FromDate(new DateOnly(2004, 2, 26)));
        Assert.Equal(FuzzyDate.Parse("1999-12~"), FuzzyDate.OfMonth(1999, 12) with { Approximate = true });
    }

    [Fact]
    public void Factories_ImpossibleDate_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FuzzyDate.OfDay(2003, 2, 29));
        Assert.Throws<ArgumentOutOfRangeException>(() => FuzzyDate.OfMonth(2003, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => FuzzyDate.OfYear(999));
        Assert.Throws<ArgumentOutOfRangeException>(() => FuzzyDate.FromDate(new DateOnly(999, 1, 1)));
    }

    [Fact]
    public void Equality_IncludesTheQualifiers()
    {
        Assert.Equal(FuzzyDate.Parse("1999-12~"), FuzzyDate.Parse("1999-12~"));
        Assert.NotEqual(FuzzyDate.Parse("1999-12~"), FuzzyDate.Parse("1999-12"));
        Assert.NotEqual(FuzzyDate.Parse("1999-12~"), FuzzyDate.Parse("1999-12%"));
        Assert.NotEqual(FuzzyDate.Parse("1999-12"), FuzzyDate.Parse("1999-12-01"));
    }

    [Fact]
    public void CompareTo_OrdersByEarliestThenLessPreciseFirst()
    {
        string[] expected = ["1999-12-31", "2000", "2000-01", "2000-01-01", "2000-01-02", "2000-02", "2001"];
        var shuffled = new[] { "2000-01-01", "2001", "2000-02", "2000", "1999-12-31", "2000-01-02", "2000-01" }
            .Select(FuzzyDate.Parse)
            .ToList();

        shuffled.Sort();

        Assert.Equal(expected, shuffled.Select(d => d.ToString()));
    }

    [Fact]
    public void CompareTo_SameDayDifferentQualifier_IsNotZero()
    {
        Assert.True(FuzzyDate.Parse("1999") < FuzzyDate.Parse("1999~"));
        Assert.True(FuzzyDate.Parse("1999~") < FuzzyDate.Parse("1999?"));
        Assert.Equal(0, FuzzyDate.Parse("1999?").CompareTo(FuzzyDate.Parse("1999?")));
    }

    [Fact]
    public void ComparisonOperators_AgreeWithCompareTo()
    {
        var year = FuzzyDate.Parse("2000");
        var month = FuzzyDate.Parse("2000-01");

        Assert.True(year < month);
        Assert.True(year <= month);
        Assert.True(month > year);
        Assert.True(month >= year);
        Assert.False(month < year);
        Assert.True(month >= FuzzyDate.Parse("2000-01"));
    }

    [Theory]
    [InlineData("១៩៨៥-០២-២៨", "1985-02-28")]
    [InlineData("๒๐๒๖-๑๒", "2026-12")]
    [InlineData("១៩៩៩~", "1999~")]
    public void KhmerAndThaiDigits_ReadAsTheSameDate(string typed, string same)
    {
        Assert.True(FuzzyDate.TryParse(typed, out var date, out _));
        Assert.Equal(FuzzyDate.Parse(same), date);
    }
}
