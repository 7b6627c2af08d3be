using Habeas.Platform.Security;
using Microsoft.Net.Http.Headers;

namespace Habeas.Records.Files;

/// <summary>
/// How a stored file goes out: its bytes re-hashed first (a damaged file is an error, never served), the detected type,
/// <c>Content-Disposition: attachment</c> for every type (docs/security.md 21; an &lt;img&gt; on a page still shows an image,
/// only opening the address downloads it), nosniff, and a sandboxing Content-Security-Policy, so nothing in a file can
/// run as this site.
/// </summary>
public static class FileResponses
{
    public static async Task<IResult> ServeAsync(
        HttpContext context,
        FileStore store,
        StoredFile file,
        ILogger logger,
        CancellationToken cancellationToken
    )
    {
        byte[] bytes;
        try
        {
            bytes = await store.ReadVerifiedAsync(file, cancellationToken);
        }
        catch (StoredFileDamagedException e)
        {
            logger.LogError("{Problem}", e.Message);
            return Habeas.Platform.Api.Problems.Problem(500, "files.problem.damaged", "files.problem.damagedDetail");
        }
        context.Items[SecurityHeaders.SandboxKey] = true;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.OriginalName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        return Results.Bytes(bytes, file.MediaType == FileTypes.Text ? "text/plain; charset=utf-8" : file.MediaType);
    }
}
