using static Habeas.Core.Campaigns.ActionOutcomes;

namespace Habeas.Core.Tests.Campaigns;

public sealed class ActionOutcomesTests
{
    [Theory]
    [InlineData("released", Effect.Release)]
    [InlineData("charges-dropped", Effect.Release)]
    [InlineData("improvement", Effect.Improvement)]
    [InlineData("refugee-protection", Effect.Improvement)]
    [InlineData("no-change", Effect.None)]
    [InlineData("worsened", Effect.None)]
    [InlineData("died", Effect.None)]
    [InlineData(null, Effect.None)]
    public void Outcomes_CountAsReleaseImprovementOrNeither(string? outcome, Effect effect) => Assert.Equal(effect, Of(outcome));

    [Fact]
    public void Durations_GiveMedianMinAndMax()
    {
        Assert.Equal(new Durations(3, 60, 30, 120), Durations.Of([120, 30, 60]));
        Assert.Equal(new Durations(2, 45, 30, 60), Durations.Of([60, 30]));
        Assert.Equal(new Durations(0, null, null, null), Durations.Of([]));
    }

    [Fact]
    public void DaysOpen_NeedsBothDays_InOrder()
    {
        Assert.Equal(120, DaysOpen(new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 30)));
        Assert.Null(DaysOpen(null, new DateOnly(2024, 4, 30)));
        Assert.Null(DaysOpen(new DateOnly(2024, 4, 30), new DateOnly(2024, 1, 1)));
    }
}
