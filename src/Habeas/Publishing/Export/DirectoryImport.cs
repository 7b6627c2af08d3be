using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Supporters;
using Habeas.Core.Export;
using Habeas.Platform.Confidential;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Cases;
using Habeas.Records.Deadlines;
using Habeas.Records.Events;
using Habeas.Records.Files;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Habeas.Publishing.Export;

/// <summary>
/// <c>import DIR</c>: takes back, whole, a directory written by <c>export --format json</c> (full or not) into an empty
/// installation, creating its database when there is none. Every file is checked against the SHA-256 in the manifest
/// before anything is written; the records are written in one transaction, keeping their ids, levels, versions and
/// fields, each with an "imported" version in its history; stored files are copied into the data folder's store.
/// Exit codes: 0 imported, 1 refused (the message says why; nothing was written).
/// </summary>
public static class DirectoryImport
{
    public const string PassphraseVariable = "HABEAS_EXPORT_PASSPHRASE";

    /// <summary>The passphrase of a full export with confidential values comes from HABEAS_EXPORT_PASSPHRASE.</summary>
    public static Task<int> RunAsync(
        HabeasDb db,
        StorageOptions storage,
        string directory,
        TextWriter output,
        CancellationToken cancellationToken
    ) => RunAsync(db, storage, directory, output, Environment.GetEnvironmentVariable(PassphraseVariable), cancellationToken);

    public static async Task<int> RunAsync(
        HabeasDb db,
        StorageOptions storage,
        string directory,
        TextWriter output,
        string? passphrase,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var export = await ReadAsync(directory, passphrase, cancellationToken);
            await EnsureDatabaseAsync(db, storage, cancellationToken);
            await Migrator.MigrateAsync(db, cancellationToken);
            await Vocabularies.SeedAsync(db, cancellationToken);
            await ShippedLimits.SeedAsync(db, cancellationToken);
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            if (await HoldsRecordsAsync(db, cancellationToken) is { } held)
            {
                await output.WriteLineAsync(
                    $"Refused: the target installation ({storage.Describe()}) already holds {held}. 'import DIR' takes an export back into an empty installation only; nothing was imported."
                );
                return 1;
            }
            var counts = await WriteAsync(db, storage, export, cancellationToken);
            // The events were written before the export's limits (tables go in name order): every deadline again, with them.
            await DeadlineRebuild.RebuildAllAsync(db, cancellationToken);
            await output.WriteLineAsync(
                $"Imported {directory} into {storage.Describe()}: " + string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}")) + "."
            );
            return 0;
        }
        catch (ExportFormatException e)
        {
            await output.WriteLineAsync($"Refused: {e.Message} Nothing was imported.");
            return 1;
        }
    }

    private sealed record ReadExport(
        JsonObject Manifest,
        List<(string Table, List<JsonObject> Rows)> Tables,
        Dictionary<string, byte[]> Files,
        ExportCipher? Cipher
    );

    /// <summary>Reads and checks the whole export before anything is written.</summary>
    private static async Task<ReadExport> ReadAsync(string directory, string? passphrase, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        var manifestPath = Path.Combine(root, Exporter.ManifestName);
        if (!File.Exists(manifestPath))
        {
            throw new ExportFormatException(
                $"{directory} holds no {Exporter.ManifestName}: it is not a directory written by 'export --format json'."
            );
        }
        JsonObject manifest;
        try
        {
            manifest =
                JsonNode.Parse(await File.ReadAllTextAsync(manifestPath, cancellationToken)) as JsonObject
                ?? throw new ExportFormatException($"{Exporter.ManifestName} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ExportFormatException($"{Exporter.ManifestName} is not valid JSON: {e.Message}");
        }
        if (Text(manifest, "format") != Exporter.FormatName || Text(manifest, "exportFormat") != "json")
        {
            throw new ExportFormatException(
                $"{Exporter.ManifestName} does not describe a Habeas JSON export (format {Exporter.FormatName}, exportFormat json)."
            );
        }
        if (manifest["formatVersion"]?.GetValue<int>() != Exporter.FormatVersion)
        {
            throw new ExportFormatException(
                $"This export has format version {manifest["formatVersion"]}; this Habeas reads version {Exporter.FormatVersion}."
            );
        }

        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, hash) in manifest["files"] as JsonObject ?? [])
        {
            var path = Path.GetFullPath(Path.Combine(root, name));
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new ExportFormatException($"The manifest names a file outside the export directory: {name}.");
            }
            if (!File.Exists(path))
            {
                throw new ExportFormatException($"The file {name} named in the manifest is missing.");
            }
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), hash?.GetValue<string>(), StringComparison.Ordinal))
            {
                throw new ExportFormatException(
                    $"The file {name} does not match its SHA-256 in the manifest: it was changed or damaged after the export."
                );
            }
            contents[name] = bytes;
        }

        ExportCipher? cipher = null;
        if (manifest["encryption"] is JsonObject encryption)
        {
            if (string.IsNullOrEmpty(passphrase))
            {
                throw new ExportFormatException(
                    $"This export holds confidential values encrypted under a passphrase: give it in {PassphraseVariable}."
                );
            }
            try
            {
                cipher = ExportCipher.Derive(
                    passphrase,
                    Convert.FromBase64String(Text(encryption, "salt") ?? ""),
                    encryption["iterations"]?.GetValue<int>() ?? 0
                );
                cipher.Decrypt(Text(encryption, "check") ?? "", ExportCipher.CheckText);
            }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                throw new ExportFormatException(
                    "The passphrase does not open this export's confidential values (wrong passphrase, or a damaged manifest)."
                );
            }
        }

        var tables = new List<(string, List<JsonObject>)>();
        foreach (var table in (manifest["tables"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? ""))
        {
            var file = table + ".jsonl";
            if (!contents.TryGetValue(file, out var bytes))
            {
                throw new ExportFormatException($"The table {table} has no file {file} in the manifest.");
            }
            tables.Add((table, Lines(file, bytes)));
        }
        var files = contents
            .Where(c => c.Key.StartsWith("files/", StringComparison.Ordinal))
            .ToDictionary(c => c.Key["files/".Length..], c => c.Value);
        return new ReadExport(manifest, tables, files, cipher);
    }

    private static List<JsonObject> Lines(string file, byte[] bytes)
    {
        var rows = new List<JsonObject>();
        var number = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                rows.Add(
                    JsonNode.Parse(line) as JsonObject ?? throw new ExportFormatException($"{file}, line {number}: not a JSON object.")
                );
            }
            catch (JsonException e)
            {
                throw new ExportFormatException($"{file}, line {number}: not valid JSON ({e.Message}).");
            }
        }
        return rows;
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A PostgreSQL database named in the connection string but not there yet is created (SQLite creates its file
    /// itself).</summary>
    internal static async Task EnsureDatabaseAsync(HabeasDb db, StorageOptions storage, CancellationToken cancellationToken)
    {
        if (!storage.IsPostgres)
        {
            storage.EnsureDataDirectory();
            return;
        }
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var target = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString);
            var maintenance = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString) { Database = "postgres" };
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
#pragma warning disable CA2100 // The name is the operator's own connection string's, quoted as an identifier.
            await using var command = new NpgsqlCommand(
                $"CREATE DATABASE {QuoteIdentifier(target.Database!)} ENCODING 'UTF8' TEMPLATE template0",
                connection
            );
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<string?> HoldsRecordsAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        if (await db.People.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return "people";
        }
        if (await db.Cases.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return "cases";
        }
        if (await db.Events.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return "events";
        }
        if (await db.Sources.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return "sources";
        }
        if (await db.Places.AnyAsync(cancellationToken))
        {
            return "places";
        }
        if (await db.Organisations.AnyAsync(cancellationToken))
        {
            return "organisations";
        }
        if (await db.CampaignActions.AnyAsync(cancellationToken))
        {
            return "campaign actions";
        }
        if (await db.Supporters.AnyAsync(cancellationToken))
        {
            return "supporters";
        }
        return null;
    }

    private static async Task<SortedDictionary<string, int>> WriteAsync(
        HabeasDb db,
        StorageOptions storage,
        ReadExport export,
        CancellationToken cancellationToken
    )
    {
        var entityTypes = ExportTables.EntityTypes(db, full: true).ToDictionary(e => e.GetTableName()!, StringComparer.Ordinal);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var terms = await db.VocabularyTerms.ToDictionaryAsync(t => (t.Vocabulary, t.Code), cancellationToken);
        // The shipped time limits are seeded by the migration; the export's (perhaps edited) values take their place, code by code.
        var limits = await db.TimeLimits.ToDictionaryAsync(l => l.Code, StringComparer.Ordinal, cancellationToken);
        KeyRing? keys = null;
        foreach (var (table, rows) in export.Tables)
        {
            counts[table] = rows.Count;
            if (table == ExportTables.ConfidentialTable)
            {
                keys ??= KeyRing.LoadOrCreate(storage.DataDirectory, db.Time);
                db.ConfidentialValues.AddRange(rows.Select(r => Confidential(r, export.Cipher!, keys, db.Time)));
                continue;
            }
            if (!entityTypes.TryGetValue(table, out var entity))
            {
                throw new ExportFormatException($"The export holds a table this Habeas does not know: {table}.");
            }
            foreach (var row in rows)
            {
                var record = ExportTables.FromRow(entity, row);
                if (record is VocabularyTerm term && terms.TryGetValue((term.Vocabulary, term.Code), out var existing))
                {
                    db.Entry(existing).CurrentValues.SetValues(term);
                }
                else if (record is LegalTimeLimit limit && limits.TryGetValue(limit.Code, out var seeded))
                {
                    // Its id is the seeded one's (nothing refers to a limit by id; deadlines name its code).
                    limit.Id = seeded.Id;
                    db.Entry(seeded).CurrentValues.SetValues(limit);
                }
                else
                {
                    db.Add(record);
                }
            }
        }

        var store = new FileStore(storage, new ConfigurationBuilder().Build());
        foreach (var (sha256, bytes) in export.Files)
        {
            await WriteBlobAsync(store, sha256, bytes, cancellationToken);
        }
        counts["files"] = export.Files.Count;

        db.Importing = true;
        db.Actor ??= $"{Environment.UserName} (command line import)";
        db.LogAction(
            "imported",
            "export",
            Guid.CreateVersion7(),
            details: new Dictionary<string, string?>
            {
                ["exportedAt"] = Text(export.Manifest, "exportedAt"),
                ["exportedBy"] = Text(export.Manifest, "exportedBy"),
                ["full"] = export.Manifest["full"]?.ToJsonString(),
                ["counts"] = string.Join(",", counts.Select(c => $"{c.Key}={c.Value}")),
            }
        );
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            throw new ExportFormatException(
                $"The records do not fit together (a link to a record that is not in the export, or a duplicate): {e.InnerException?.Message ?? e.Message}"
            );
        }
        finally
        {
            db.Importing = false;
        }
        return counts;
    }

    private static ConfidentialValue Confidential(JsonObject row, ExportCipher cipher, KeyRing keys, TimeProvider time)
    {
        var recordType = Text(row, "record_type") ?? throw new ExportFormatException("A confidential value has no record_type.");
        var recordId = ExportTables.IdOf(row, "record_id") ?? throw new ExportFormatException("A confidential value has no record_id.");
        var field = Text(row, "field") ?? throw new ExportFormatException("A confidential value has no field.");
        string value;
        try
        {
            value = cipher.Decrypt(Text(row, "value") ?? "", ExportCipher.AssociatedData(recordType, recordId, field));
        }
        catch (CryptographicException)
        {
            throw new ExportFormatException(
                $"The confidential value {recordType}/{recordId}/{field} does not decrypt: it was changed or moved."
            );
        }
        return new ConfidentialValue
        {
            Id = ExportTables.IdOf(row, "id") ?? Guid.CreateVersion7(),
            RecordType = recordType,
            RecordId = recordId,
            Field = field,
            Ciphertext = keys.Encrypt(value, ConfidentialFields.AssociatedData(recordType, recordId, field)),
            UpdatedAt = (DateTimeOffset?)ExportTables.FromJson(row["updated_at"], typeof(DateTimeOffset)) ?? time.GetUtcNow(),
            UpdatedBy = Text(row, "updated_by"),
        };
    }

    /// <summary>Puts a file's bytes into the content-addressed store (already checked against the manifest and named by their
    /// hash).</summary>
    private static async Task WriteBlobAsync(FileStore store, string sha256, byte[] bytes, CancellationToken cancellationToken)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower) || Convert.ToHexStringLower(SHA256.HashData(bytes)) != sha256)
        {
            throw new ExportFormatException($"files/{sha256} is not named by the SHA-256 of its content.");
        }
        var path = store.PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var part = path + ".part";
        await File.WriteAllBytesAsync(part, bytes, cancellationToken);
        File.Move(part, path, overwrite: true);
    }
}
