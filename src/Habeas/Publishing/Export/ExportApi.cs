using System.IO.Compression;
using Habeas.Platform.Storage;

namespace Habeas.Publishing.Export;

/// <summary>
/// GET /api/v1/export?format=csv|json|ftm: what the caller may see, as a .zip of CSV or JSON files with their manifest,
/// or FollowTheMoney entities as JSON lines. Never confidential values; the "exported" audit entry is committed first.
/// </summary>
public static class ExportApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/export", async (string? format, HabeasDb db, StorageOptions storage, HttpContext http, CancellationToken ct) =>
            {
                if (format is null || !ExportRequest.Formats.Contains(format))
                {
                    var validation = new Habeas.Platform.Api.Validation();
                    validation.Add("format", "export.error.format", string.Join(", ", ExportRequest.Formats));
                    return validation.Problem();
                }
                var (content, type, name) = await DownloadAsync(db, storage, format, db.Time, ct);
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(content, type, name);
            })
            .WithTags("Export")
            .WithSummary(
                "Download what you may see: format=csv or json (a .zip with manifest.json) or ftm (FollowTheMoney entities, one a line)."
            );

    /// <summary>A reader's export as one download: a .zip for CSV and JSON, the entity lines for FollowTheMoney.</summary>
    public static async Task<(byte[] Content, string MediaType, string FileName)> DownloadAsync(
        HabeasDb db,
        StorageOptions storage,
        string format,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        if (format == "ftm")
        {
            byte[] entities = [];
            await Exporter.WriteAsync(
                db,
                storage,
                new ExportRequest(format),
                (path, bytes) =>
                {
                    if (path == Exporter.FtmFileName)
                    {
                        entities = bytes;
                    }
                    return Task.CompletedTask;
                },
                cancellationToken
            );
            return (entities, "application/x-ndjson", $"habeas-ftm-{stamp}.ftm.json");
        }
        using var buffer = new MemoryStream();
        await using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await Exporter.WriteAsync(
                db,
                storage,
                new ExportRequest(format),
                async (path, bytes) =>
                {
                    await using var entry = await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(cancellationToken);
                    await entry.WriteAsync(bytes, cancellationToken);
                },
                cancellationToken
            );
        }
        return (buffer.ToArray(), "application/zip", $"habeas-{format}-{stamp}.zip");
    }
}
