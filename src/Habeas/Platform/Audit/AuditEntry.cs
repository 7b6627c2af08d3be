namespace Habeas.Platform.Audit;

/// <summary>
/// One entry of the tamper-evident audit log, written in the same transaction as the change it records.
/// <see cref="Entry"/> is the canonical JSON of the entry (its own sequence included); <see cref="LeafHash"/> is
/// its RFC 9162 leaf hash, SHA-256(0x00 ‖ UTF-8 entry). The leaves form a Merkle tree whose signed heads can be
/// kept elsewhere (audit head) and checked later (audit verify --head). Append-only in the database.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3… without gaps, in commit order.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Actor { get; set; }

    /// <summary>created, updated or deleted.</summary>
    public required string Action { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public required string Entry { get; set; }
    public required byte[] LeafHash { get; set; }
}
