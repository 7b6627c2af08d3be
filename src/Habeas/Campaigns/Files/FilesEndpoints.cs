using System.Globalization;
using System.Text.RegularExpressions;
using Habeas.Campaigns.Actions;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Records.Files;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Files;

/// <summary>
/// <c>GET /files/{id}</c>: a stored file, to readers who may see the action or the record that holds it (else 404).
/// <c>POST /api/v1/actions/{id}/files</c>: upload one file (multipart, field "file") for an action; replies and stories
/// then name it by id. Only the upload routes take bodies above the app's 1 MB (<see cref="BodyLimit"/>).
/// </summary>
public static partial class FilesEndpoints
{
    public sealed record FileDto(Guid Id, string Name, string MediaType, long Size, string Sha256, string Url);

    public static void Map(WebApplication app)
    {
        app.MapGet("/files/{id:guid}", GetAsync).RequireAuthorization(Habeas.Platform.Accounts.Policies.Read).ExcludeFromDescription();
        app.MapGroup("/api/v1/actions")
            .WithTags("Campaigns")
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Read)
            .MapPost("/{id:guid}/files", UploadAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .DisableAntiforgery()
            .WithSummary(
                "Upload a file for an action (multipart/form-data, field \"file\"): JPEG, PNG, WebP, PDF or plain text, checked by content; at most Habeas:Files:MaxBytes (10 MB)."
            );
    }

    /// <summary>The routes that take uploads: the API's upload, and the reply and story forms (their JSON twins keep 1 MB).</summary>
    [GeneratedRegex("^(/api/v1/actions/[0-9a-fA-F-]{36}/files|/actions/[0-9a-fA-F-]{36}/(replies|story))$")]
    private static partial Regex UploadPath();

    /// <summary>The body limit of an upload route (two files at the limit and the form around them), or null for any other
    /// request.</summary>
    public static long? BodyLimit(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && UploadPath().IsMatch(context.Request.Path.Value ?? "")
        && context.RequestServices.GetService<FileStore>() is { } store
            ? (store.MaxBytes * 2) + Habeas.Platform.Security.RequestLimits.MaxBodyBytes
            : null;

    public static FileDto Dto(StoredFile f) => new(f.Id, f.OriginalName, f.MediaType, f.Size, f.Sha256, $"/files/{f.Id}");

    private static async Task<IResult> GetAsync(
        Guid id,
        HttpContext context,
        HabeasDb db,
        FileStore store,
        ILoggerFactory logs,
        CancellationToken cancellationToken
    )
    {
        var file = await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        // A record's file is hidden with its record by the query filter; an action's also needs every case of the action.
        if (file is null || (file.ActionId is { } action && !await ActionAccess.ActionVisibleAsync(db, action, cancellationToken)))
        {
            return Results.NotFound();
        }
        return await FileResponses.ServeAsync(context, store, file, logs.CreateLogger("Habeas.Campaigns.Files"), cancellationToken);
    }

    private static async Task<IResult> UploadAsync(
        Guid id,
        HttpRequest request,
        HabeasDb db,
        FileStore store,
        Texts texts,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (!await ActionAccess.ActionVisibleAsync(db, id, cancellationToken))
        {
            return Habeas.Platform.Api.Problems.NotFound("action", id);
        }
        var v = new Validation();
        var upload = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken)).Files.GetFile("file") : null;
        if (upload is null)
        {
            v.Add("file", "campaigns.error.multipartFile");
            return v.Problem();
        }
        var (file, problem) = await FileUploads.ReceiveAsync(upload, store, db.Actor, time, cancellationToken);
        if (problem is not null)
        {
            v.Add(
                "file",
                $"files.error.{problem.Value.ToString().ToLowerInvariant()}",
                FileTypes.SafeName(upload.FileName),
                Megabytes(store.MaxBytes)
            );
            return v.Problem();
        }
        file!.ActionId = id;
        db.StoredFiles.Add(file);
        Audit(db, file);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/files/{file!.Id}", Dto(file));
    }

    /// <summary>The upload's audit entry, written with whatever saves the file.</summary>
    public static void Audit(HabeasDb db, StoredFile file) =>
        db.LogAction(
            "file-uploaded",
            "action",
            file.ActionId!.Value,
            details: new Dictionary<string, string?>
            {
                ["file"] = file.Id.ToString(),
                ["sha256"] = file.Sha256,
                ["size"] = file.Size.ToString(CultureInfo.InvariantCulture),
                ["type"] = file.MediaType,
            }
        );

    /// <summary>Why an upload was refused, in a language (<see cref="FileUploads.Message"/>).</summary>
    public static string Message(Texts texts, string language, FileTypes.Problem problem, string? name, long maxBytes) =>
        FileUploads.Message(texts, language, problem, name, maxBytes);

    /// <summary>A size in megabytes (<see cref="FileUploads.Megabytes"/>).</summary>
    public static string Megabytes(long bytes) => FileUploads.Megabytes(bytes);
}
