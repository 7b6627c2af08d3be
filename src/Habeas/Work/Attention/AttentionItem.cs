namespace Habeas.Work.Attention;

/// <summary>
/// One thing on the work list (docs/work-list.md): a scheduled event, an outcome not recorded, a deadline, an act-by
/// date, a review queue. Kind names what it is; Section where the home page shows it (week, overdue, limbo, campaigns,
/// review); Severity how urgent (overdue, soon, info). Title says what it is about (people, a case, an action) and
/// Reason why it is here, both in the reader's language. Key identifies it for marks (done, snoozed, assigned): its kind,
/// its record and its due day. Mine: the reader watches its record, a team of theirs was granted it, or it is assigned to
/// them.
/// </summary>
public sealed record AttentionItem(
    string Kind,
    string Section,
    string Severity,
    DateOnly? Due,
    string RecordType,
    Guid? RecordId,
    string Title,
    string Reason,
    string Key,
    bool Mine,
    string? AssignedTo = null,
    string? State = null
)
{
    public string? Href =>
        RecordId is not { } id
            ? RecordType switch
            {
                "cards" => "/actions",
                "duplicates" => "/duplicates",
                _ => null,
            }
            : RecordType switch
            {
                "person" => $"/people/{id}",
                "case" => $"/cases/{id}",
                "event" => $"/events/{id}/state",
                "action" => $"/actions/{id}",
                "cards" => $"/actions/{id}/cards",
                _ => null,
            };
}

/// <summary>The sections of the work list, in the order the home page shows them.</summary>
public static class AttentionSections
{
    public const string Overdue = "overdue";
    public const string Week = "week";

    /// <summary>Legal deadlines after this week, within <see cref="WorkList.ComingDays"/> days: an appeal's time runs a month.</summary>
    public const string Coming = "coming";
    public const string Limbo = "limbo";
    public const string Campaigns = "campaigns";
    public const string Review = "review";

    public static readonly IReadOnlyList<string> All = [Overdue, Week, Coming, Limbo, Campaigns, Review];
}

public static class Severities
{
    public const string Overdue = "overdue";
    public const string Soon = "soon";
    public const string Info = "info";
}
