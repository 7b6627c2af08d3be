using Habeas.Core.Custody;
using Habeas.Core.Deadlines;
using static Habeas.Core.Tests.TestEvents;

namespace Habeas.Core.Tests.Deadlines;

public class DeadlineRulesTests
{
    private const string Law = "Code of Criminal Procedure of the Kingdom of Cambodia";

    /// <summary>Cambodia's limits as the demonstration seeds them (docs/deadlines.md), and Thailand's appeal.</summary>
    private static readonly LimitBook Book = new([
        new TimeLimit("kh-police-custody", "KH", TimeLimitKinds.PoliceCustody, null, 0, 2, Law, "96", "2007"),
        new TimeLimit("kh-order-felony", "KH", TimeLimitKinds.DetentionOrder, OffenceClasses.Felony, 6, 0, Law, "208", "2007"),
        new TimeLimit("kh-max-felony", "KH", TimeLimitKinds.PreTrialMaximum, OffenceClasses.Felony, 18, 0, Law, "208", "2007"),
        new TimeLimit("kh-order-misd", "KH", TimeLimitKinds.DetentionOrder, OffenceClasses.Misdemeanour, 4, 0, Law, "209", "2007"),
        new TimeLimit("kh-max-misd", "KH", TimeLimitKinds.PreTrialMaximum, OffenceClasses.Misdemeanour, 6, 0, Law, "209", "2007"),
        new TimeLimit("kh-appeal", "KH", TimeLimitKinds.Appeal, null, 1, 0, Law, "382", "2007", Verified: false),
        new TimeLimit("th-appeal", "TH", TimeLimitKinds.Appeal, null, 1, 0, "Criminal Procedure Code", "198", "B.E. 2477"),
        new TimeLimit("th-dika", "TH", TimeLimitKinds.Cassation, null, 1, 0, "Criminal Procedure Code", "216", "B.E. 2477"),
    ]);

    private static readonly Guid CaseId = Guid.NewGuid();

    private static Func<Guid?, CaseLaw> Cambodia(string? offenceClass = OffenceClasses.Felony) =>
        id => id == CaseId ? new CaseLaw("KH", offenceClass) : CaseLaw.Unknown;

    private static DeadlineEvent InCase(CustodyEvent e) => new(e, CaseId);

    private static IReadOnlyList<Deadline> ForPerson(Func<Guid?, CaseLaw> law, params CustodyEvent[] events) =>
        DeadlineRules.ForPerson(events.Select(InCase), Book, law);

    private static Deadline Only(IReadOnlyList<Deadline> deadlines, string kind) => Assert.Single(deadlines, d => d.Kind == kind);

    [Fact]
    public void AnOrderTwentyMonthsAgo_AndNoVerdict_ReachedTheMaximumEighteenMonthsAfterIt_CitingTheArticle()
    {
        var order = Event("pre-trial-detention-order", "2025-04-07");

        var deadlines = ForPerson(Cambodia(), Arrest("2025-04-05"), order);

        var maximum = Only(deadlines, DeadlineKinds.PreTrialMaximum);
        Assert.Equal(Day("2026-10-07"), maximum.Due);
        Assert.Equal(order.EventId, maximum.EventId);
        Assert.Equal("208", maximum.Limit!.Article);
        Assert.False(maximum.DueIsEarliest);
        Assert.False(maximum.ClassAssumed);
        // The order itself, never extended, lapsed six months after it.
        Assert.Equal(Day("2025-10-07"), Only(deadlines, DeadlineKinds.DetentionOrder).Due);
    }

    [Fact]
    public void Extensions_MoveTheOrdersEnd_ButNeverTheMaximum()
    {
        var first = Event("pre-trial-detention-order", "2024-01-10");
        var extension = Event("detention-extension", "2024-07-08");

        var once = ForPerson(Cambodia(), first, extension);

        Assert.Equal(Day("2025-01-08"), Only(once, DeadlineKinds.DetentionOrder).Due);
        Assert.Equal(extension.EventId, Only(once, DeadlineKinds.DetentionOrder).EventId);
        Assert.Equal(Day("2025-07-10"), Only(once, DeadlineKinds.PreTrialMaximum).Due);
        Assert.Equal(first.EventId, Only(once, DeadlineKinds.PreTrialMaximum).EventId);

        // A second extension would run past the maximum: only the maximum is due.
        var twice = ForPerson(Cambodia(), first, extension, Event("detention-extension", "2025-01-12"));
        Assert.DoesNotContain(twice, d => d.Kind == DeadlineKinds.DetentionOrder);
        Assert.Equal(Day("2025-07-10"), Only(twice, DeadlineKinds.PreTrialMaximum).Due);
    }

    [Fact]
    public void AReleaseBeforeTheLimit_EndsEveryDetentionDeadline()
    {
        var deadlines = ForPerson(
            Cambodia(),
            Arrest("2024-01-01"),
            Event("pre-trial-detention-order", "2024-01-03"),
            Release("2024-05-01", "bail")
        );

        Assert.Empty(deadlines);
    }

    [Fact]
    public void BailGranted_EndsPreTrialDetention_BailRefusedDoesNot()
    {
        var order = Event("pre-trial-detention-order", "2024-01-03");

        Assert.Empty(ForPerson(Cambodia(), order, Event("bail-request", "2024-02-01", "granted")));
        Assert.Equal(
            Day("2025-07-03"),
            Only(ForPerson(Cambodia(), order, Event("bail-request", "2024-02-01", "refused")), DeadlineKinds.PreTrialMaximum).Due
        );
    }

    [Fact]
    public void AReArrest_StartsANewSpell_CountedFromItsOwnOrder()
    {
        var secondOrder = Event("pre-trial-detention-order", "2024-03-03");

        var deadlines = ForPerson(
            Cambodia(),
            Arrest("2020-02-01"),
            Event("pre-trial-detention-order", "2020-02-03"),
            Release("2021-01-15"),
            Arrest("2024-03-01"),
            secondOrder
        );

        var maximum = Only(deadlines, DeadlineKinds.PreTrialMaximum);
        Assert.Equal(secondOrder.EventId, maximum.EventId);
        Assert.Equal(Day("2025-09-03"), maximum.Due);
    }

    [Fact]
    public void AnOrderDatedOnlyToTheMonth_GivesTheEarliestPossibleDeadline_AndSaysSo()
    {
        var deadlines = ForPerson(Cambodia(), Event("pre-trial-detention-order", "2025-03"));

        var maximum = Only(deadlines, DeadlineKinds.PreTrialMaximum);
        Assert.Equal(Day("2026-09-01"), maximum.Due);
        Assert.Equal(Day("2026-09-30"), maximum.DueLatest);
        Assert.True(maximum.DueIsEarliest);
    }

    [Fact]
    public void AYearOnlyDate_SpansTheWholeYear()
    {
        var maximum = Only(ForPerson(Cambodia(), Event("pre-trial-detention-order", "2025")), DeadlineKinds.PreTrialMaximum);

        Assert.Equal(Day("2026-07-01"), maximum.Due);
        Assert.Equal(Day("2027-06-30"), maximum.DueLatest);
        Assert.True(maximum.DueIsEarliest);
    }

    [Fact]
    public void AMisdemeanour_HasItsOwnShorterLimits()
    {
        var deadlines = ForPerson(Cambodia(OffenceClasses.Misdemeanour), Event("pre-trial-detention-order", "2025-01-15"));

        Assert.Equal(Day("2025-05-15"), Only(deadlines, DeadlineKinds.DetentionOrder).Due);
        Assert.Equal(Day("2025-07-15"), Only(deadlines, DeadlineKinds.PreTrialMaximum).Due);
        Assert.Equal("209", Only(deadlines, DeadlineKinds.PreTrialMaximum).Limit!.Article);
    }

    [Fact]
    public void ChargesOfUnknownClass_GetTheFelonyLimit_AndSaySo()
    {
        var maximum = Only(
            ForPerson(Cambodia(offenceClass: null), Event("pre-trial-detention-order", "2025-01-15")),
            DeadlineKinds.PreTrialMaximum
        );

        Assert.Equal(Day("2026-07-15"), maximum.Due);
        Assert.True(maximum.ClassAssumed);
    }

    [Fact]
    public void AnArrestWithNoOrder_RunsThePoliceCustodyLimit()
    {
        var arrest = Arrest("2026-12-05");

        var police = Only(ForPerson(Cambodia(), arrest), DeadlineKinds.PoliceCustody);

        Assert.Equal(Day("2026-12-07"), police.Due);
        Assert.Equal(arrest.EventId, police.EventId);
        Assert.Equal("96", police.Limit!.Article);
    }

    [Fact]
    public void ACaseOfACountryWithNoLimits_GivesNoLegalDeadline_ButLimboStillCounts()
    {
        var hearing = Event("hearing", "2024-05-02");

        var deadlines = ForPerson(_ => new CaseLaw("VN", OffenceClasses.Felony), Event("pre-trial-detention-order", "2024-01-03"), hearing);

        var limbo = Assert.Single(deadlines);
        Assert.Equal(DeadlineKinds.Limbo, limbo.Kind);
        Assert.Equal(hearing.EventId, limbo.EventId);
        Assert.Equal(Day("2024-11-02"), limbo.Due);
    }

    [Fact]
    public void AConvictionWithNoReleaseRecorded_EndsOnTheSentencesLastDay_ToBeVerified()
    {
        var verdict = Convicted("2000-01-20", new SentenceTerm(0, 6, 0));

        var deadlines = ForPerson(Cambodia(), Arrest("1999-12-15"), verdict);

        var end = Only(deadlines, DeadlineKinds.SentenceEnd);
        Assert.Equal(Day("2000-06-15"), end.Due);
        Assert.Equal(verdict.EventId, end.EventId);
        Assert.DoesNotContain(deadlines, d => d.Kind == DeadlineKinds.Limbo);
    }

    [Fact]
    public void DetainedAfterTheirSentence_ForAnExtradition_IsInLimboSixMonthsAfterTheLastEvent()
    {
        // Sok Yoeun: arrested December 1999, six months for illegal entry, kept in detention for the extradition.
        var extradition = Event("extradition-decision", "2002-11");

        var deadlines = ForPerson(
            _ => new CaseLaw("TH", null),
            Arrest("1999-12"),
            Convicted("1999-12~", new SentenceTerm(0, 6, 0)),
            Event("administrative-detention", "2000-06"),
            extradition
        );

        var limbo = Assert.Single(deadlines);
        Assert.Equal(DeadlineKinds.Limbo, limbo.Kind);
        Assert.Equal(extradition.EventId, limbo.EventId);
        Assert.Equal(Day("2003-05-01"), limbo.Due);
        Assert.Equal(Day("2003-05-30"), limbo.DueLatest);
        Assert.True(limbo.DueIsEarliest);
    }

    [Fact]
    public void AVerdict_OpensTheTimeToAppeal_UntilAnAppealIsFiled()
    {
        var caseId = Guid.NewGuid();
        var verdict = Convicted("2026-11-20", new SentenceTerm(1, 0, 0));
        var cambodia = new CaseLaw("KH", OffenceClasses.Felony);

        var open = DeadlineRules.ForCase(caseId, [Event("hearing", "2026-11-01"), verdict], Book, cambodia);

        var appeal = Assert.Single(open);
        Assert.Equal(DeadlineKinds.Appeal, appeal.Kind);
        Assert.Equal(Day("2026-12-20"), appeal.Due);
        Assert.Equal(caseId, appeal.CaseId);
        Assert.False(appeal.Limit!.Verified);

        var appealed = DeadlineRules.ForCase(caseId, [verdict, Event("appeal-filed", "2026-12-01")], Book, cambodia);
        var limbo = Assert.Single(appealed);
        Assert.Equal(DeadlineKinds.CaseLimbo, limbo.Kind);
        Assert.Equal(Day("2027-06-01"), limbo.Due);
    }

    [Fact]
    public void ADecisionOnAppeal_OpensTheTimeForTheSupremeCourt_ARetrialReopensTheCase()
    {
        var caseId = Guid.NewGuid();
        var thailand = new CaseLaw("TH", null);
        var decision = Event("appeal-decision", "2002-11-28", "upheld");

        var decided = DeadlineRules.ForCase(
            caseId,
            [Event("verdict", "2002-03-01", "convicted"), Event("appeal-filed", "2002-03-20"), decision],
            Book,
            thailand
        );

        var dika = Assert.Single(decided);
        Assert.Equal(DeadlineKinds.Cassation, dika.Kind);
        Assert.Equal(Day("2002-12-28"), dika.Due);
        Assert.Equal("216", dika.Limit!.Article);

        var retrial = DeadlineRules.ForCase(
            caseId,
            [Event("appeal-filed", "2002-03-20"), Event("appeal-decision", "2002-11-28", "retrial")],
            Book,
            thailand
        );
        Assert.Equal(DeadlineKinds.CaseLimbo, Assert.Single(retrial).Kind);
    }

    [Fact]
    public void ACaseWithoutAVerdict_IsInLimboSixMonthsAfterItsLastEvent_AFutureHearingPushesItBack()
    {
        var caseId = Guid.NewGuid();
        var law = new CaseLaw("KH", OffenceClasses.Felony);

        var limbo = Assert.Single(
            DeadlineRules.ForCase(caseId, [Event("charge", "2026-01-10"), Event("hearing", "2026-05-07")], Book, law)
        );
        Assert.Equal(Day("2026-11-07"), limbo.Due);

        var scheduled = Assert.Single(
            DeadlineRules.ForCase(caseId, [Event("charge", "2026-01-10"), Event("hearing", "2027-01-20")], Book, law)
        );
        Assert.Equal(Day("2027-07-20"), scheduled.Due);
    }

    [Fact]
    public void LimitsRunInCalendarMonths_FromTheLastDayOfAShortMonth()
    {
        var limit = new TimeLimit("x", "TH", TimeLimitKinds.Appeal, null, 1, 0, "Criminal Procedure Code", "198", "B.E. 2477");

        Assert.Equal(Day("2025-03-23"), limit.EndFrom(Day("2025-02-23")));
        Assert.Equal(Day("2025-02-28"), limit.EndFrom(Day("2025-01-31")));
    }
}
