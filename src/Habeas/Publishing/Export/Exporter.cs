using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Habeas.Core.Export;
using Habeas.Platform.Confidential;
using Habeas.Platform.Storage;
using Habeas.Records.Files;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Export;

/// <summary>What to export: the format, whether it is the administrator's full export, and the passphrase that lets
/// confidential values into a full export (re-encrypted under it; without one they are left out).</summary>
public sealed record ExportRequest(string Format, bool Full = false, string? Passphrase = null)
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "json", "ftm"];
}

/// <summary>
/// Writes an export as a set of files (see docs/export.md): one per table (CSV or JSON lines), or FollowTheMoney entities,
/// the stored files of a full export under files/, and manifest.json with the counts and the SHA-256 of every file.
/// The "exported" audit entry is committed before the first byte is handed out.
/// </summary>
public static class Exporter
{
    public const string ManifestName = "manifest.json";
    public const string FormatName = "habeas-export";
    public const int FormatVersion = 1;
    public const string FtmFileName = "entities.ftm.json";

    // Names in Khmer, Thai or Burmese stay readable in the files; only what JSON itself needs is escaped.
    private static readonly JsonSerializerOptions Lines = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = Lines.Encoder };

    /// <summary>Writes every file through <paramref name="write"/> (a path relative to the export's root, and its bytes); returns the
    /// counts.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> WriteAsync(
        HabeasDb db,
        StorageOptions storage,
        ExportRequest request,
        Func<string, byte[], Task> write,
        CancellationToken cancellationToken
    )
    {
        if (!ExportRequest.Formats.Contains(request.Format))
        {
            throw new ArgumentException(
                $"'{request.Format}' is not an export format; use one of: {string.Join(", ", ExportRequest.Formats)}.",
                nameof(request)
            );
        }
        var full = request.Full && request.Format != "ftm";
        var tables = await ExportTables.ReadAsync(db, full, cancellationToken);
        var confidential =
            full && request is { Format: "json", Passphrase: not null }
                ? await ConfidentialRowsAsync(db, storage, cancellationToken)
                : null;
        var files = full && request.Format == "json" ? await StoredFilesAsync(db, storage, tables, cancellationToken) : [];

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table.Name] = table.Rows.Count;
        }
        if (confidential is not null)
        {
            counts[ExportTables.ConfidentialTable] = confidential.Count;
        }
        counts["files"] = files.Count;

        var exportedAt = db.Time.GetUtcNow();
        var details = new Dictionary<string, string?>
        {
            ["format"] = request.Format,
            ["full"] = full ? "true" : "false",
            ["confidential"] = confidential is null ? "omitted" : "included",
            ["counts"] = string.Join(",", counts.Select(c => $"{c.Key}={c.Value.ToString(CultureInfo.InvariantCulture)}")),
        };
        db.LogAction("exported", "export", Guid.CreateVersion7(), details: details);
        await db.SaveChangesAsync(cancellationToken);

        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        async Task Put(string path, byte[] bytes)
        {
            hashes[path] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await write(path, bytes);
        }

        JsonObject? encryption = null;
        switch (request.Format)
        {
            case "csv":
                foreach (var table in tables)
                {
                    await Put(table.Name + ".csv", CsvFile(table));
                }
                break;
            case "json":
                foreach (var table in tables)
                {
                    await Put(table.Name + ".jsonl", JsonLines(table.Rows));
                }
                if (confidential is not null)
                {
                    var salt = ExportCipher.NewSalt();
                    var cipher = ExportCipher.Derive(request.Passphrase!, salt, ExportCipher.MinimumIterations);
                    foreach (var row in confidential)
                    {
                        var ad = ExportCipher.AssociatedData(
                            row["record_type"]!.GetValue<string>(),
                            ExportTables.IdOf(row, "record_id")!.Value,
                            row["field"]!.GetValue<string>()
                        );
                        row["value"] = cipher.Encrypt(row["value"]!.GetValue<string>(), ad);
                    }
                    await Put(ExportTables.ConfidentialTable + ".jsonl", JsonLines(confidential));
                    encryption = new JsonObject
                    {
                        ["cipher"] = "AES-256-GCM",
                        ["kdf"] = "PBKDF2-HMAC-SHA256",
                        ["iterations"] = ExportCipher.MinimumIterations,
                        ["salt"] = Convert.ToBase64String(salt),
                        ["check"] = cipher.Encrypt(ExportCipher.CheckText, ExportCipher.CheckText),
                    };
                }
                foreach (var (sha256, bytes) in files)
                {
                    await Put("files/" + sha256, bytes);
                }
                break;
            case "ftm":
                await Put(FtmFileName, JsonLines(FtmEntities.From(tables).ToList()));
                break;
        }

        var manifest = new JsonObject
        {
            ["format"] = FormatName,
            ["formatVersion"] = FormatVersion,
            ["exportFormat"] = request.Format,
            ["habeasVersion"] = typeof(Exporter).Assembly.GetName().Version?.ToString(),
            ["exportedAt"] = ExportTables.ToJson(exportedAt),
            ["exportedBy"] = db.Actor,
            ["full"] = full,
            ["confidential"] =
                confidential is not null ? "included"
                : full ? "omitted: no passphrase was given"
                : "omitted: never part of a reader's export",
            ["encryption"] = encryption,
            ["tables"] = new JsonArray([
                .. tables.Select(t => (JsonNode)t.Name).Concat(confidential is null ? [] : [(JsonNode)ExportTables.ConfidentialTable]),
            ]),
            ["counts"] = new JsonObject(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["files"] = new JsonObject(hashes.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
        };
        await write(ManifestName, Encoding.UTF8.GetBytes(manifest.ToJsonString(Indented)));
        return counts;
    }

    private static async Task<List<JsonObject>> ConfidentialRowsAsync(
        HabeasDb db,
        StorageOptions storage,
        CancellationToken cancellationToken
    )
    {
        var keys = KeyRing.LoadOrCreate(storage.DataDirectory, db.Time);
        var rows = await db.ConfidentialValues.AsNoTracking().OrderBy(v => v.Id).ToListAsync(cancellationToken);
        return rows.Select(v => new JsonObject
            {
                ["id"] = ExportTables.ToJson(v.Id),
                ["record_type"] = v.RecordType,
                ["record_id"] = ExportTables.ToJson(v.RecordId),
                ["field"] = v.Field,
                ["value"] = keys.Decrypt(v.Ciphertext, ConfidentialFields.AssociatedData(v.RecordType, v.RecordId, v.Field)),
                ["updated_at"] = ExportTables.ToJson(v.UpdatedAt),
                ["updated_by"] = v.UpdatedBy,
            })
            .ToList();
    }

    /// <summary>The stored files' bytes, each read back and checked against its hash (a damaged file stops the export).</summary>
    private static async Task<SortedDictionary<string, byte[]>> StoredFilesAsync(
        HabeasDb db,
        StorageOptions storage,
        List<ExportTable> tables,
        CancellationToken cancellationToken
    )
    {
        var store = new FileStore(storage, new ConfigurationBuilder().Build());
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var stored = tables.SingleOrDefault(t => t.Name == "stored_files")?.Rows ?? [];
        foreach (var row in stored)
        {
            var file = (StoredFile)ExportTables.FromRow(db.Model.FindEntityType(typeof(StoredFile))!, row);
            if (!result.ContainsKey(file.Sha256))
            {
                result[file.Sha256] = await store.ReadVerifiedAsync(file, cancellationToken);
            }
        }
        return result;
    }

    private static byte[] JsonLines(IEnumerable<JsonObject> rows)
    {
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.Append(row.ToJsonString(Lines)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>
    /// One CSV file: the table's columns, a text in several languages spread over one column per language
    /// ("biography.en", "biography.km"), lists and objects as JSON text.
    /// </summary>
    private static byte[] CsvFile(ExportTable table)
    {
        var columns = new List<(string Header, Func<JsonObject, string?> Read)>();
        foreach (var column in table.Columns)
        {
            var languages = table
                .Rows.Select(r => r[column])
                .OfType<JsonObject>()
                .SelectMany(o => o.Select(p => p.Key))
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
            var isText = table.Rows.Any(r => r[column] is JsonObject);
            if (isText)
            {
                columns.AddRange(
                    languages.Select(language =>
                        ($"{column}.{language}", (Func<JsonObject, string?>)(r => r[column]?[language]?.GetValue<string>()))
                    )
                );
            }
            else
            {
                columns.Add((column, r => CellText(r[column])));
            }
        }
        var builder = new StringBuilder();
        CsvText.AppendRecord(builder, columns.Select(c => c.Header));
        foreach (var row in table.Rows)
        {
            CsvText.AppendRecord(builder, columns.Select(c => c.Read(row)));
        }
        return CsvText.FileBytes(builder.ToString());
    }

    private static string? CellText(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node.ToJsonString(),
        };
}
