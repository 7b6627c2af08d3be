using System.Globalization;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Files;

/// <summary>A kind of record that holds files: its address segment ("people") and its record type ("person").</summary>
public sealed record FileOwner(string Segment, string RecordType)
{
    public static readonly FileOwner Source = new("sources", "source");
    public static readonly FileOwner Event = new("events", "event");
    public static readonly FileOwner Person = new("people", "person");

    public static readonly IReadOnlyList<FileOwner> All = [Source, Event, Person];

    public static FileOwner? Of(string? segment) => All.FirstOrDefault(o => o.Segment == segment);

    /// <summary>The page the record's files are shown on (an event has no page of its own but its form).</summary>
    public string PageOf(Guid id) => this == Event ? $"/events/{id}/edit" : $"/{Segment}/{id}";
}

/// <summary>What is sent with a record's file: a caption, a credit and the consent given (docs/files.md).</summary>
public sealed class RecordFileInput
{
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public string? Consent { get; set; }

    /// <summary>Show it as the person's photo (a person's image only).</summary>
    public bool Photo { get; set; }

    public Validation Validate(FileOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var v = new Validation();
        if (Credit is { Length: > StoredFile.MaxCredit })
        {
            v.Add("credit", "files.error.creditTooLong", StoredFile.MaxCredit, Credit.Length);
        }
        v.SingleLine("credit", Credit, "label.credit");
        if (Caption is { Length: > StoredFile.MaxCaption })
        {
            v.Add("caption", "files.error.captionTooLong", StoredFile.MaxCaption, Caption.Length);
        }
        v.MultiLine("caption", Caption, "label.caption");
        if (!string.IsNullOrEmpty(Consent) && !FileConsent.All.Contains(Consent))
        {
            v.Add("consent", "files.error.consent", Problems.LabelledCodes(FileConsent.All, c => "files.consent." + c));
        }
        if (Photo && owner != FileOwner.Person)
        {
            v.Add("photo", "files.error.photoOwner");
        }
        return v;
    }
}

/// <summary>
/// Files on sources, events and people: listing them (through the query filter, so only a reader of the record sees
/// them), receiving an upload with its audit entry in the same transaction, and choosing a person's photo.
/// </summary>
public static class RecordFiles
{
    public sealed record RecordFileDto(
        Guid Id,
        string Name,
        string MediaType,
        long Size,
        string Sha256,
        string Url,
        string? Caption,
        string? Credit,
        string Consent,
        bool IsPhoto,
        DateTimeOffset UploadedAt,
        string? UploadedBy
    );

    public static RecordFileDto Dto(StoredFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(
            f.Id,
            f.OriginalName,
            f.MediaType,
            f.Size,
            f.Sha256,
            $"/files/{f.Id}",
            f.Caption,
            f.Credit,
            f.Consent,
            f.IsPhoto,
            f.UploadedAt,
            f.UploadedBy
        );
    }

    /// <summary>Whether the viewer may see the record (its query filter); a record they may not see has no files for them.</summary>
    public static Task<bool> OwnerVisibleAsync(HabeasDb db, FileOwner owner, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.RecordType switch
        {
            "source" => db.Sources.AnyAsync(s => s.Id == id, cancellationToken),
            "event" => db.Events.AnyAsync(e => e.Id == id, cancellationToken),
            _ => db.People.AnyAsync(p => p.Id == id, cancellationToken),
        };
    }

    /// <summary>The files of a record, newest first.</summary>
    public static IQueryable<StoredFile> Of(HabeasDb db, FileOwner owner, Guid id)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var files = db.StoredFiles.AsNoTracking();
        files = owner.RecordType switch
        {
            "source" => files.Where(f => f.SourceId == id),
            "event" => files.Where(f => f.EventId == id),
            _ => files.Where(f => f.PersonId == id),
        };
        return files.OrderByDescending(f => f.UploadedAt).ThenByDescending(f => f.Id);
    }

    public static Task<List<StoredFile>> ListAsync(HabeasDb db, FileOwner owner, Guid id, CancellationToken cancellationToken) =>
        Of(db, owner, id).ToListAsync(cancellationToken);

    /// <summary>A person's chosen photo, when they have one the viewer may see.</summary>
    public static Task<StoredFile?> PhotoOfAsync(HabeasDb db, Guid personId, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.PersonId == personId && f.IsPhoto, cancellationToken);

    /// <summary>
    /// Checks and stores an upload for a record the viewer may see, then saves its row and audit entry together (and, when
    /// asked, makes it the person's photo). Nothing is saved when anything is refused; the messages are in English for the
    /// API and in the reader's language for a form (<see cref="Validation.CopyTo"/>).
    /// </summary>
    public static async Task<(StoredFile? File, Validation Validation)> UploadAsync(
        HabeasDb db,
        FileStore store,
        Texts texts,
        TimeProvider time,
        FileOwner owner,
        Guid id,
        IFormFile? upload,
        RecordFileInput input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(input);
        var v = input.Validate(owner);
        if (upload is null || (upload.Length == 0 && string.IsNullOrEmpty(upload.FileName)))
        {
            v.Add("file", "files.error.missing");
            return (null, v);
        }
        if (!v.IsValid)
        {
            // Nothing is written when a field is wrong; the file itself is still checked, so every problem shows at once.
            var (_, early) =
                upload.Length > store.MaxBytes
                    ? (null, FileTypes.Problem.TooLarge)
                    : FileTypes.Detect(await ReadAsync(upload, cancellationToken), upload.FileName, store.MaxBytes);
            if (early is { } e)
            {
                AddProblem(v, texts, e, upload.FileName, store.MaxBytes);
            }
            return (null, v);
        }
        var (file, problem) = await FileUploads.ReceiveAsync(upload, store, db.Actor, time, cancellationToken);
        if (problem is { } p)
        {
            AddProblem(v, texts, p, upload.FileName, store.MaxBytes);
            return (null, v);
        }
        if (input.Photo && !file!.IsImage)
        {
            v.Add("photo", "files.error.photoNotImage", file.OriginalName);
            return (null, v);
        }
        file!.Caption = Trimmed(input.Caption);
        file.Credit = Trimmed(input.Credit);
        file.Consent = string.IsNullOrEmpty(input.Consent) ? FileConsent.None : input.Consent;
        switch (owner.RecordType)
        {
            case "source":
                file.SourceId = id;
                break;
            case "event":
                file.EventId = id;
                break;
            default:
                file.PersonId = id;
                break;
        }
        await using var work = await db.BeginWorkAsync(cancellationToken);
        if (input.Photo)
        {
            await ClearPhotoAsync(db, id, cancellationToken);
            file.IsPhoto = true;
        }
        db.StoredFiles.Add(file);
        db.LogAction(
            "file-uploaded",
            owner.RecordType,
            id,
            details: new Dictionary<string, string?>
            {
                ["file"] = file.Id.ToString(),
                ["sha256"] = file.Sha256,
                ["size"] = file.Size.ToString(CultureInfo.InvariantCulture),
                ["type"] = file.MediaType,
                ["consent"] = file.Consent,
                ["photo"] = file.IsPhoto ? "yes" : null,
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        await work.CompleteAsync(cancellationToken);
        return (file, v);
    }

    /// <summary>Makes one of a person's images their photo (or, with no file, leaves them without one), audited. False when
    /// the file is not an image of this person the viewer may see.</summary>
    public static async Task<bool> ChoosePhotoAsync(HabeasDb db, Guid personId, Guid? fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        StoredFile? chosen = null;
        if (fileId is { } f)
        {
            chosen = await db.StoredFiles.FirstOrDefaultAsync(x => x.Id == f && x.PersonId == personId, cancellationToken);
            if (chosen is null || !chosen.IsImage)
            {
                return false;
            }
        }
        await using var work = await db.BeginWorkAsync(cancellationToken);
        await ClearPhotoAsync(db, personId, cancellationToken);
        if (chosen is not null)
        {
            chosen.IsPhoto = true;
        }
        db.LogAction(
            "person-photo-chosen",
            "person",
            personId,
            details: new Dictionary<string, string?> { ["file"] = chosen?.Id.ToString() }
        );
        await db.SaveChangesAsync(cancellationToken);
        await work.CompleteAsync(cancellationToken);
        return true;
    }

    /// <summary>Unsets the person's current photo and saves it first, so that at no moment two rows are the photo (a unique
    /// index in the migration says at most one).</summary>
    private static async Task ClearPhotoAsync(HabeasDb db, Guid personId, CancellationToken cancellationToken)
    {
        var current = await db.StoredFiles.Where(x => x.PersonId == personId && x.IsPhoto).ToListAsync(cancellationToken);
        if (current.Count == 0)
        {
            return;
        }
        foreach (var old in current)
        {
            old.IsPhoto = false;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void AddProblem(Validation v, Texts texts, FileTypes.Problem problem, string? name, long maxBytes) =>
        v.Add("file", $"files.error.{problem.ToString().ToLowerInvariant()}", FileTypes.SafeName(name), FileUploads.Megabytes(maxBytes));

    private static async Task<byte[]> ReadAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)upload.Length);
        await using (var stream = upload.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }
        return buffer.ToArray();
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
