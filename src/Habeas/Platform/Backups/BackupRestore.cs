using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Habeas.Core.Crypto;
using Habeas.Platform.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Habeas.Platform.Backups;

/// <summary>
/// Takes a backup back into an EMPTY data folder or PostgreSQL database. Everything is unpacked and checked first
/// in DATA/.restore (every hash against the manifest, the key ring opened with the passphrase, SQLite's
/// integrity_check); only then is anything put in place — keys, files, and the database last. A backup without
/// its keys, or without the passphrase that opens them, is refused before anything is written, unless a copy of
/// the keys folder is given (--keys).
/// </summary>
public static class BackupRestore
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    public static async Task<BackupManifest> RestoreAsync(
        string file,
        StorageOptions target,
        string? passphrase,
        string? keysFolder,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!File.Exists(file))
        {
            throw new BackupException($"There is no backup file at {file}.");
        }
        await EnsureEmptyAsync(target, cancellationToken);
        if (keysFolder is not null && !File.Exists(Path.Combine(keysFolder, "field-keys.json")))
        {
            throw new BackupException($"{keysFolder} holds no field-keys.json: give the copy of the data folder's keys/ folder.");
        }

        target.EnsureDataDirectory();
        var staging = Path.Combine(target.DataDirectory, ".restore");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        Directory.CreateDirectory(staging);
        try
        {
            BackupManifest? manifest = null;
            byte[]? keys = null;
            var files = 0;
            await using (var stream = File.OpenRead(file))
            await using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
            await using (var tar = new TarReader(gzip))
            {
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
                {
                    if (manifest is null)
                    {
                        manifest = await ReadManifestAsync(entry, file, cancellationToken);
                        CheckKeysCanBeHad(manifest, passphrase, keysFolder);
                        continue;
                    }
                    if (entry.EntryType != TarEntryType.RegularFile || entry.DataStream is null)
                    {
                        continue;
                    }
                    if (entry.Name == manifest.DatabaseEntry)
                    {
                        var path = Path.Combine(staging, "database");
                        await entry.ExtractToFileAsync(path, overwrite: false, cancellationToken);
                        Check(
                            await BackupArchive.HashFileAsync(path, cancellationToken) == manifest.DatabaseSha256,
                            $"the database in {file} does not match its manifest: the backup is damaged"
                        );
                    }
                    else if (entry.Name == BackupArchive.KeysEntry)
                    {
                        using var buffer = new MemoryStream();
                        await entry.DataStream.CopyToAsync(buffer, cancellationToken);
                        keys = buffer.ToArray();
                        Check(
                            Convert.ToHexStringLower(SHA256.HashData(keys)) == manifest.KeysSha256,
                            $"the sealed keys in {file} do not match the manifest: the backup is damaged"
                        );
                    }
                    else if (entry.Name.StartsWith(BackupArchive.FilesPrefix, StringComparison.Ordinal))
                    {
                        var name = entry.Name[BackupArchive.FilesPrefix.Length..];
                        Check(
                            name.Length == 65 && name[2] == '/' && name.Replace("/", "", StringComparison.Ordinal).All(Uri.IsHexDigit),
                            $"{entry.Name} is not a stored file's name"
                        );
                        var path = Path.Combine(staging, "files", name[..2], name[3..]);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        await entry.ExtractToFileAsync(path, overwrite: false, cancellationToken);
                        Check(
                            await BackupArchive.HashFileAsync(path, cancellationToken) == name.Replace("/", "", StringComparison.Ordinal),
                            $"the stored file {name} in {file} does not match its hash: the backup is damaged"
                        );
                        files++;
                    }
                }
            }
            Check(manifest is not null, $"{file} is not a Habeas backup (it has no manifest)");
            Check(File.Exists(Path.Combine(staging, "database")), $"{file} holds no database: the backup is cut short");
            Check(
                files == manifest!.Files,
                $"{file} holds {files} stored files where its manifest says {manifest.Files}: the backup is cut short"
            );
            Check(
                manifest.Provider == (target.IsPostgres ? "postgres" : "sqlite"),
                $"this is a {manifest.Provider} backup; restore it into a {manifest.Provider} installation (to move between databases, restore it as it is, then use migrate-to)"
            );

            var keyFiles = Path.Combine(staging, "keys");
            CreateProtectedDirectory(keyFiles);
            if (keys is not null && passphrase is not null)
            {
                byte[] opened;
                try
                {
                    opened = PassphraseSeal.Open(keys, passphrase);
                }
                catch (CryptographicException)
                {
                    throw new BackupException("The passphrase does not open the keys in this backup. Nothing was restored.");
                }
                await using var tar = new TarReader(new MemoryStream(opened));
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
                {
                    if (
                        entry.EntryType == TarEntryType.RegularFile
                        && !entry.Name.Contains("..", StringComparison.Ordinal)
                        && !Path.IsPathRooted(entry.Name)
                    )
                    {
                        var path = Path.Combine(keyFiles, entry.Name);
                        CreateProtectedDirectory(Path.GetDirectoryName(path)!);
                        await entry.ExtractToFileAsync(path, overwrite: false, cancellationToken);
                        ProtectFile(path);
                    }
                }
                CryptographicOperations.ZeroMemory(opened);
            }
            else
            {
                CopyKeys(keysFolder!, keyFiles);
            }
            Check(
                File.Exists(Path.Combine(keyFiles, "field-keys.json")),
                "the keys restored hold no field-keys.json (the key ring for confidential fields)"
            );

            if (!target.IsPostgres)
            {
                await using var check = new SqliteConnection($"Data Source={Path.Combine(staging, "database")};Pooling=False");
                await check.OpenAsync(cancellationToken);
                await using var command = check.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                var result = (string?)await command.ExecuteScalarAsync(cancellationToken);
                Check(result == "ok", $"the database in the backup fails SQLite's integrity check: {result}");
            }

            // Everything checked: put it in place, the database last.
            Directory.Move(keyFiles, Security.KeyFiles.Folder(target.DataDirectory));
            var stagedFiles = Path.Combine(staging, "files");
            if (Directory.Exists(stagedFiles))
            {
                Directory.Move(stagedFiles, Path.Combine(target.DataDirectory, "files"));
            }
            if (target.IsPostgres)
            {
                await PostgresTools.RunAsync(
                    "pg_restore",
                    target.PostgresConnectionString!,
                    [
                        "--no-owner",
                        "--no-privileges",
                        "--exit-on-error",
                        "--single-transaction",
                        "--dbname",
                        new NpgsqlConnectionStringBuilder(target.PostgresConnectionString).Database ?? "",
                        Path.Combine(staging, "database"),
                    ],
                    cancellationToken
                );
            }
            else
            {
                ProtectFile(Path.Combine(staging, "database"));
                File.Move(Path.Combine(staging, "database"), target.SqlitePath);
            }
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static async Task<BackupManifest> ReadManifestAsync(TarEntry entry, string file, CancellationToken cancellationToken)
    {
        Check(
            entry.Name == BackupArchive.ManifestEntry && entry.DataStream is not null,
            $"{file} is not a Habeas backup (it does not start with its manifest)"
        );
        BackupManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(entry.DataStream!, ManifestJson, cancellationToken);
        }
        catch (JsonException)
        {
            manifest = null;
        }
        Check(
            manifest is { Format: BackupManifest.CurrentFormat },
            $"{file} is not a backup this version of Habeas reads (format {manifest?.Format ?? "unknown"})"
        );
        return manifest!;
    }

    private static void CheckKeysCanBeHad(BackupManifest manifest, string? passphrase, string? keysFolder)
    {
        if (keysFolder is not null)
        {
            return;
        }
        if (manifest.Keys != BackupManifest.KeysSealed)
        {
            throw new BackupException(
                "This backup was made without its keys (no passphrase was given), and no keys folder was given: "
                    + "without the key ring its confidential fields can never be read and its sign-in keys are lost. Give --keys DIR (a copy of the data folder's keys/ folder). Nothing was restored."
            );
        }
        if (passphrase is null)
        {
            throw new BackupException(
                "This backup's keys are sealed with a passphrase: give it with --passphrase-file FILE (or HABEAS_BACKUP_PASSPHRASE). Nothing was restored."
            );
        }
    }

    private static async Task EnsureEmptyAsync(StorageOptions target, CancellationToken cancellationToken)
    {
        var keys = Security.KeyFiles.Folder(target.DataDirectory);
        var files = Path.Combine(target.DataDirectory, "files");
        if (
            (Directory.Exists(keys) && Directory.EnumerateFileSystemEntries(keys).Any())
            || (Directory.Exists(files) && Directory.EnumerateFileSystemEntries(files).Any())
        )
        {
            throw new BackupException(
                $"{target.DataDirectory} already holds keys or files: restore into an empty data folder. Nothing was restored."
            );
        }
        if (target.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(target.PostgresConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
                connection
            );
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                throw new BackupException(
                    $"The PostgreSQL database {connection.Database} is not empty: restore into a new, empty database (createdb). Nothing was restored."
                );
            }
        }
        else if (File.Exists(target.SqlitePath) && new FileInfo(target.SqlitePath).Length > 0)
        {
            throw new BackupException($"{target.SqlitePath} already exists: restore into an empty data folder. Nothing was restored.");
        }
    }

    private static void CopyKeys(string from, string to)
    {
        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, path));
            CreateProtectedDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(path, copy);
            ProtectFile(copy);
        }
    }

    private static void CreateProtectedDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void ProtectFile(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new BackupException(char.ToUpperInvariant(problem[0]) + problem[1..] + ". Nothing was restored.");
        }
    }
}
