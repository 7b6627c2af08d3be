using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Habeas.Core.Crypto;
using Habeas.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Habeas.Platform.Backups;

/// <summary>What a backup holds, written first in the archive.</summary>
public sealed record BackupManifest(
    string Format,
    DateTimeOffset CreatedAt,
    string Provider,
    IReadOnlyList<string> Migrations,
    string DatabaseEntry,
    string DatabaseSha256,
    long DatabaseBytes,
    string Keys,
    string? KeysSha256,
    int Files,
    long FileBytes
)
{
    public const string CurrentFormat = "habeas-backup/1";
    public const string KeysSealed = "sealed";
    public const string KeysLeftOut = "left-out";
}

/// <summary>
/// An online, consistent backup of one installation as one .tar.gz file (docs/operations.md, "Backups"): the
/// database — SQLite through its backup API (one read snapshot while the server goes on writing), PostgreSQL through
/// pg_dump (one MVCC snapshot) —, the uploaded files (content-addressed, each one's name is its SHA-256), and the key
/// ring of DATA/keys sealed under a passphrase (<see cref="PassphraseSeal"/>). Written to FILE.partial, flushed and
/// renamed, so a crash never leaves a file that looks like a backup and is not one.
/// </summary>
public static class BackupArchive
{
    public const string ManifestEntry = "manifest.json";
    public const string KeysEntry = "keys.sealed";
    public const string FilesPrefix = "files/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<BackupManifest> CreateAsync(
        StorageOptions storage,
        IReadOnlyList<string> migrations,
        string outPath,
        string? passphrase,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(storage);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        Directory.CreateDirectory(folder);
        var partial = outPath + ".partial";
        var dump = Path.Combine(folder, $".habeas-backup-{Guid.NewGuid():N}.db");
        try
        {
            string entry;
            if (storage.IsPostgres)
            {
                entry = "database/habeas.pgdump";
                await PostgresTools.RunAsync(
                    "pg_dump",
                    storage.PostgresConnectionString!,
                    ["--format=custom", "--no-owner", "--no-privileges", "--file", dump],
                    cancellationToken
                );
            }
            else
            {
                entry = "database/habeas.db";
                if (!File.Exists(storage.SqlitePath))
                {
                    throw new BackupException($"There is no database at {storage.SqlitePath} to back up.");
                }
                await using var source = new SqliteConnection(
                    $"Data Source={storage.SqlitePath};Mode=ReadOnly;Pooling=False;Default Timeout=60"
                );
                await using var target = new SqliteConnection($"Data Source={dump};Pooling=False");
                await source.OpenAsync(cancellationToken);
                await target.OpenAsync(cancellationToken);
                source.BackupDatabase(target);
            }
            var keys = SealKeys(storage, passphrase);
            var files = StoredFiles(storage).ToList();
            var manifest = new BackupManifest(
                BackupManifest.CurrentFormat,
                time.GetUtcNow(),
                storage.IsPostgres ? "postgres" : "sqlite",
                migrations,
                entry,
                await HashFileAsync(dump, cancellationToken),
                new FileInfo(dump).Length,
                keys is null ? BackupManifest.KeysLeftOut : BackupManifest.KeysSealed,
                keys is null ? null : Convert.ToHexStringLower(SHA256.HashData(keys)),
                files.Count,
                files.Sum(f => new FileInfo(f.Path).Length)
            );

            // Readable by the service account only: it holds every record.
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 1 << 16,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            await using (var stream = new FileStream(partial, options))
            {
                await using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
                await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
                {
                    await WriteAsync(tar, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken);
                    await tar.WriteEntryAsync(dump, entry, cancellationToken);
                    if (keys is not null)
                    {
                        await WriteAsync(tar, KeysEntry, keys, cancellationToken);
                    }
                    foreach (var (name, path) in files)
                    {
                        await tar.WriteEntryAsync(path, FilesPrefix + name, cancellationToken);
                    }
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(partial, outPath, overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(dump);
            File.Delete(partial);
        }
    }

    /// <summary>The key ring and the other key files of DATA/keys as one tar, sealed; null when no passphrase is given.</summary>
    private static byte[]? SealKeys(StorageOptions storage, string? passphrase)
    {
        if (passphrase is null)
        {
            return null;
        }
        var folder = Security.KeyFiles.Folder(storage.DataDirectory);
        using var plain = new MemoryStream();
        using (var tar = new TarWriter(plain, TarEntryFormat.Pax, leaveOpen: true))
        {
            if (Directory.Exists(folder))
            {
                foreach (
                    var path in Directory
                        .EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                        .Where(p => !p.EndsWith(".new", StringComparison.Ordinal))
                        .Order(StringComparer.Ordinal)
                )
                {
                    tar.WriteEntry(path, Path.GetRelativePath(folder, path).Replace('\\', '/'));
                }
            }
        }
        var bytes = plain.ToArray();
        try
        {
            return PassphraseSeal.Seal(bytes, passphrase);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The stored files as (ab/cdef…, path), the half-written ones of files/tmp left out.</summary>
    private static IEnumerable<(string Name, string Path)> StoredFiles(StorageOptions storage)
    {
        var root = Path.Combine(storage.DataDirectory, "files");
        if (!Directory.Exists(root))
        {
            yield break;
        }
        foreach (
            var directory in Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d).Length == 2).Order(StringComparer.Ordinal)
        )
        {
            foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                yield return (Path.GetFileName(directory) + "/" + Path.GetFileName(path), path);
            }
        }
    }

    internal static async Task WriteAsync(TarWriter tar, string name, byte[] content, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(content),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    internal static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
