using System.CommandLine;
using Habeas.Platform.Storage;

namespace Habeas.Publishing.Export;

/// <summary>
/// <c>migrate-to --to-database CONN | --to-data DIR</c>: copies the whole installation into an empty database of the other
/// kind (docs/operations.md, "Moving from SQLite to PostgreSQL"). The server must be stopped. When the target's data
/// folder is another one, the keys and the stored files are copied there too (the copy is useless without the keys).
/// Exit codes: 0 copied and verified, 1 refused or not verified (nothing written to the target database), 2 bad options.
/// </summary>
public static class MigrateToVerb
{
    public static Command Command(Option<string?> data, Option<string?> database, Habeas.Platform.Cli.AuditVerbs.Opener open)
    {
        var toDatabase = new Option<string?>("--to-database")
        {
            Description = "The PostgreSQL connection string of the empty target database (it is created when missing).",
        };
        var toData = new Option<string?>("--to-data")
        {
            Description =
                "The target's data folder (default: the current one). Without --to-database the target is the SQLite file DIR/habeas.db.",
        };
        var command = new Command(
            "migrate-to",
            "Copy everything into an empty database (SQLite to PostgreSQL, or back), verified table by table. Stop the server first."
        )
        {
            toDatabase,
            toData,
            data,
            database,
        };
        command.SetAction(
            async (result, cancellationToken) =>
            {
                await using var source = open(result, out var sourceStorage);
                var target = new StorageOptions(
                    result.GetValue(toData) is { Length: > 0 } folder ? Path.GetFullPath(folder) : sourceStorage.DataDirectory,
                    result.GetValue(toDatabase) is { Length: > 0 } connection ? connection : null
                );
                if (
                    target == sourceStorage
                    || (!target.IsPostgres && !sourceStorage.IsPostgres && target.SqlitePath == sourceStorage.SqlitePath)
                )
                {
                    await Console.Error.WriteLineAsync(
                        "Give the target: --to-database CONN (PostgreSQL) or --to-data DIR (SQLite in another data folder). It is the database now in use."
                    );
                    return 2;
                }
                try
                {
                    if (target.DataDirectory != sourceStorage.DataDirectory)
                    {
                        CopyFolder(
                            Habeas.Platform.Security.KeyFiles.Folder(sourceStorage.DataDirectory),
                            Habeas.Platform.Security.KeyFiles.Folder(target.DataDirectory)
                        );
                        CopyFolder(Path.Combine(sourceStorage.DataDirectory, "files"), Path.Combine(target.DataDirectory, "files"));
                    }
                    await using var targetDb = Habeas.Platform.Cli.CliDatabase.Open(target);
                    var tables = await DatabaseCopy.CopyAsync(source, targetDb, target, cancellationToken);
                    foreach (var table in tables.Where(t => t.Rows > 0))
                    {
                        Console.WriteLine($"{table.Table, -32} {table.Rows, 9} rows  sha256 {table.Checksum}");
                    }
                    Console.WriteLine(
                        $"Copied {sourceStorage.Describe()} to {target.Describe()}: {tables.Count} tables, {tables.Sum(t => t.Rows)} rows; "
                            + "every table's rows and checksum match and the audit log verifies on the target. "
                            + $"Start the server on it with {(target.IsPostgres ? "HABEAS_DATABASE (or --database)" : "--data " + target.DataDirectory + " and without HABEAS_DATABASE")}."
                    );
                    return 0;
                }
                catch (DatabaseCopyException e)
                {
                    await Console.Error.WriteLineAsync("Refused: " + e.Message);
                    return 1;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync("The copy failed: " + e.Message);
                    return 1;
                }
            }
        );
        return command;
    }

    /// <summary>Copies a folder (keys, stored files) into the target's data folder; a file already there must be the same.</summary>
    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            if (File.Exists(destination))
            {
                if (!File.ReadAllBytes(destination).AsSpan().SequenceEqual(File.ReadAllBytes(file)))
                {
                    throw new DatabaseCopyException(
                        $"{destination} already exists and differs from {file}: give a new data folder. Nothing was copied."
                    );
                }
                continue;
            }
            var folder = Path.GetDirectoryName(destination)!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
                File.Copy(file, destination);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.Copy(file, destination);
                File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}
