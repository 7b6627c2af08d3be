using System.CommandLine;
using Habeas.Platform.Confidential;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Cli;

/// <summary>keys rotate: a new key for confidential fields; every value re-encrypted with it in one transaction.</summary>
public static class KeyVerbs
{
    public static Command Command(Option<string?> data, Option<string?> database, AuditVerbs.Opener open)
    {
        var rotate = new Command(
            "rotate",
            "Add a new encryption key to DATA/keys/field-keys.json, re-encrypt every confidential value with it, and make it current. Old keys stay to read old backups."
        )
        {
            data,
            database,
        };
        rotate.SetAction(
            async (result, cancellationToken) =>
            {
                await using var db = open(result, out var storage);
                await Migrator.MigrateAsync(db, cancellationToken);
                db.Actor = $"{Environment.UserName} (command line)";
                var keys = KeyRing.LoadOrCreate(storage.DataDirectory, db.Time);
                var (keyId, count) = await ConfidentialFields.RotateAsync(db, keys, cancellationToken);
                Console.WriteLine(
                    $"Key {keyId} is now current; {count} confidential values re-encrypted. Back up {KeyRing.PathIn(storage.DataDirectory)} with the data."
                );
                return 0;
            }
        );
        return new Command("keys", "The encryption keys of confidential fields.") { rotate };
    }
}
