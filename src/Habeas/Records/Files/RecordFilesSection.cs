namespace Habeas.Records.Files;

/// <summary>What the "Files" section of a source, event or person page shows (Records/Files/_RecordFiles.cshtml): the files,
/// and for writers the upload form, with what was typed and the messages when an upload was refused. Without
/// <paramref name="Files"/> the section reads them itself (through the query filter), so a record's page adds one line.</summary>
public sealed record RecordFilesSection(
    FileOwner Owner,
    Guid Id,
    IReadOnlyList<StoredFile>? Files = null,
    RecordFileInput? Input = null,
    IReadOnlyList<string>? Errors = null
);
