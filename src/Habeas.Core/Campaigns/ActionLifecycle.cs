namespace Habeas.Core.Campaigns;

/// <summary>
/// The life of a campaign action (an Urgent Action, a letter-writing marathon …): drafted, issued to the
/// network, updated by further-information documents, closed with an outcome. Pure rules: what each step needs
/// the action to be, in words a campaigner understands when it is refused.
/// </summary>
public static class ActionLifecycle
{
    public const string Draft = "draft";
    public const string Issued = "issued";
    public const string Updated = "updated";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> Statuses = [Draft, Issued, Updated, Closed];

    /// <summary>Steps an action can take.</summary>
    public enum Step
    {
        Issue,
        AddUpdate,
        RecordOutreach,
        Close,
    }

    /// <summary>Why an action with <paramref name="status"/> cannot take <paramref name="step"/>; null when it can.</summary>
    public static string? Refusal(string status, Step step) =>
        (step, status) switch
        {
            (Step.Issue, Draft) => null,
            (Step.Issue, _) => $"The action is already {status}: it was issued before.",
            (Step.AddUpdate, Issued or Updated) => null,
            (Step.AddUpdate, Draft) => "A draft has nothing to update: issue the action first.",
            (Step.AddUpdate, _) => "The action is closed: reopen it by issuing a new action instead.",
            (Step.RecordOutreach, Issued or Updated or Closed) => null,
            (Step.RecordOutreach, _) => "Nothing is sent for a draft: issue the action first.",
            (Step.Close, Issued or Updated) => null,
            (Step.Close, Draft) => "A draft cannot be closed with an outcome: issue it first (or leave it as a draft).",
            (Step.Close, _) => "The action is already closed.",
            _ => $"'{status}' is not a status of an action.",
        };

    /// <summary>The status after <paramref name="step"/>.</summary>
    public static string After(string status, Step step) =>
        step switch
        {
            Step.Issue => Issued,
            Step.AddUpdate => Updated,
            Step.Close => Closed,
            _ => status,
        };
}
