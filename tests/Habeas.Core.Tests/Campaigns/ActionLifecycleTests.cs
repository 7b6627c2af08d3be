using static Habeas.Core.Campaigns.ActionLifecycle;

namespace Habeas.Core.Tests.Campaigns;

public sealed class ActionLifecycleTests
{
    [Theory]
    [InlineData(Draft, Step.Issue, Issued)]
    [InlineData(Issued, Step.AddUpdate, Updated)]
    [InlineData(Updated, Step.AddUpdate, Updated)]
    [InlineData(Issued, Step.Close, Closed)]
    [InlineData(Updated, Step.Close, Closed)]
    [InlineData(Issued, Step.RecordOutreach, Issued)]
    [InlineData(Closed, Step.RecordOutreach, Closed)]
    public void AllowedSteps_LeadToTheirStatus(string status, Step step, string after)
    {
        Assert.Null(Refusal(status, step));
        Assert.Equal(after, After(status, step));
    }

    [Theory]
    [InlineData(Issued, Step.Issue, "already issued")]
    [InlineData(Draft, Step.AddUpdate, "issue the action first")]
    [InlineData(Closed, Step.AddUpdate, "closed")]
    [InlineData(Draft, Step.RecordOutreach, "issue the action first")]
    [InlineData(Draft, Step.Close, "issue it first")]
    [InlineData(Closed, Step.Close, "already closed")]
    public void RefusedSteps_SayWhy(string status, Step step, string reason) =>
        Assert.Contains(reason, Refusal(status, step), StringComparison.Ordinal);
}
