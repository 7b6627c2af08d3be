namespace Habeas.Publishing.Import;

/// <summary>
/// The id another system gives a record ("cecc" 2004-01234 for a person): an import that meets the same id again
/// updates the record instead of creating a second one. One id per system and record type.
/// </summary>
public sealed class ExternalId
{
    /// <summary>The system the id comes from, as the mapping file names it ("cecc", "licadho-list").</summary>
    public required string System { get; set; }
    public required string Value { get; set; }

    /// <summary>"person" or "event".</summary>
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public const int MaxLength = 200;
}
