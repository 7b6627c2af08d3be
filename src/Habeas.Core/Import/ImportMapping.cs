using System.Text.Json;
using System.Text.Json.Serialization;

namespace Habeas.Core.Import;

/// <summary>
/// How a file's columns become Habeas fields (docs/import.md, docs/import.schema.json): header → field (null: ignored
/// on purpose), constants given to every row, the id system the file's external ids come from, extra date formats,
/// value translations per field ("M" → "male") and the separator of multi-valued cells. Saved as JSON and reused.
/// </summary>
public sealed class ImportMapping
{
    /// <summary>csv or json; guessed from the file name when absent.</summary>
    public string? Format { get; set; }

    /// <summary>The CSV delimiter (",", ";", "\t"); guessed from the header line when absent.</summary>
    public string? Delimiter { get; set; }

    /// <summary>The system the external ids come from ("cecc", "licadho-2016"): required when an external id is mapped.</summary>
    public string? System { get; set; }

    /// <summary>Header → field, or several fields separated by commas ("externalId, source1.url": one column feeding
    /// each of them; the JSON may give them as an array). Null or blank: the column is ignored on purpose.</summary>
    [JsonConverter(typeof(ColumnsJson))]
    public Dictionary<string, string?> Columns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per header, a separator that cuts its cells into several values (" " for a cell of URLs separated by
    /// spaces). Value k of a numbered field (source1.url) goes to the record k − 1 further on (source2.url …), names and
    /// tags take every value, any other field the first.</summary>
    public Dictionary<string, string> Split { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Constants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>.NET date formats tried, in order, on a date that is not already EDTF ("dd/MM/yyyy", "d.M.yyyy", "MMMM yyyy").</summary>
    public List<string> DateFormats { get; set; } = [];

    /// <summary>Per field, a cell's text → the value stored ("sex": { "M": "male", "Ж": "female" }).</summary>
    public Dictionary<string, Dictionary<string, string>> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Separates several values in one cell (tags, several aliases). Default ";".</summary>
    public string ListSeparator { get; set; } = ";";

    /// <summary>The language of free text in the file (event descriptions, place names). Default "en".</summary>
    public string Language { get; set; } = "en";

    /// <summary>The kind of a place created for a place name not yet recorded (a code of place-kind). Default "other".</summary>
    public string PlaceKind { get; set; } = "other";

    /// <summary>For rows that give neither an id nor an external id, per line (CSV) or record number (JSON): "new" (a new
    /// person, whoever the name matches) or the id of the person recorded already that the row is about. A row without a
    /// choice goes to the best match by name and birth date, if any, else is new (docs/import.md, "Rows without ids").</summary>
    public Dictionary<string, string> Matches { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The value of <see cref="Matches"/> that makes a row a new person.</summary>
    public const string NewPerson = "new";

    /// <summary>The choice made for a line: "new", a person id, or null (none made).</summary>
    public string? MatchFor(int line) =>
        Matches.GetValueOrDefault(line.ToString(global::System.Globalization.CultureInfo.InvariantCulture));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <exception cref="FormatException">The text is not a mapping.</exception>
    public static ImportMapping Parse(string json)
    {
        try
        {
            var mapping = JsonSerializer.Deserialize<ImportMapping>(json, Json) ?? throw new FormatException("The mapping file is empty.");
            mapping.Columns = new Dictionary<string, string?>(mapping.Columns ?? [], StringComparer.Ordinal);
            mapping.Constants ??= [];
            mapping.DateFormats ??= [];
            mapping.Values ??= [];
            mapping.Split = new Dictionary<string, string>(mapping.Split ?? [], StringComparer.Ordinal);
            mapping.Matches = new Dictionary<string, string>(mapping.Matches ?? [], StringComparer.Ordinal);
            mapping.ListSeparator = string.IsNullOrEmpty(mapping.ListSeparator) ? ";" : mapping.ListSeparator;
            mapping.Language = string.IsNullOrWhiteSpace(mapping.Language) ? "en" : mapping.Language.Trim();
            mapping.PlaceKind = string.IsNullOrWhiteSpace(mapping.PlaceKind) ? "other" : mapping.PlaceKind;
            return mapping;
        }
        catch (JsonException e)
        {
            throw new FormatException($"The mapping file is not valid JSON for a mapping: {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The fields a column goes to (usually one): the mapping's choice, else the header itself when it names a
    /// field. Empty when the column is ignored (mapped to null) or unknown (<paramref name="unmapped"/> is then true).</summary>
    public IReadOnlyList<string> FieldsFor(string header, out bool unmapped) =>
        FieldFor(header, out unmapped) is { } field ? Fields(field) : [];

    /// <summary>"externalId, source1.url" → its fields.</summary>
    public static IReadOnlyList<string> Fields(string field) =>
        field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The field a column goes to as the mapping writes it (several separated by commas): the mapping's choice, else
    /// the header itself when it names a field. Null when the column is ignored (mapped to null) or unknown
    /// (<paramref name="unmapped"/> is then true).</summary>
    public string? FieldFor(string header, out bool unmapped)
    {
        unmapped = false;
        if (Columns.TryGetValue(header, out var field))
        {
            return string.IsNullOrWhiteSpace(field) ? null : field.Trim();
        }
        var trimmed = header.Trim();
        if (ImportFields.Parse(trimmed) is not null)
        {
            return trimmed;
        }
        unmapped = true;
        return null;
    }

    /// <summary>What is wrong with the mapping itself: unknown fields, a date format .NET cannot use, external ids without a
    /// system.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (header, field) in Columns)
        {
            foreach (var one in string.IsNullOrWhiteSpace(field) ? [] : Fields(field))
            {
                if (ImportFields.Parse(one) is null)
                {
                    problems.Add($"Column \"{header}\" is mapped to \"{one}\", which is not a Habeas field (see docs/import.md).");
                }
            }
        }
        foreach (var (header, separator) in Split)
        {
            if (string.IsNullOrEmpty(separator))
            {
                problems.Add($"The separator that splits column \"{header}\" is empty.");
            }
        }
        foreach (var field in Constants.Keys.Concat(Values.Keys.Where(k => !IsGeneric(k))))
        {
            if (ImportFields.Parse(field) is null)
            {
                problems.Add($"\"{field}\" (in constants or values) is not a Habeas field (see docs/import.md).");
            }
        }
        foreach (var (line, choice) in Matches)
        {
            if (
                !int.TryParse(
                    line,
                    global::System.Globalization.NumberStyles.None,
                    global::System.Globalization.CultureInfo.InvariantCulture,
                    out var n
                )
                || n < 1
            )
            {
                problems.Add($"\"{line}\" (in matches) is not a line number.");
            }
            if (choice != NewPerson && !Guid.TryParse(choice, out _))
            {
                problems.Add($"The choice for line {line} (in matches) is neither \"new\" nor a person id.");
            }
        }
        if (Delimiter is { Length: not 1 } d && d != "\\t")
        {
            problems.Add("The delimiter must be one character.");
        }
        if (Format is not null and not "csv" and not "json")
        {
            problems.Add($"The format \"{Format}\" is neither csv nor json.");
        }
        return problems;
    }

    /// <summary>"event.type", "source.kind": a key of <see cref="Values"/> for that field of every event or source.</summary>
    private static bool IsGeneric(string key) =>
        (key.StartsWith("event.", StringComparison.Ordinal) && ImportFields.Event.Contains(key[6..], StringComparer.Ordinal))
        || (key.StartsWith("source.", StringComparison.Ordinal) && ImportFields.Source.Contains(key[7..], StringComparer.Ordinal));

    public char? DelimiterChar =>
        Delimiter switch
        {
            null or "" => null,
            "\\t" => '\t',
            _ => Delimiter[0],
        };

    /// <summary>Reads a column's field as a string, null, or an array of fields (kept as one comma-separated string);
    /// writes several fields back as an array.</summary>
    private sealed class ColumnsJson : JsonConverter<Dictionary<string, string?>>
    {
        public override Dictionary<string, string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("\"columns\" must be an object: header → field.");
            }
            var columns = new Dictionary<string, string?>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var header = reader.GetString()!;
                reader.Read();
                columns[header] = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.StartArray => string.Join(", ", JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? []),
                    _ => throw new JsonException(
                        $"The field of column \"{header}\" must be a field name, an array of field names, or null."
                    ),
                };
            }
            return columns;
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, string?> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (header, field) in value)
            {
                writer.WritePropertyName(header);
                if (field is null)
                {
                    writer.WriteNullValue();
                }
                else if (Fields(field) is { Count: > 1 } fields)
                {
                    JsonSerializer.Serialize(writer, fields, options);
                }
                else
                {
                    writer.WriteStringValue(field);
                }
            }
            writer.WriteEndObject();
        }
    }
}
