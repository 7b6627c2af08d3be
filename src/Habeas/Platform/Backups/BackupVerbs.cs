using System.CommandLine;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Backups;

/// <summary>backup --out FILE, and restore FILE into an empty installation (docs/operations.md, "Backups").</summary>
public static class BackupVerbs
{
    public const string PassphraseVariable = "HABEAS_BACKUP_PASSPHRASE";

    public static IEnumerable<Command> Commands(Option<string?> data, Option<string?> database, Cli.AuditVerbs.Opener open)
    {
        var passphraseFile = new Option<string?>("--passphrase-file")
        {
            Description =
                $"A file whose first line is the passphrase that seals (or opens) the key ring in the backup; or set {PassphraseVariable}.",
        };

        var output = new Option<string>("--out") { Description = "The backup file to write (.tar.gz).", Required = true };
        var withoutKeys = new Option<bool>("--without-keys")
        {
            Description = "Leave the key ring out (then keep DATA/keys safe apart: a restore needs it).",
        };
        var backup = new Command(
            "backup",
            "Take an online, consistent backup of the database, the stored files and (sealed with a passphrase) the keys, while the server runs."
        )
        {
            output,
            passphraseFile,
            withoutKeys,
            data,
            database,
        };
        backup.SetAction(
            async (result, cancellationToken) =>
            {
                string? passphrase;
                try
                {
                    passphrase = Passphrase(result.GetValue(passphraseFile));
                }
                catch (Exception e) when (e is BackupException or IOException)
                {
                    await Console.Error.WriteLineAsync(e.Message);
                    return 2;
                }
                if (passphrase is null && !result.GetValue(withoutKeys))
                {
                    await Console.Error.WriteLineAsync(
                        $"Give a passphrase to seal the keys with (--passphrase-file FILE or {PassphraseVariable}), or --without-keys to leave them out."
                    );
                    return 2;
                }
                await using var db = open(result, out var storage);
                await Migrator.MigrateAsync(db, cancellationToken);
                try
                {
                    var manifest = await BackupArchive.CreateAsync(
                        storage,
                        Migrator.Scripts(Migrator.ProviderFolder(db)).Select(s => s.Id).ToList(),
                        result.GetValue(output)!,
                        passphrase,
                        TimeProvider.System,
                        cancellationToken
                    );
                    Console.WriteLine(
                        $"Backed up {storage.Describe()} to {result.GetValue(output)}: database {manifest.DatabaseBytes / 1024} KB, {manifest.Files} files, keys {manifest.Keys}."
                    );
                    return 0;
                }
                catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or ArgumentException)
                {
                    await Console.Error.WriteLineAsync("The backup failed: " + e.Message);
                    return 1;
                }
            }
        );

        var file = new Argument<string>("FILE") { Description = "A backup written by habeas backup." };
        var keys = new Option<string?>("--keys")
        {
            Description = "A copy of the data folder's keys/ folder, for a backup made without its keys.",
        };
        var restore = new Command("restore", "Restore a backup into an empty data folder or an empty PostgreSQL database, then check it.")
        {
            file,
            passphraseFile,
            keys,
            data,
            database,
        };
        restore.SetAction(
            async (result, cancellationToken) =>
            {
                await using var db = open(result, out var storage);
                try
                {
                    var passphrase = Passphrase(result.GetValue(passphraseFile));
                    var manifest = await BackupRestore.RestoreAsync(
                        result.GetValue(file)!,
                        storage,
                        passphrase,
                        result.GetValue(keys),
                        cancellationToken
                    );
                    await Migrator.MigrateAsync(db, cancellationToken);
                    var failure = await Audit.AuditLog.VerifyAsync(db, cancellationToken);
                    if (failure is not null)
                    {
                        await Console.Error.WriteLineAsync(
                            $"Restored, but the audit log does not verify: entry {failure.Sequence}: {failure.Reason}"
                        );
                        return 1;
                    }
                    Console.WriteLine(
                        $"Restored the backup of {manifest.CreatedAt:u} into {storage.Describe()}: {manifest.Files} files, keys {(result.GetValue(keys) is null ? "from the backup" : "from " + result.GetValue(keys))}; the audit log verifies."
                    );
                    return 0;
                }
                catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync("The restore failed: " + e.Message);
                    return 1;
                }
            }
        );
        return [backup, restore];
    }

    /// <summary>The passphrase from its file (first line) or the environment; null when neither is given.</summary>
    public static string? Passphrase(string? file)
    {
        if (file is not null)
        {
            return File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r') is { Length: > 0 } line
                ? line
                : throw new BackupException($"{file} holds no passphrase on its first line.");
        }
        return Environment.GetEnvironmentVariable(PassphraseVariable) is { Length: > 0 } value ? value : null;
    }
}
