namespace Habeas.Campaigns.Files;

/// <summary>
/// An uploaded file, stored once by its SHA-256 under the data folder (<see cref="FileStore"/>) and held by a campaign
/// action (a reply's letter, a story's photograph). Who may read it is who may read the action: every case of the action
/// must be visible to the reader (<see cref="Habeas.Campaigns.Actions.ActionAccess"/>). The row never changes after upload; the upload is
/// audited.
/// </summary>
public sealed class StoredFile : Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }

    /// <summary>The action the file was uploaded for; it takes the action's visibility.</summary>
    public Guid ActionId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bytes as they arrived; the name of the stored file.</summary>
    public required string Sha256 { get; set; }
    public long Size { get; set; }

    /// <summary>Detected from the bytes, one of <see cref="FileTypes.Allowed"/>; never taken from the upload.</summary>
    public required string MediaType { get; set; }

    /// <summary>The name it was uploaded under, sanitised, kept as a label only (never a path).</summary>
    public required string OriginalName { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }

    public bool IsImage => FileTypes.IsImage(MediaType);
}
