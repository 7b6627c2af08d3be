namespace Habeas.Records.Duplicates;

/// <summary>
/// One merge of a duplicate person into the record that survives, with exactly what it moved (as JSON, see
/// Merging.Moved) so that undoing it moves the same rows back.
/// </summary>
public sealed class PersonMerge
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MergedId { get; set; }
    public Guid IntoId { get; set; }
    public DateTimeOffset MergedAt { get; set; }
    public string? MergedBy { get; set; }
    public required string Moved { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
}

/// <summary>Two people a user has said are not the same person: no longer listed as likely duplicates.</summary>
public sealed class DuplicateDismissal
{
    /// <summary>The smaller of the two ids (as strings compare), so that a pair is held once.</summary>
    public Guid PersonA { get; set; }
    public Guid PersonB { get; set; }
    public DateTimeOffset DismissedAt { get; set; }
    public string? DismissedBy { get; set; }
}
