using System.Text.RegularExpressions;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;

namespace Habeas.Records.Files;

/// <summary>
/// <c>GET /api/v1/{sources|events|people}/{id}/files</c>: a record's files, newest first (404 for a record the reader may
/// not see). <c>POST</c> the same: upload one (multipart: file, caption, credit, consent, photo), with its audit entry.
/// </summary>
public static partial class RecordFilesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        foreach (var owner in FileOwner.All)
        {
            var group = api.MapGroup($"/{owner.Segment}").WithTags("Files");
            group
                .MapGet("/{id:guid}/files", (Guid id, HabeasDb db, CancellationToken ct) => ListAsync(owner, id, db, ct))
                .WithSummary($"The files of a {owner.RecordType}, newest first.");
            group
                .MapPost(
                    "/{id:guid}/files",
                    (Guid id, HttpRequest request, HabeasDb db, FileStore store, Texts texts, TimeProvider time, CancellationToken ct) =>
                        UploadAsync(owner, id, request, db, store, texts, time, ct)
                )
                .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
                .DisableAntiforgery()
                .WithSummary(
                    $"Upload a file for a {owner.RecordType} (multipart/form-data: \"file\", and \"caption\", \"credit\", \"consent\" none|staff|public"
                        + (owner == FileOwner.Person ? ", \"photo\" true to make it the person's photo" : "")
                        + "): JPEG, PNG, WebP, PDF or plain text, checked by content; at most Habeas:Files:MaxBytes (10 MB)."
                );
        }
    }

    /// <summary>The routes that take a record's file: the API's and the form's (/files/{segment}/{id}).</summary>
    [GeneratedRegex("^(/api/v1/(sources|events|people)/[0-9a-fA-F-]{36}/files|/files/(sources|events|people)/[0-9a-fA-F-]{36})$")]
    private static partial Regex UploadPath();

    /// <summary>The body limit of a record-file upload (a file at the limit and the form around it), or null for any other
    /// request.</summary>
    public static long? BodyLimit(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return
            HttpMethods.IsPost(context.Request.Method)
            && UploadPath().IsMatch(context.Request.Path.Value ?? "")
            && context.RequestServices.GetService<FileStore>() is { } store
            ? store.MaxBytes + Habeas.Platform.Security.RequestLimits.MaxBodyBytes
            : null;
    }

    private static async Task<IResult> ListAsync(FileOwner owner, Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        if (!await RecordFiles.OwnerVisibleAsync(db, owner, id, cancellationToken))
        {
            return NotFound(owner, id);
        }
        var files = await RecordFiles.ListAsync(db, owner, id, cancellationToken);
        return Results.Ok(files.Select(RecordFiles.Dto).ToList());
    }

    private static async Task<IResult> UploadAsync(
        FileOwner owner,
        Guid id,
        HttpRequest request,
        HabeasDb db,
        FileStore store,
        Texts texts,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (!await RecordFiles.OwnerVisibleAsync(db, owner, id, cancellationToken))
        {
            return NotFound(owner, id);
        }
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var input = new RecordFileInput
        {
            Caption = form?["caption"].FirstOrDefault(),
            Credit = form?["credit"].FirstOrDefault(),
            Consent = form?["consent"].FirstOrDefault(),
            Photo = bool.TryParse(form?["photo"].FirstOrDefault(), out var photo) && photo,
        };
        var (file, validation) = await RecordFiles.UploadAsync(
            db,
            store,
            texts,
            time,
            owner,
            id,
            form?.Files.GetFile("file"),
            input,
            cancellationToken
        );
        return file is null ? validation.Problem() : Results.Created($"/files/{file.Id}", RecordFiles.Dto(file));
    }

    private static IResult NotFound(FileOwner owner, Guid id) => Habeas.Platform.Api.Problems.NotFound(owner.RecordType, id);
}
