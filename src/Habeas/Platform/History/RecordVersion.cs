namespace Habeas.Platform.History;

/// <summary>
/// One saved state of a record, written in the same transaction as the change. Append-only:
/// the database refuses updates and deletes of these rows (triggers in the migrations).
/// </summary>
public sealed class RecordVersion
{
    public long Id { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public int Version { get; set; }

    /// <summary>created, updated or deleted.</summary>
    public required string Change { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }

    /// <summary>The record's values at this version, as JSON.</summary>
    public required string Data { get; set; }
}
