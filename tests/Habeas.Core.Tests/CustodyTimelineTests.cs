using Habeas.Core.Custody;
using Habeas.Core.Dates;
using static Habeas.Core.Custody.CustodyStatus;
using static Habeas.Core.Tests.TestEvents;

namespace Habeas.Core.Tests;

public class CustodyTimelineTests
{
    private static readonly DateOnly FarFuture = new(2090, 1, 1);

    private static CustodyStatus[] Statuses(CustodyTimeline timeline) => timeline.Intervals.Select(i => i.Status).ToArray();

    // --- The simple story and the interval shape ---

    [Fact]
    public void Arrest_ThenRelease_GivesPoliceCustodyThenFree()
    {
        var arrest = Arrest("2020-03-01");
        var release = Release("2020-03-05");

        var timeline = CustodyTimelineBuilder.Build([arrest, release]);

        Assert.Equal([PoliceCustody, Free], Statuses(timeline));
        var custody = timeline.Intervals[0];
        Assert.Equal(Day("2020-03-01"), custody.FromDay);
        Assert.Equal(Day("2020-03-05"), custody.ToDay);
        Assert.Equal(FuzzyDate.Parse("2020-03-01"), custody.From);
        Assert.Equal(FuzzyDate.Parse("2020-03-05"), custody.To);
        Assert.Equal(arrest.EventId, custody.StartEventId);
        Assert.Equal(release.EventId, custody.EndEventId);
        Assert.False(custody.Presumed);
        Assert.Null(timeline.Intervals[1].ToDay);
        Assert.Empty(timeline.Warnings);
        Assert.Empty(timeline.IgnoredEventIds);
    }

    [Fact]
    public void Arrest_ThenRelease_StatusOnEachSideOfTheHalfOpenBounds()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2020-03-01"), Release("2020-03-05")]);

        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("2020-02-29")));
        Assert.Equal(new CustodyAnswer(PoliceCustody, true), timeline.StatusOn(Day("2020-03-01")));
        Assert.Equal(new CustodyAnswer(PoliceCustody, true), timeline.StatusOn(Day("2020-03-04")));
        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("2020-03-05")));
        Assert.Equal(Free, timeline.Current(Day("2024-01-01")));
    }

    [Fact]
    public void Arrest_ThenRelease_CountsDaysFromArrestUpToButNotIncludingRelease()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2020-03-01"), Release("2020-03-05")]);

        Assert.Equal(new DayCount(4, 4, 4), timeline.DaysDetained(Day("2024-01-01")));
        Assert.Equal(new DayCount(2, 2, 2), timeline.DaysDetained(Day("2020-03-02")));
        Assert.Equal(new DayCount(0, 0, 0), timeline.DaysDetained(Day("2020-02-29")));
    }

    [Fact]
    public void NoEvents_FreeWithNoIntervals()
    {
        var timeline = CustodyTimelineBuilder.Build([]);

        Assert.Empty(timeline.Intervals);
        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("2020-01-01")));
        Assert.Equal(new DayCount(0, 0, 0), timeline.DaysDetained(Day("2020-01-01")));
        Assert.Null(timeline.SentenceEnd);
    }

    [Fact]
    public void OngoingDetention_CountsUpToAndIncludingAsOf()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2024-01-01")]);

        Assert.Null(timeline.Intervals.Single().ToDay);
        Assert.Equal(new DayCount(10, 10, 10), timeline.DaysDetained(Day("2024-01-10")));
        Assert.Equal(PoliceCustody, timeline.Current(Day("2030-01-01")));
    }

    [Fact]
    public void EventsGivenOutOfOrder_AreSortedByDate()
    {
        var timeline = CustodyTimelineBuilder.Build([Release("2020-03-05"), Arrest("2020-03-01")]);

        Assert.Equal([PoliceCustody, Free], Statuses(timeline));
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void ArrestAndReleaseOnTheSameDay_CountNoDayAndLeaveNoInterval()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2020-03-01"), Release("2020-03-01")]);

        Assert.Empty(timeline.Intervals);
        Assert.Equal(0, timeline.DaysDetained(Day("2021-01-01")).Estimate);
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void EventsWithNoCustodyEffect_BeforeTheFirstArrest_DoNotStartAnInterval()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Event("summons", "2019-01-10"),
            Event("charge", "2019-02-01"),
            Event("threat", "2019-02-15"),
            Arrest("2019-03-01"),
            Event("hearing", "2019-04-01"),
            Event("health-incident", "2019-04-02"),
            Event("ill-treatment-allegation", "2019-04-03"),
            Event("extradition-request", "2019-04-04"),
            Event("extradition-decision", "2019-04-05", "granted"),
            Event("refugee-status-granted", "2019-04-06"),
        ]);

        var only = Assert.Single(timeline.Intervals);
        Assert.Equal(PoliceCustody, only.Status);
        Assert.Equal(Day("2019-03-01"), only.FromDay);
        Assert.Empty(timeline.Warnings);
        Assert.Empty(timeline.IgnoredEventIds);
    }

    // --- Pre-trial detention, verdict, end of term ---

    [Fact]
    public void ArrestPreTrialOrderVerdict_TimeServedCredited_PresumedReleasedAtEndOfTerm()
    {
        var arrest = Arrest("2018-01-10");
        var verdict = Convicted("2018-07-01", new SentenceTerm(1, 0, 0));

        var timeline = CustodyTimelineBuilder.Build([arrest, Event("pre-trial-detention-order", "2018-01-12"), verdict]);

        Assert.Equal([PoliceCustody, PreTrialDetention, ServingSentence, Free], Statuses(timeline));
        Assert.Equal(Day("2019-01-10"), timeline.SentenceEnd);
        var presumed = timeline.Intervals[^1];
        Assert.True(presumed.Presumed);
        Assert.Equal(Day("2019-01-10"), presumed.FromDay);
        Assert.Equal(FuzzyDate.Parse("2019-01-10"), presumed.From);
        Assert.Equal(verdict.EventId, presumed.StartEventId);
        Assert.Equal(verdict.EventId, timeline.Intervals[2].StartEventId);
        Assert.Equal(ServingSentence, timeline.Current(Day("2019-01-09")));
        Assert.Equal(Free, timeline.Current(Day("2019-01-10")));
        Assert.Equal(new DayCount(365, 365, 365), timeline.DaysDetained(Day("2020-01-01")));
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void Verdict_TimeServedNotCredited_TermRunsFromTheVerdict()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2018-01-10"),
            Convicted("2018-07-01", new SentenceTerm(1, 0, 0, TimeServedCredited: false)),
        ]);

        Assert.Equal(Day("2019-07-01"), timeline.SentenceEnd);
        Assert.Equal(537, timeline.DaysDetained(Day("2020-01-01")).Estimate);
    }

    [Fact]
    public void Verdict_CustodialPartIsTermMinusSuspendedPart()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2018-01-01"),
            Convicted("2018-03-01", new SentenceTerm(2, 0, 0, SuspendedYears: 1, SuspendedMonths: 6)),
        ]);

        Assert.Equal(Day("2018-07-01"), timeline.SentenceEnd);
        // The suspended remainder keeps the case open: at liberty under a suspended sentence, not free of it.
        Assert.Equal(SuspendedSentence, timeline.Current(Day("2018-07-01")));
    }

    [Fact]
    public void Verdict_WhileOnBail_SentenceStartsAtTheVerdict_LessTheTimeServed()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2018-01-01"),
            Event("bail-request", "2018-01-20", "granted"),
            Convicted("2018-06-01", new SentenceTerm(0, 6, 0)),
        ]);

        Assert.Equal([PoliceCustody, Bail, ServingSentence, Free], Statuses(timeline));
        // Six months from the verdict would end on 2018-12-01; the 19 days held before bail are credited:
        // the term counts from 2018-05-13 and ends on 2018-11-13.
        Assert.Equal(Day("2018-11-13"), timeline.SentenceEnd);
        Assert.Equal(19 + 165, timeline.DaysDetained(Day("2019-01-01")).Estimate);
    }

    [Fact]
    public void ReleaseBeforeEndOfTerm_IsNotPresumed()
    {
        var release = Release("2018-09-01", "pardon");

        var timeline = CustodyTimelineBuilder.Build([Arrest("2018-01-10"), Convicted("2018-07-01", new SentenceTerm(1, 0, 0)), release]);

        Assert.Equal([PoliceCustody, ServingSentence, Free], Statuses(timeline));
        Assert.False(timeline.Intervals[^1].Presumed);
        Assert.Equal(release.EventId, timeline.Intervals[^1].StartEventId);
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void ReleaseAfterEndOfTerm_CountsDetentionUntilTheReleaseAndWarns()
    {
        var release = Release("2019-03-01", "end-of-term");

        var timeline = CustodyTimelineBuilder.Build([Arrest("2018-01-10"), Convicted("2018-07-01", new SentenceTerm(1, 0, 0)), release]);

        Assert.Equal([PoliceCustody, ServingSentence, Free], Statuses(timeline));
        Assert.False(timeline.Intervals[^1].Presumed);
        Assert.Equal(ServingSentence, timeline.Current(Day("2019-02-01")));
        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(release.EventId, warning.EventId);
        Assert.Equal(CustodyWarnings.DetainedAfterTerm, warning.Code);
        Assert.Equal(new DateOnly(2019, 1, 10), warning.Day);
    }

    [Fact]
    public void ArrestAfterEndOfTerm_FollowsAPresumedRelease()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2018-01-10"),
            Convicted("2018-07-01", new SentenceTerm(1, 0, 0)),
            Arrest("2020-05-01"),
        ]);

        Assert.Equal([PoliceCustody, ServingSentence, Free, PoliceCustody], Statuses(timeline));
        Assert.True(timeline.Intervals[2].Presumed);
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void Verdict_TermAlreadyServed_PresumedFreeFromTheVerdictWithWarning()
    {
        var verdict = Convicted("2017-06-01", new SentenceTerm(1, 0, 0));

        var timeline = CustodyTimelineBuilder.Build([Arrest("2016-01-01"), verdict]);

        Assert.Equal([PoliceCustody, Free], Statuses(timeline));
        var free = timeline.Intervals[1];
        Assert.True(free.Presumed);
        Assert.Equal(Day("2017-06-01"), free.FromDay);
        Assert.Equal(verdict.EventId, free.StartEventId);
        Assert.Equal(517, timeline.DaysDetained(Day("2020-01-01")).Estimate);
        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(verdict.EventId, warning.EventId);
        Assert.Equal(CustodyWarnings.TermServed, warning.Code);
    }

    [Fact]
    public void Verdict_Acquitted_Frees()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2018-01-01"),
            Event("pre-trial-detention-order", "2018-01-03"),
            Event("verdict", "2018-05-01", "acquitted"),
        ]);

        Assert.Equal([PoliceCustody, PreTrialDetention, Free], Statuses(timeline));
        Assert.Null(timeline.SentenceEnd);
    }

    [Fact]
    public void Verdict_ConvictedWithoutTermWhileDetained_ServingWithUnknownEnd()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2018-01-01"), Convicted("2018-05-01", null)]);

        Assert.Equal([PoliceCustody, ServingSentence], Statuses(timeline));
        Assert.Null(timeline.SentenceEnd);
        Assert.Equal(ServingSentence, timeline.Current(FarFuture));
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void Verdict_ConvictedWithoutTermWhileFree_NoChangeAndWarns()
    {
        var verdict = Convicted("2018-05-01", null);

        var timeline = CustodyTimelineBuilder.Build([verdict]);

        Assert.Empty(timeline.Intervals);
        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(verdict.EventId, warning.EventId);
        Assert.Equal(CustodyWarnings.ConvictionWithoutTerm, warning.Code);
        Assert.Equal("free", warning.Status);
    }

    [Fact]
    public void Verdict_UnknownDecision_NoChangeAndWarns()
    {
        var verdict = Event("verdict", "2018-05-01", "postponed");

        var timeline = CustodyTimelineBuilder.Build([Arrest("2018-01-01"), verdict]);

        Assert.Equal([PoliceCustody], Statuses(timeline));
        Assert.Equal(verdict.EventId, Assert.Single(timeline.Warnings).EventId);
    }

    [Fact]
    public void PresumedEndOfTerm_FromAMonthPrecisionArrest_IsUncertainAcrossThatMonth()
    {
        // Arrested "March 2019", six months credited: the release falls somewhere from 1 to 30 September.
        var timeline = CustodyTimelineBuilder.Build([Arrest("2019-03"), Convicted("2019-06-10", new SentenceTerm(0, 6, 0))]);

        Assert.Equal(Day("2019-09-01"), timeline.SentenceEnd);
        Assert.Equal(new CustodyAnswer(Free, false), timeline.StatusOn(Day("2019-09-15")));
        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("2019-10-01")));
        Assert.Equal(new DayCount(184, 154, 213), timeline.DaysDetained(Day("2020-01-01")));
    }

    // --- Appeals and suspended sentences ---

    [Fact]
    public void AdhocFive_SuspendedSentenceWithAppealPending_IsSuspendedSentence()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2016-04-28"),
            Release("2017-06-29", "bail"),
            Convicted("2018-09", new SentenceTerm(5, 0, 0, SuspendedYears: 5)),
            Event("appeal-filed", "2018-10"),
        ]);

        Assert.Equal([PoliceCustody, Bail, SuspendedSentence], Statuses(timeline));
        Assert.Equal(new CustodyAnswer(SuspendedSentence, true), timeline.StatusOn(Day("2021-07-07")));
        Assert.Equal(new CustodyAnswer(Bail, true), timeline.StatusOn(Day("2018-01-01")));
        Assert.False(CustodyStatuses.IsDeprivedOfLiberty(timeline.Current(Day("2021-07-07"))));
        Assert.Equal(new DayCount(427, 427, 427), timeline.DaysDetained(Day("2021-07-07")));
        Assert.Null(timeline.SentenceEnd);
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void SuspendedSentence_AppealUpheld_ClosesTheCase()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2016-04-28"),
            Event("sentence-suspended", "2017-06-29"),
            Event("appeal-decision", "2022-01-10", "upheld"),
        ]);

        Assert.Equal([PoliceCustody, SuspendedSentence, Free], Statuses(timeline));
    }

    [Fact]
    public void ServingSentence_AppealUpheldOrRetrial_NoChange()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2016-01-01"),
            Convicted("2016-06-01", new SentenceTerm(5, 0, 0)),
            Event("appeal-decision", "2017-01-01", "upheld"),
            Event("appeal-decision", "2017-06-01", "retrial"),
        ]);

        Assert.Equal(ServingSentence, timeline.Current(Day("2018-01-01")));
        Assert.Equal(Day("2021-01-01"), timeline.SentenceEnd);
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void ServingSentence_AppealAcquits_Frees()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2016-01-01"),
            Convicted("2016-06-01", new SentenceTerm(5, 0, 0)),
            Event("appeal-decision", "2017-01-01", "acquitted"),
        ]);

        Assert.Equal([PoliceCustody, ServingSentence, Free], Statuses(timeline));
        Assert.False(timeline.Intervals[^1].Presumed);
        Assert.Null(timeline.SentenceEnd);
    }

    [Fact]
    public void ServingSentence_AppealSuspends_SuspendedSentence()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2016-01-01"),
            Convicted("2016-06-01", new SentenceTerm(5, 0, 0)),
            Event("appeal-decision", "2017-01-01", "suspended"),
        ]);

        Assert.Equal([PoliceCustody, ServingSentence, SuspendedSentence], Statuses(timeline));
        Assert.Equal(SuspendedSentence, timeline.Current(FarFuture));
    }

    [Fact]
    public void AppealReducesSentence_EndRecomputedFromTheSameStart()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2010-01-01"),
            Convicted("2010-06-01", new SentenceTerm(3, 0, 0)),
            Event("appeal-decision", "2011-01-01", "reduced", new SentenceTerm(2, 0, 0)),
        ]);

        Assert.Equal(Day("2012-01-01"), timeline.SentenceEnd);
        Assert.Equal([PoliceCustody, ServingSentence, Free], Statuses(timeline));
        Assert.True(timeline.Intervals[^1].Presumed);
        Assert.Equal(730, timeline.DaysDetained(FarFuture).Estimate);
    }

    [Fact]
    public void AppealReducesSentenceBelowTimeServed_FreeFromTheDecisionWithWarning()
    {
        var decision = Event("appeal-decision", "2011-06-01", "reduced", new SentenceTerm(1, 0, 0));

        var timeline = CustodyTimelineBuilder.Build([Arrest("2010-01-01"), Convicted("2010-06-01", new SentenceTerm(3, 0, 0)), decision]);

        Assert.Equal(Day("2011-01-01"), timeline.SentenceEnd);
        Assert.Equal(Day("2011-06-01"), timeline.Intervals[^1].FromDay);
        Assert.Equal(Free, timeline.Intervals[^1].Status);
        Assert.Equal(decision.EventId, Assert.Single(timeline.Warnings).EventId);
    }

    [Fact]
    public void AppealReducedWithoutNewTerm_NoChangeAndWarns()
    {
        var decision = Event("appeal-decision", "2011-06-01", "reduced");

        var timeline = CustodyTimelineBuilder.Build([Arrest("2010-01-01"), Convicted("2010-06-01", new SentenceTerm(3, 0, 0)), decision]);

        Assert.Equal(Day("2013-01-01"), timeline.SentenceEnd);
        Assert.Equal(decision.EventId, Assert.Single(timeline.Warnings).EventId);
    }

    // --- Bail, transfer, re-arrest, house arrest ---

    [Fact]
    public void BailRefused_NoChange_BailGranted_Bail()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2020-01-01"),
            Event("bail-request", "2020-01-05", "refused"),
            Event("bail-request", "2020-02-01", "granted"),
        ]);

        Assert.Equal([PoliceCustody, Bail], Statuses(timeline));
        Assert.Equal(Day("2020-02-01"), timeline.Intervals[1].FromDay);
        Assert.Equal(31, timeline.DaysDetained(FarFuture).Estimate);
    }

    [Fact]
    public void ReArrest_AfterRelease_GivesASecondCustodyInterval()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2015-01-01"), Release("2015-01-11"), Arrest("2016-05-01")]);

        Assert.Equal([PoliceCustody, Free, PoliceCustody], Statuses(timeline));
        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("2015-06-01")));
        Assert.Equal(20, timeline.DaysDetained(Day("2016-05-10")).Estimate);
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void SecondArrestWhileDetained_IsAReArrestWithWarning()
    {
        var second = Arrest("2019-03-01");

        var timeline = CustodyTimelineBuilder.Build([Arrest("2019-01-01"), Event("pre-trial-detention-order", "2019-01-03"), second]);

        Assert.Equal([PoliceCustody, PreTrialDetention, PoliceCustody], Statuses(timeline));
        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(second.EventId, warning.EventId);
        Assert.Equal(CustodyWarnings.ArrestWhileDetained, warning.Code);
        Assert.Equal("pre-trial-detention", warning.Status);
    }

    [Fact]
    public void Transfer_WhileDetained_KeepsOneInterval()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2019-01-01"),
            Event("transfer", "2019-01-02"),
            Event("pre-trial-detention-order", "2019-01-03"),
            Event("transfer", "2019-02-01"),
            Event("detention-extension", "2019-05-01"),
            Release("2019-08-01"),
        ]);

        Assert.Equal([PoliceCustody, PreTrialDetention, Free], Statuses(timeline));
        Assert.Equal(Day("2019-01-03"), timeline.Intervals[1].FromDay);
        Assert.Equal(Day("2019-08-01"), timeline.Intervals[1].ToDay);
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void Transfer_WhileFree_CountsAsPreTrialDetentionWithWarning()
    {
        var transfer = Event("transfer", "2019-02-01");

        var timeline = CustodyTimelineBuilder.Build([transfer]);

        Assert.Equal([PreTrialDetention], Statuses(timeline));
        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(transfer.EventId, warning.EventId);
        Assert.Equal(CustodyWarnings.TransferWhileFree, warning.Code);
    }

    [Fact]
    public void HouseArrest_CountsAsDetention()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2020-01-01"), Event("house-arrest", "2020-02-01"), Release("2020-06-01")]);

        Assert.Equal([PoliceCustody, HouseArrest, Free], Statuses(timeline));
        Assert.Equal(HouseArrest, timeline.Current(Day("2020-03-01")));
        Assert.Equal(152, timeline.DaysDetained(FarFuture).Estimate);
    }

    [Theory]
    [InlineData("bail", Bail)]
    [InlineData("suspension", SuspendedSentence)]
    [InlineData("pardon", Free)]
    [InlineData("amnesty", Free)]
    [InlineData("medical", Free)]
    [InlineData("acquittal", Free)]
    [InlineData("end-of-term", Free)]
    public void Release_ReasonDecidesTheStatus(string reason, CustodyStatus expected)
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2020-01-01"), Release("2020-02-01", reason)]);

        Assert.Equal(expected, timeline.Current(Day("2020-03-01")));
    }

    [Fact]
    public void Release_WhileAlreadyFree_WarnsAndChangesNothing()
    {
        var release = Release("2020-02-01");

        var timeline = CustodyTimelineBuilder.Build([release]);

        Assert.Empty(timeline.Intervals);
        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(release.EventId, warning.EventId);
        Assert.Equal(CustodyWarnings.ReleaseWhileFree, warning.Code);
    }

    // --- Exile, disappearance, death ---

    [Fact]
    public void Exile_ThenReturn_ThenDeportation()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Event("exile", "2016-05"),
            Event("return-from-exile", "2019-11-09"),
            Arrest("2019-11-10"),
            Event("deportation", "2019-11-20"),
        ]);

        Assert.Equal([Exile, Free, PoliceCustody, Free], Statuses(timeline));
        Assert.Equal(10, timeline.DaysDetained(FarFuture).Estimate);
    }

    [Fact]
    public void ConvictionInAbsentiaWhileInExile_StaysInExileWithWarning()
    {
        var verdict = Convicted("2018-03-01", new SentenceTerm(5, 0, 0));

        var timeline = CustodyTimelineBuilder.Build([Event("exile", "2016-05"), verdict]);

        Assert.Equal([Exile], Statuses(timeline));
        Assert.Equal(0, timeline.DaysDetained(FarFuture).Maximum);
        Assert.Equal(verdict.EventId, Assert.Single(timeline.Warnings).EventId);
    }

    [Fact]
    public void Disappearance_ThenReappearance_DisappearedThenFree()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2021-01-01"),
            Event("enforced-disappearance", "2021-02-01"),
            Event("reappearance", "2021-08-01"),
        ]);

        Assert.Equal([PoliceCustody, Disappeared, Free], Statuses(timeline));
        Assert.Equal(Disappeared, timeline.Current(Day("2021-03-01")));
        Assert.Equal(Free, timeline.Current(Day("2021-09-01")));
        Assert.Equal(31, timeline.DaysDetained(FarFuture).Estimate);
    }

    [Fact]
    public void Disappearance_EndedByALaterCustodyEvent()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Event("enforced-disappearance", "2021-02-01"),
            Event("pre-trial-detention-order", "2021-04-01"),
        ]);

        Assert.Equal([Disappeared, PreTrialDetention], Statuses(timeline));
        Assert.Empty(timeline.Warnings);
    }

    [Fact]
    public void Death_IsTerminal_LaterEventIgnoredWithWarning()
    {
        var late = Release("2010-06-01");

        var timeline = CustodyTimelineBuilder.Build([Arrest("2010-01-01"), Event("death", "2010-05-05"), late]);

        Assert.Equal([PoliceCustody, Deceased], Statuses(timeline));
        Assert.Equal(Deceased, timeline.Current(FarFuture));
        Assert.Equal([late.EventId], timeline.IgnoredEventIds);
        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(late.EventId, warning.EventId);
        Assert.Equal(CustodyWarnings.AfterDeath, warning.Code);
        Assert.Equal(124, timeline.DaysDetained(FarFuture).Estimate);
    }

    [Fact]
    public void DeathWhileServing_NoPresumedReleaseAfterIt()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2010-01-01"),
            Convicted("2010-03-01", new SentenceTerm(1, 0, 0)),
            Event("death", "2010-05-05"),
        ]);

        Assert.Equal([PoliceCustody, ServingSentence, Deceased], Statuses(timeline));
        Assert.DoesNotContain(timeline.Intervals, i => i.Presumed);
    }

    // --- Events the timeline cannot use ---

    [Fact]
    public void UndatedEvent_IsWarnedAndIgnored()
    {
        var undated = Event("arrest", null);

        var timeline = CustodyTimelineBuilder.Build([undated, Event("hearing", null)]);

        Assert.Empty(timeline.Intervals);
        Assert.Equal([undated.EventId], timeline.IgnoredEventIds);
        var warning = Assert.Single(timeline.Warnings);
        Assert.Equal(undated.EventId, warning.EventId);
        Assert.Equal(CustodyWarnings.Undated, warning.Code);
        Assert.Null(warning.Date);
    }

    [Fact]
    public void UnknownEventType_HasNoEffectAndIsListedAsIgnored()
    {
        var unknown = Event("press-conference", "2020-01-15");

        var timeline = CustodyTimelineBuilder.Build([Arrest("2020-01-01"), unknown, Release("2020-02-01")]);

        Assert.Equal([PoliceCustody, Free], Statuses(timeline));
        Assert.Equal([unknown.EventId], timeline.IgnoredEventIds);
        Assert.Empty(timeline.Warnings);
    }

    // --- Fuzzy dates ---

    [Fact]
    public void MonthPrecision_TransitionsCountFromTheFirstOfTheMonth_BoundsSpanTheMonths()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2019-03"), Release("2019-05")]);

        Assert.Equal(Day("2019-03-01"), timeline.Intervals[0].FromDay);
        Assert.Equal(Day("2019-05-01"), timeline.Intervals[0].ToDay);
        Assert.Equal(FuzzyDate.Parse("2019-03"), timeline.Intervals[0].From);
        Assert.Equal(new DayCount(61, 31, 91), timeline.DaysDetained(FarFuture));
    }

    [Fact]
    public void MonthPrecision_StatusIsUncertainOnlyWithinTheStartingMonth()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2019-03"), Release("2019-05")]);

        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("2019-02-28")));
        Assert.Equal(new CustodyAnswer(PoliceCustody, false), timeline.StatusOn(Day("2019-03-15")));
        Assert.Equal(new CustodyAnswer(PoliceCustody, true), timeline.StatusOn(Day("2019-04-30")));
        Assert.Equal(new CustodyAnswer(Free, false), timeline.StatusOn(Day("2019-05-31")));
        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("2019-06-01")));
    }

    [Fact]
    public void ApproximateDay_IsUncertainOnThatDayOnly()
    {
        var timeline = CustodyTimelineBuilder.Build([Arrest("2019-03-10~")]);

        Assert.Equal(new CustodyAnswer(PoliceCustody, false), timeline.StatusOn(Day("2019-03-10")));
        Assert.Equal(new CustodyAnswer(PoliceCustody, true), timeline.StatusOn(Day("2019-03-11")));
    }

    [Fact]
    public void PartialDetentionIntervalsBackToBack_BoundsUseOnlyTheOuterDates()
    {
        // The change from police custody to pre-trial detention "in April" moves no day out of detention.
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2019-03-10"),
            Event("pre-trial-detention-order", "2019-04"),
            Release("2019-06-10"),
        ]);

        Assert.Equal(new DayCount(92, 92, 92), timeline.DaysDetained(FarFuture));
    }

    [Fact]
    public void ReleaseAndReArrestInTheSameMonth_MaximumDoesNotCountADayTwice()
    {
        // Out "some day in May", back in "some day in May": at most every day from 1 March to 30 June.
        var timeline = CustodyTimelineBuilder.Build([
            Arrest("2019-03-01"),
            Release("2019-05"),
            Arrest("2019-05-20"),
            Release("2019-07-01"),
        ]);

        var days = timeline.DaysDetained(FarFuture);

        Assert.Equal(61 + 42, days.Estimate);
        Assert.Equal(61 + 42, days.Minimum);
        Assert.Equal(122, days.Maximum);
    }

    [Fact]
    public void SameEarliestDay_LessPreciseFirstThenInputOrder()
    {
        // "2019" and "2019-01" both count from 1 January; the year-precision event is taken first.
        var yearArrest = Arrest("2019");
        var monthOrder = Event("pre-trial-detention-order", "2019-01");

        var timeline = CustodyTimelineBuilder.Build([monthOrder, yearArrest, Release("2019-01-01")]);

        Assert.Empty(timeline.Warnings);
        Assert.Empty(timeline.Intervals);

        var inInputOrder = CustodyTimelineBuilder.Build([
            Arrest("2019-02-01"),
            Event("pre-trial-detention-order", "2019-03-01"),
            Event("house-arrest", "2019-03-01"),
        ]);
        Assert.Equal([PoliceCustody, HouseArrest], Statuses(inInputOrder));
    }

    [Fact]
    public void SokYoeun_RefugeeArrestSentenceAdministrativeDetentionReleaseExile()
    {
        var timeline = CustodyTimelineBuilder.Build([
            Event("refugee-status-granted", "1999-11"),
            Arrest("1999-12"),
            Convicted("1999-12~", new SentenceTerm(0, 6, 0)),
            Event("administrative-detention", "2000-06"),
            Release("2004-02-26"),
            Event("exile", "2004-02-27"),
        ]);

        Assert.Equal([ServingSentence, AdministrativeDetention, Free, Exile], Statuses(timeline));
        Assert.Equal(FuzzyDate.Parse("1999-12~"), timeline.Intervals[0].From);
        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("1999-11-30")));
        // Arrest and verdict both count from 1 December 1999, so the police custody lasted no day on this rule;
        // any day of December 1999 is uncertain.
        Assert.Equal(new CustodyAnswer(ServingSentence, false), timeline.StatusOn(Day("1999-12-15")));
        Assert.Equal(new CustodyAnswer(AdministrativeDetention, false), timeline.StatusOn(Day("2000-06-15")));
        Assert.Equal(new CustodyAnswer(AdministrativeDetention, true), timeline.StatusOn(Day("2003-01-01")));
        Assert.Equal(new CustodyAnswer(Free, true), timeline.StatusOn(Day("2004-02-26")));
        Assert.Equal(new CustodyAnswer(Exile, true), timeline.StatusOn(Day("2004-03-01")));
        Assert.Equal(Day("2000-06-01"), timeline.SentenceEnd);
        // 1 Dec 1999 to 26 Feb 2004: 366 (2000 is leap) + 3 × 365 + 31 + 31 + 25 = 1548; arrested 31 Dec at the latest: 1518.
        Assert.Equal(new DayCount(1548, 1518, 1548), timeline.DaysDetained(Day("2024-01-01")));
        Assert.Empty(timeline.Warnings);
        Assert.Empty(timeline.IgnoredEventIds);
    }
}

public sealed class TimeServedCreditTests
{
    private static readonly Guid Person = Guid.NewGuid();

    private static CustodyEvent E(
        string type,
        string date,
        string? decision = null,
        SentenceTerm? sentence = null,
        string? reason = null
    ) => new(Guid.NewGuid(), type, FuzzyDate.Parse(date), decision, sentence, reason);

    [Fact]
    public void PreTrialDetentionBeforeBail_IsCreditedAgainstTheSentence()
    {
        var timeline = CustodyTimelineBuilder.Build([
            E("arrest", "2018-01-01"),
            E("release", "2018-04-01", reason: "bail"),
            E("verdict", "2018-06-01", "convicted", new SentenceTerm(0, 6, 0)),
        ]);

        // 90 days already served: the six months end 90 days after they would from the verdict.
        Assert.Equal(new DateOnly(2018, 9, 3), timeline.SentenceEnd);
        Assert.Equal(CustodyStatus.ServingSentence, timeline.Current(new DateOnly(2018, 9, 2)));
        Assert.Equal(CustodyStatus.Free, timeline.Current(new DateOnly(2018, 9, 3)));
    }

    [Fact]
    public void AdhocFive_CustodialPartServedBeforeTheVerdict_LeavesASuspendedSentence_NotPrison()
    {
        // Five years, 3 years 10 months suspended: the 14 months were served in pre-trial detention (2016-04-28 to 2017-06-29).
        var timeline = CustodyTimelineBuilder.Build([
            E("arrest", "2016-04-28"),
            E("pre-trial-detention-order", "2016-05~"),
            E("release", "2017-06-29", reason: "bail"),
            E("verdict", "2018", "convicted", new SentenceTerm(5, 0, 0, SuspendedYears: 3, SuspendedMonths: 10)),
            new CustodyEvent(Guid.NewGuid(), "appeal-filed", null),
        ]);

        Assert.DoesNotContain(timeline.Intervals, i => i.Status == CustodyStatus.ServingSentence);
        Assert.Equal(CustodyStatus.SuspendedSentence, timeline.Current(new DateOnly(2021, 7, 7)));
        Assert.Equal(427, timeline.DaysDetained(new DateOnly(2021, 7, 7)).Estimate);
    }

    [Fact]
    public void AcquittalThenANewCase_DoesNotCarryCreditOver()
    {
        var timeline = CustodyTimelineBuilder.Build([
            E("arrest", "2010-01-01"),
            E("verdict", "2010-03-01", "acquitted"),
            E("arrest", "2012-01-01"),
            E("release", "2012-01-11", reason: "bail"),
            E("verdict", "2012-06-01", "convicted", new SentenceTerm(0, 1, 0)),
        ]);

        // Only the 10 days of the second case count: one month from 2012-05-22.
        Assert.Equal(new DateOnly(2012, 6, 22), timeline.SentenceEnd);
    }
}

public sealed class ProceduralOrderTests
{
    [Fact]
    public void EventsOnTheSameFuzzyDate_FollowTheProcedure_NotTheOrderTyped()
    {
        var arrest = new CustodyEvent(Guid.NewGuid(), "arrest", FuzzyDate.Parse("1999-12"));
        var verdict = new CustodyEvent(Guid.NewGuid(), "verdict", FuzzyDate.Parse("1999-12~"), "convicted", new SentenceTerm(0, 6, 0));

        var typedVerdictFirst = CustodyTimelineBuilder.Build([verdict, arrest]);
        var typedArrestFirst = CustodyTimelineBuilder.Build([arrest, verdict]);

        Assert.Empty(typedVerdictFirst.Warnings);
        Assert.Equal(typedArrestFirst.Intervals.Select(i => i.Status), typedVerdictFirst.Intervals.Select(i => i.Status));
        Assert.Equal(CustodyStatus.ServingSentence, typedVerdictFirst.Current(new DateOnly(2000, 3, 1)));
    }

    [Fact]
    public void Rank_PutsArrestBeforeDetentionOrderBeforeVerdictBeforeRelease()
    {
        var ranks = new[] { "arrest", "pre-trial-detention-order", "verdict", "release" }.Select(ProceduralOrder.Rank).ToList();
        Assert.Equal(ranks.Order(), ranks);
        Assert.Equal(ProceduralOrder.Rank("hearing"), ProceduralOrder.Rank("no-such-type"));
    }
}
