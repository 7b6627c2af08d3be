using System.Security.Claims;
using System.Text;
using Habeas.Core.Import;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Import;

/// <summary>
/// /import: upload a CSV or JSON file (and a mapping file if there is one), map each header to a Habeas field on the
/// page, check it (dry run: the problems table), then import. The file is uploaded once and kept server-side between
/// steps (<see cref="ImportUploads"/>: only for the user who uploaded it, for an hour, deleted after the import); the page
/// carries its id, and the mapping and every choice in its form, so nothing chosen is lost when a check or an import
/// finds problems, or when a corrected file is chosen. The mapping can be downloaded.
/// </summary>
[RequestFormLimits(
    ValueLengthLimit = (int)(ImportApi.PageMaxBytes * 2),
    MultipartBodyLengthLimit = (ImportApi.PageMaxBytes * 3) + Habeas.Platform.Security.RequestLimits.MaxBodyBytes
)]
public sealed class IndexModel(HabeasDb db, Vocabularies vocabularies, Habeas.Records.Search.PeopleNameIndex index, ImportUploads uploads)
    : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public IFormFile? MappingUpload { get; set; }

    /// <summary>The id of the file kept between steps (<see cref="ImportUploads"/>), its name and format.</summary>
    [BindProperty]
    public string? UploadId { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    [BindProperty]
    public string? Format { get; set; }

    /// <summary>The mapping between steps (JSON), with the page's choices applied on top.</summary>
    [BindProperty]
    public string? MappingJson { get; set; }

    [BindProperty]
    public List<string> Headers { get; set; } = [];

    [BindProperty]
    public List<string?> Fields { get; set; } = [];

    [BindProperty]
    public string? System { get; set; }

    [BindProperty]
    public string? DateFormats { get; set; }

    [BindProperty]
    public string? Constants { get; set; }

    /// <summary>The lines of the rows without ids listed by the last check, and per line the choice made on the page: "new" or the
    /// id of the person recorded already (the mapping's <c>matches</c>).</summary>
    [BindProperty]
    public List<int> MatchLines { get; set; } = [];

    [BindProperty]
    public List<string?> MatchChoices { get; set; } = [];

    public ImportReport? Report { get; private set; }
    public IReadOnlyList<string> Offered { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>Why a clean file would write nothing ("import.nothing.*"), or null when it writes something (or has problems).</summary>
    public string? Nothing =>
        Report is null || Report.Problems.Count > 0 || Report.Counts.Created + Report.Counts.Updated > 0 ? null
        : Report.Counts.Rows == 0 ? "import.nothing.empty"
        : Report.Counts.Unchanged == Report.Counts.Rows ? "import.nothing.recorded"
        : "import.nothing.unmapped";
    public ImportMapping Mapping { get; private set; } = new();

    public void OnGet() => Offered = OfferedFields();

    public Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken) => RunAsync(dryRun: true, cancellationToken);

    public Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken) => RunAsync(dryRun: false, cancellationToken);

    /// <summary>The mapping as chosen on the page, as a file to keep and use again (here or with "habeas import --map").</summary>
    public async Task<IActionResult> OnPostMappingAsync(CancellationToken cancellationToken)
    {
        // The mapping is in the form: it can be downloaded after the import too, when the file is no longer kept.
        if (await PrepareAsync(cancellationToken, fileRequired: false) is null && Error is not null)
        {
            return Page();
        }
        return File(
            Encoding.UTF8.GetBytes(Mapping.ToJson()),
            "application/json",
            Path.GetFileNameWithoutExtension(FileName ?? "import") + ".mapping.json"
        );
    }

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var content = await PrepareAsync(cancellationToken);
        if (content is null)
        {
            return Page();
        }
        using var stream = new MemoryStream(content);
        Report = await new Importer(db, vocabularies, index).RunAsync(
            new ImportRequest(FileName ?? "import.csv", stream, Format is "csv" or "json" ? Format : null, Mapping, dryRun),
            null,
            cancellationToken
        );
        if (Report.Written)
        {
            // Imported: the kept file is no longer needed (the mapping stays in the form, to download or reuse).
            await uploads.DeleteAsync(UploadId, UserKey, cancellationToken);
            UploadId = null;
        }
        return Page();
    }

    /// <summary>Reads the new upload (and keeps it) or the file kept from the last step, and the mapping with the page's choices on it.
    /// Null (with <see cref="Error"/>) when there is nothing to import, or when the kept file is not this user's (expired, unknown,
    /// another user's: 404); without <paramref name="fileRequired"/>, null without an error when no file was given at all.</summary>
    private async Task<byte[]?> PrepareAsync(CancellationToken cancellationToken, bool fileRequired = true)
    {
        Offered = OfferedFields();
        byte[]? content = null;
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > ImportApi.PageMaxBytes)
            {
                Error = "import.tooLarge";
                return null;
            }
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
            FileName = Path.GetFileName(Upload.FileName);
            // A new (corrected) file replaces the kept one; the column choices stay, for the headers it shares.
            await uploads.DeleteAsync(UploadId, UserKey, cancellationToken);
            UploadId = await uploads.StoreAsync(UserKey, FileName, content, cancellationToken);
        }
        else if (!string.IsNullOrEmpty(UploadId))
        {
            if (await uploads.LoadAsync(UploadId, UserKey, cancellationToken) is not { } kept)
            {
                // Unknown, expired or another user's: the same answer, which says nothing of whose it was.
                UploadId = null;
                FileName = null;
                Error = "import.uploadGone";
                Response.StatusCode = StatusCodes.Status404NotFound;
                return null;
            }
            (FileName, content) = kept;
        }
        if (content is null && fileRequired)
        {
            Error = "import.noFile";
            return null;
        }
        try
        {
            Mapping =
                MappingUpload is { Length: > 0 } ? ImportMapping.Parse(await ReadAsync(MappingUpload, cancellationToken))
                : string.IsNullOrWhiteSpace(MappingJson) ? new ImportMapping()
                : ImportMapping.Parse(MappingJson);
        }
        catch (FormatException e)
        {
            Error = "import.badMapping";
            ModelState.AddModelError(nameof(MappingUpload), e.Message);
            return null;
        }
        var uploadedMapping = MappingUpload is { Length: > 0 };
        if (!uploadedMapping)
        {
            ApplyChoices();
        }
        if (Upload is { Length: > 0 })
        {
            // Which person a line is about was chosen for the last file's lines, not this one's.
            Mapping.Matches.Clear();
        }
        else if (!uploadedMapping)
        {
            ApplyMatchChoices();
        }
        Format ??= Mapping.Format ?? (FileName?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true ? "json" : "csv");
        if (Format == "csv" && content is not null)
        {
            ReadHeaders(content);
        }
        System = Mapping.System;
        DateFormats = string.Join(", ", Mapping.DateFormats);
        Constants = string.Join("\n", Mapping.Constants.Select(c => $"{c.Key}={c.Value}"));
        MappingJson = Mapping.ToJson();
        return content;
    }

    /// <summary>The header → field choices, the system, date formats and constants typed on the page go onto the mapping.</summary>
    private void ApplyChoices()
    {
        for (var i = 0; i < Headers.Count && i < Fields.Count; i++)
        {
            Mapping.Columns[Headers[i]] = string.IsNullOrWhiteSpace(Fields[i]) ? null : Fields[i];
        }
        if (System is not null)
        {
            Mapping.System = string.IsNullOrWhiteSpace(System) ? null : System.Trim();
        }
        if (DateFormats is not null)
        {
            Mapping.DateFormats = DateFormats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }
        if (Constants is not null)
        {
            Mapping.Constants = Constants
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('=', 2))
                .Where(p => p.Length == 2 && p[0].Trim().Length > 0)
                .GroupBy(p => p[0].Trim(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);
        }
    }

    /// <summary>The per-line choices ("same as X" or "new") go into the mapping's matches.</summary>
    private void ApplyMatchChoices()
    {
        for (var i = 0; i < MatchLines.Count && i < MatchChoices.Count; i++)
        {
            var line = MatchLines[i].ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            if (MatchChoices[i] is { Length: > 0 } choice && (choice == ImportMapping.NewPerson || Guid.TryParse(choice, out _)))
            {
                Mapping.Matches[line] = choice;
            }
        }
    }

    private void ReadHeaders(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8);
        try
        {
            var file = ImportRows.ReadCsv(reader, Mapping);
            if (file.Headers.Count > Habeas.Platform.Api.InputLimits.ImportColumns.Max)
            {
                var v = new Habeas.Platform.Api.Validation();
                v.Count("headers", file.Headers.Count, Habeas.Platform.Api.InputLimits.ImportColumns);
                v.CopyTo(ModelState, "");
                Headers = [];
                Fields = [];
                return;
            }
            Headers = file.Headers.ToList();
            Fields = Headers.Select(h => Mapping.FieldFor(h, out _)).ToList();
        }
        catch (FormatException)
        {
            Headers = [];
            Fields = [];
        }
    }

    /// <summary>The signed-in user the kept file belongs to.</summary>
    private string UserKey =>
        User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The import page needs a signed-in user.");

    private IReadOnlyList<string> OfferedFields() =>
        ImportFields.Offered(vocabularies.Terms("name-kind").Select(t => t.Code), Habeas.Platform.Localization.Texts.Languages);

    private static async Task<string> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
