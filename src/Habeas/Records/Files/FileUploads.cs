using System.Globalization;
using Habeas.Platform.Localization;

namespace Habeas.Records.Files;

/// <summary>Receiving an uploaded part and saying, in the reader's language, why one was refused.</summary>
public static class FileUploads
{
    /// <summary>Reads an uploaded part (refusing it unread when it is over the limit) and stores it; the caller sets its
    /// owner.</summary>
    public static async Task<(StoredFile? File, FileTypes.Problem? Problem)> ReceiveAsync(
        IFormFile upload,
        FileStore store,
        string? actor,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (upload.Length > store.MaxBytes)
        {
            return (null, FileTypes.Problem.TooLarge);
        }
        using var buffer = new MemoryStream((int)upload.Length);
        await using (var stream = upload.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }
        return await store.StoreAsync(buffer.ToArray(), upload.FileName, actor, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Why an upload was refused, in a language, naming the file and the limit.</summary>
    public static string Message(Texts texts, string language, FileTypes.Problem problem, string? name, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return string.Format(
            CultureInfo.InvariantCulture,
            texts.Get(language, $"files.error.{problem.ToString().ToLowerInvariant()}"),
            FileTypes.SafeName(name),
            Megabytes(maxBytes)
        );
    }

    /// <summary>A file's size for a list: kilobytes under a megabyte, else megabytes.</summary>
    public static string Size(long bytes) =>
        bytes < 1024 * 1024 ? (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB" : Megabytes(bytes);

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
