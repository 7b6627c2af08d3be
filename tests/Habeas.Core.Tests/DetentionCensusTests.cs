using Habeas.Core.Custody;
using static Habeas.Core.Tests.TestEvents;

namespace Habeas.Core.Tests;

public class DetentionCensusTests
{
    [Fact]
    public void CountDetainedOn_CountsOnlyPeopleDeprivedOfLibertyThatDay()
    {
        CustodyTimeline[] people =
        [
            CustodyTimelineBuilder.Build([Arrest("2020-01-01")]),
            CustodyTimelineBuilder.Build([Arrest("2020-01-01"), Event("house-arrest", "2020-02-01")]),
            CustodyTimelineBuilder.Build([Arrest("2020-01-01"), Release("2020-02-01", "bail")]),
            CustodyTimelineBuilder.Build([Event("exile", "2019-05")]),
            CustodyTimelineBuilder.Build([Arrest("2020-03-01")]),
            CustodyTimelineBuilder.Build([]),
        ];

        Assert.Equal(0, DetentionCensus.CountDetainedOn(people, Day("2019-12-31")));
        Assert.Equal(3, DetentionCensus.CountDetainedOn(people, Day("2020-01-15")));
        Assert.Equal(2, DetentionCensus.CountDetainedOn(people, Day("2020-02-15")));
        Assert.Equal(3, DetentionCensus.CountDetainedOn(people, Day("2020-03-01")));
    }

    [Fact]
    public void CountDetainedOn_MonthPrecisionArrest_CountsFromTheFirstOfTheMonth()
    {
        CustodyTimeline[] people = [CustodyTimelineBuilder.Build([Arrest("2020-03")])];

        Assert.Equal(0, DetentionCensus.CountDetainedOn(people, Day("2020-02-29")));
        Assert.Equal(1, DetentionCensus.CountDetainedOn(people, Day("2020-03-01")));
    }
}
