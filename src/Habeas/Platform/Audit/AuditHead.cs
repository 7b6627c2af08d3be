namespace Habeas.Platform.Audit;

/// <summary>
/// A signed tree head stored as the log grows (<see cref="AuditHeads"/>): the size it covers, when it was made, and
/// the signed JSON (<see cref="Core.Audit.SignedTreeHead"/>). The signing key lives in the key folder, not in the
/// database, so a head cannot be forged or moved by someone holding the database alone. Append-only.
/// </summary>
public sealed class AuditHead
{
    public long TreeSize { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public required string Head { get; set; }
}
