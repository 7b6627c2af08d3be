using Habeas.Core.Import;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;

namespace Habeas.Publishing.Import;

/// <summary>
/// <c>POST /api/v1/import[?dryRun=true][&amp;format=csv|json]</c>: multipart with the file in "file" and optionally the
/// mapping (a file or a text field) in "mapping". Answers the report: 200 when imported (or a clean dry run), 422 with
/// the same report when any problem was found (then nothing is written). Coordinators and administrators only.
/// </summary>
public static class ImportApi
{
    public const string MaxBytesKey = "Habeas:Import:MaxBytes";
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>The web page keeps the file in the form between steps, so it takes smaller files.</summary>
    public const long PageMaxBytes = 2L * 1024 * 1024;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/import", ImportAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Import)
            .DisableAntiforgery()
            .WithTags("Import")
            .WithSummary(
                "Import people with events and sources from CSV or JSON (docs/import.md): multipart \"file\" and optional \"mapping\"; ?dryRun=true checks only. Whole batch or nothing; the answer is the report."
            );

    public static long MaxBytes(IConfiguration configuration) => configuration.GetValue<long?>(MaxBytesKey) ?? DefaultMaxBytes;

    /// <summary>The body limit of the import routes (the file and the form around it), or null for any other request.</summary>
    public static long? BodyLimit(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return null;
        }
        var path = context.Request.Path.Value;
        return path == "/api/v1/import"
                ? MaxBytes(context.RequestServices.GetRequiredService<IConfiguration>())
                    + Habeas.Platform.Security.RequestLimits.MaxBodyBytes
            : string.Equals(path, "/import", StringComparison.OrdinalIgnoreCase)
                ? (PageMaxBytes * 3) + Habeas.Platform.Security.RequestLimits.MaxBodyBytes
            : null;
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request,
        bool? dryRun,
        string? format,
        HabeasDb db,
        Vocabularies vocabularies,
        Habeas.Records.Search.PeopleNameIndex index,
        IConfiguration configuration,
        CancellationToken cancellationToken
    )
    {
        var v = new Validation();
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var file = form?.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            v.Add("file", "campaigns.error.multipartFile");
        }
        else if (file.Length > MaxBytes(configuration))
        {
            v.Add("file", "import.error.tooLarge", MaxBytes(configuration) / 1024 / 1024);
        }
        if (format is not null and not "csv" and not "json")
        {
            v.Add("format", "import.error.format");
        }
        var mapping = new ImportMapping();
        if (form is not null)
        {
            var text = form.Files.GetFile("mapping") is { } mappingFile
                ? await ReadTextAsync(mappingFile, cancellationToken)
                : form["mapping"].ToString();
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    mapping = ImportMapping.Parse(text);
                }
                catch (FormatException e)
                {
                    v.Add("mapping", "import.error.mapping", e.Message);
                }
            }
        }
        if (!v.IsValid)
        {
            return v.Problem();
        }
        using var content = new MemoryStream();
        await file!.CopyToAsync(content, cancellationToken);
        content.Position = 0;
        var report = await new Importer(db, vocabularies, index).RunAsync(
            new ImportRequest(file.FileName, content, format, mapping, dryRun ?? false),
            null,
            cancellationToken
        );
        return Results.Json(report, ImportMapping.Json, statusCode: report.Problems.Count == 0 ? 200 : 422);
    }

    private static async Task<string> ReadTextAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
