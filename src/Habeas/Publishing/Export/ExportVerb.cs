using System.CommandLine;
using Habeas.Platform.Storage;

namespace Habeas.Publishing.Export;

/// <summary>
/// <c>export --format csv|json|ftm --out DIR [--full] [--passphrase-file FILE]</c>: writes an export into a new or empty
/// directory (see docs/export.md). At the command line the operator sees every record; <c>--full</c> is the administrator's
/// export that <c>import DIR</c> takes back, with the stored files, and with the confidential values when a passphrase is given.
/// </summary>
public static class ExportVerb
{
    public const int MinimumPassphraseLength = 12;

    public static Command Command(Option<string?> data, Option<string?> database, Habeas.Platform.Cli.AuditVerbs.Opener open)
    {
        var format = new Option<string>("--format")
        {
            Description = "csv, json or ftm (FollowTheMoney entities, one JSON object a line).",
            Required = true,
        };
        format.AcceptOnlyFromAmong([.. ExportRequest.Formats]);
        var output = new Option<DirectoryInfo>("--out") { Description = "The directory to write into: new, or empty.", Required = true };
        var full = new Option<bool>("--full")
        {
            Description =
                "Every table with every record, and (json) the stored files: the export 'import DIR' takes back into an empty installation.",
        };
        var passphraseFile = new Option<FileInfo?>("--passphrase-file")
        {
            Description =
                $"With --full --format json: a file holding a passphrase (or set {DirectoryImport.PassphraseVariable}); the confidential values are then included, encrypted under it. Without one they are left out.",
        };
        var command = new Command(
            "export",
            "Write the records out as CSV, JSON or FollowTheMoney entities; --full for the administrator's complete export."
        )
        {
            format,
            output,
            full,
            passphraseFile,
            data,
            database,
        };
        command.SetAction(
            async (result, cancellationToken) =>
            {
                var directory = result.GetValue(output)!;
                if (directory.Exists && directory.EnumerateFileSystemInfos().Any())
                {
                    await Console.Error.WriteLineAsync(
                        $"Refused: {directory.FullName} is not empty. Give a new or empty directory, so that an export never mixes with other files."
                    );
                    return 1;
                }
                var request = new ExportRequest(result.GetValue(format)!, result.GetValue(full));
                var file = result.GetValue(passphraseFile);
                var passphrase = file is not null
                    ? (await File.ReadAllTextAsync(file.FullName, cancellationToken)).TrimEnd('\r', '\n')
                    : Environment.GetEnvironmentVariable(DirectoryImport.PassphraseVariable);
                if (!string.IsNullOrEmpty(passphrase) && request is { Full: true, Format: "json" })
                {
                    if (passphrase.Length < MinimumPassphraseLength)
                    {
                        await Console.Error.WriteLineAsync(
                            $"Refused: the passphrase is shorter than {MinimumPassphraseLength} characters."
                        );
                        return 1;
                    }
                    request = request with { Passphrase = passphrase };
                }
                else if (file is not null)
                {
                    await Console.Error.WriteLineAsync(
                        "Refused: a passphrase applies to --full --format json only (the other exports never hold confidential values)."
                    );
                    return 1;
                }

                await using var db = open(result, out var storage);
                await Migrator.MigrateAsync(db, cancellationToken);
                db.Actor = $"{Environment.UserName} (command line)";
                var root = CreatePrivate(directory.FullName);
                var counts = await Exporter.WriteAsync(
                    db,
                    storage,
                    request,
                    async (path, bytes) =>
                    {
                        var target = Path.Combine(root, path);
                        CreatePrivate(Path.GetDirectoryName(target)!);
                        await File.WriteAllBytesAsync(target, bytes, cancellationToken);
                    },
                    cancellationToken
                );
                Console.WriteLine(
                    $"Exported to {root}: "
                        + string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"))
                        + "."
                        + (
                            request is { Full: true, Format: "json", Passphrase: null }
                                ? " Confidential values were left out (no passphrase)."
                                : ""
                        )
                );
                return 0;
            }
        );
        return command;
    }

    /// <summary>An export holds the names of people at risk: its folders are the owner's alone.</summary>
    private static string CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}
