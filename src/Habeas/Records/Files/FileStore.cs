using System.Security.Cryptography;
using Habeas.Platform.Storage;

namespace Habeas.Records.Files;

/// <summary>
/// Uploaded bytes, stored once by content under DATA/files/ab/cdef… (the SHA-256 in hex, split after two characters),
/// outside the web root, whichever database holds the rows (with PostgreSQL too: the files live in the application
/// server's data folder, and a backup must include it). A file is written to DATA/files/tmp, flushed to disk, then
/// renamed into place, so a reader never sees half a file; reading re-hashes it and refuses bytes that changed.
/// The upload limit is Habeas:Files:MaxBytes (default 10 MB).
/// </summary>
public sealed class FileStore(StorageOptions storage, IConfiguration configuration)
{
    public const string MaxBytesKey = "Habeas:Files:MaxBytes";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public long MaxBytes { get; } = configuration.GetValue<long?>(MaxBytesKey) ?? DefaultMaxBytes;

    private string Root => Path.Combine(storage.DataDirectory, "files");

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..]);

    /// <summary>Checks an upload and writes its bytes; the caller sets the row's owner, adds it and saves it with the record that
    /// holds it.</summary>
    public async Task<(StoredFile? File, FileTypes.Problem? Problem)> StoreAsync(
        byte[] content,
        string? name,
        string? actor,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var (mediaType, problem) = FileTypes.Detect(content, name, MaxBytes);
        if (problem is not null)
        {
            return (null, problem);
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
#pragma warning disable CA3003 // The path is the data folder and 64 hex digits of a hash this method computed: nothing of the upload's name or form.
        var path = PathOf(sha256);
        if (!File.Exists(path) || !Matches(await File.ReadAllBytesAsync(path, cancellationToken), sha256))
        {
            var temporary = Path.Combine(Root, "tmp");
            Directory.CreateDirectory(temporary);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var part = Path.Combine(temporary, Guid.NewGuid().ToString("N"));
            await using (
                var stream = new FileStream(
                    part,
                    FileMode.CreateNew,
                    System.IO.FileAccess.Write,
                    FileShare.None,
                    81920,
                    FileOptions.Asynchronous
                )
            )
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(part, path, overwrite: true);
        }
#pragma warning restore CA3003
        return (
            new StoredFile
            {
                Sha256 = sha256,
                Size = content.LongLength,
                MediaType = mediaType!,
                OriginalName = FileTypes.SafeName(name, mediaType!),
                UploadedAt = now,
                UploadedBy = actor,
            },
            null
        );
    }

    /// <summary>The file's bytes, re-hashed: a missing file or one whose bytes changed on disk throws, and is never served.</summary>
    public async Task<byte[]> ReadVerifiedAsync(StoredFile file, CancellationToken cancellationToken)
    {
        var path = PathOf(file.Sha256);
        if (!File.Exists(path))
        {
            throw new StoredFileDamagedException($"Stored file {file.Id} ({file.Sha256}) is missing from the data folder.");
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (!Matches(bytes, file.Sha256))
        {
            throw new StoredFileDamagedException($"Stored file {file.Id} has changed on disk: its SHA-256 is no longer {file.Sha256}.");
        }
        return bytes;
    }

    private static bool Matches(byte[] bytes, string sha256) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), Convert.FromHexString(sha256));
}

/// <summary>A stored file is missing or its bytes no longer match its hash.</summary>
public sealed class StoredFileDamagedException(string message) : Exception(message);
