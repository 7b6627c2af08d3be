using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Files;

/// <summary>
/// An uploaded file, stored once by its SHA-256 under the data folder (<see cref="FileStore"/>) and held by exactly one
/// owner: a campaign action (a reply's letter, a story's photograph) or a record — a source (a scanned court decision), an
/// event or a person (a photograph). Who may read it is who may read its owner: the query filter of its mapping
/// (Campaigns/Files/StoredFileMapping.cs) hides the file with the owner. The bytes and their description never change after
/// upload (the upload is audited); only a person's choice of photo (<see cref="IsPhoto"/>) does, audited too.
/// </summary>
public sealed class StoredFile : Habeas.Platform.Shared.IRetractable
{
    public const int MaxCaption = 1000;
    public const int MaxCredit = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }

    /// <summary>The action the file was uploaded for; it takes the action's visibility. Null for a record's file.</summary>
    public Guid? ActionId { get; set; }

    /// <summary>The source the file belongs to (a court document, a scanned letter); it takes the source's visibility.</summary>
    public Guid? SourceId { get; set; }

    /// <summary>The event the file belongs to; it takes the event's visibility.</summary>
    public Guid? EventId { get; set; }

    /// <summary>The person the file belongs to (a photograph); it takes the person's visibility.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bytes as they arrived; the name of the stored file.</summary>
    public required string Sha256 { get; set; }
    public long Size { get; set; }

    /// <summary>Detected from the bytes, one of <see cref="FileTypes.Allowed"/>; never taken from the upload.</summary>
    public required string MediaType { get; set; }

    /// <summary>The name it was uploaded under, sanitised, kept as a label only (never a path).</summary>
    public required string OriginalName { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }

    /// <summary>What the file shows or is (a record's file), at most <see cref="MaxCaption"/> characters.</summary>
    public string? Caption { get; set; }

    /// <summary>Who took the photograph or wrote the document, at most <see cref="MaxCredit"/> characters.</summary>
    public string? Credit { get; set; }

    /// <summary>What the people shown agreed to, one of <see cref="FileConsent.All"/>; only <see cref="FileConsent.Public"/> lets
    /// the public site show the file.</summary>
    public string Consent { get; set; } = FileConsent.None;

    /// <summary>The photo shown on its person's page; at most one per person.</summary>
    public bool IsPhoto { get; set; }

    public bool IsImage => FileTypes.IsImage(MediaType);
}

/// <summary>The consent recorded with a file: none recorded (staff only), staff use only, or publication allowed.</summary>
public static class FileConsent
{
    public const string None = "none";
    public const string Staff = "staff";
    public const string Public = "public";

    public static readonly IReadOnlyList<string> All = [None, Staff, Public];
}

public static class FilesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<StoredFile> StoredFiles => db.Set<StoredFile>();
    }
}
