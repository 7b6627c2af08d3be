using Habeas.Core.Custody;
using static Habeas.Core.Tests.TestEvents;

namespace Habeas.Core.Tests;

public class SentenceTermTests
{
    [Theory]
    [InlineData(1, 0, 0, "2018-01-10", "2019-01-10")]
    [InlineData(0, 6, 0, "2019-08-31", "2020-02-29")]
    [InlineData(0, 6, 0, "2018-08-31", "2019-02-28")]
    [InlineData(1, 1, 0, "2000-02-29", "2001-03-28")]
    [InlineData(0, 0, 45, "2020-01-01", "2020-02-15")]
    [InlineData(2, 3, 10, "2020-01-01", "2022-04-11")]
    public void CustodialEnd_AddsYearsThenMonthsThenDays(int years, int months, int days, string start, string end)
    {
        Assert.Equal(Day(end), new SentenceTerm(years, months, days).CustodialEnd(Day(start)));
    }

    [Fact]
    public void CustodialEnd_SubtractsTheSuspendedPart()
    {
        var term = new SentenceTerm(3, 0, 0, SuspendedYears: 1, SuspendedMonths: 6);

        Assert.Equal(Day("2021-07-01"), term.CustodialEnd(Day("2020-01-01")));
    }

    [Fact]
    public void CustodialEnd_FullySuspended_IsTheStart()
    {
        var term = new SentenceTerm(5, 0, 0, SuspendedYears: 5);

        Assert.Equal(Day("2018-09-01"), term.CustodialEnd(Day("2018-09-01")));
        Assert.True(term.HasSuspendedPart);
        Assert.False(new SentenceTerm(5, 0, 0).HasSuspendedPart);
    }
}
