using System.Text.Json;

namespace Habeas.Core.Import;

/// <summary>One value of a row: the column it came from (a CSV header, a JSON path, or "(constant)"), the field it goes to and the
/// text.</summary>
public sealed record ImportCell(string Column, ImportField Field, string Value);

/// <summary>One person to import: the line (CSV) or the record number (JSON) and the values given for them.</summary>
public sealed record ImportRow(int Line, IReadOnlyList<ImportCell> Cells);

/// <summary>What a file holds once read through a mapping: its rows, the columns no field takes, and the system its ids come
/// from.</summary>
public sealed record ImportFile(
    IEnumerable<ImportRow> Rows,
    IReadOnlyList<string> Headers,
    IReadOnlyList<string> UnmappedColumns,
    string? System
);

/// <summary>Reads a CSV or JSON file into rows of cells (no I/O beyond the reader given; nothing is validated here but the file's
/// shape).</summary>
public static class ImportRows
{
    public const string ConstantColumn = "(constant)";

    /// <exception cref="FormatException">The file has no header line or a quote is never closed.</exception>
    public static ImportFile ReadCsv(TextReader reader, ImportMapping mapping)
    {
        var header = reader.ReadLine() ?? throw new FormatException("The file is empty: the first line must name the columns.");
        if (header.Length > 0 && header[0] == '\uFEFF')
        {
            header = header[1..];
        }
        var delimiter = mapping.DelimiterChar ?? CsvRecords.GuessDelimiter(header);
        var headers = CsvRecords.Read(new StringReader(header), delimiter).FirstOrDefault()?.Fields.Select(h => h.Trim()).ToList() ?? [];
        var fields = new List<ImportField>[headers.Count];
        var unmapped = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            fields[i] = mapping.FieldsFor(headers[i], out var isUnmapped).Select(ImportFields.Parse).OfType<ImportField>().ToList();
            if (isUnmapped && headers[i].Length > 0)
            {
                unmapped.Add(headers[i]);
            }
        }
        return new ImportFile(CsvRows(reader, delimiter, headers, fields, mapping), headers, unmapped, mapping.System);
    }

    private static IEnumerable<ImportRow> CsvRows(
        TextReader reader,
        char delimiter,
        List<string> headers,
        List<ImportField>[] fields,
        ImportMapping mapping
    )
    {
        foreach (var record in CsvRecords.Read(reader, delimiter))
        {
            var line = record.Line + 1;
            var cells = new List<ImportCell>();
            for (var i = 0; i < record.Fields.Count; i++)
            {
                if (i < fields.Length)
                {
                    foreach (var field in fields[i])
                    {
                        Add(cells, headers[i], field, record.Fields[i], mapping, mapping.Split.GetValueOrDefault(headers[i]));
                    }
                }
                else if (i >= fields.Length && record.Fields[i].Trim().Length > 0)
                {
                    cells.Add(new ImportCell($"column {i + 1}", new ImportField(FieldGroup.Person, 0, "(extra)", null), record.Fields[i]));
                }
            }
            if (record.Fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }
            yield return new ImportRow(line, WithConstants(cells, mapping));
        }
    }

    /// <summary>
    /// A JSON file: an array of people, or an object with "people" (and optionally "system"). Each person has the
    /// fields by their Habeas names, "names" as strings or {text, kind}, "tags" as an array, "biography" as
    /// {language: text}, "events" and "sources" as arrays of objects.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a file.</exception>
    public static ImportFile ReadJson(string json, ImportMapping mapping)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The file is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            var system = mapping.System;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("system", out var s) && s.ValueKind == JsonValueKind.String)
                {
                    system ??= s.GetString();
                }
                if (!root.TryGetProperty("people", out root))
                {
                    throw new FormatException("A JSON import is an array of people, or an object with a \"people\" array.");
                }
            }
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("A JSON import is an array of people, or an object with a \"people\" array.");
            }
            var rows = new List<ImportRow>();
            var unmapped = new SortedSet<string>(StringComparer.Ordinal);
            var number = 0;
            foreach (var person in root.EnumerateArray())
            {
                number++;
                var cells = new List<ImportCell>();
                if (person.ValueKind != JsonValueKind.Object)
                {
                    cells.Add(
                        new ImportCell(
                            $"[{number - 1}]",
                            new ImportField(FieldGroup.Person, 0, "(extra)", null),
                            "a person must be a JSON object"
                        )
                    );
                }
                else
                {
                    FlattenPerson(person, $"[{number - 1}]", cells, unmapped, mapping);
                }
                rows.Add(new ImportRow(number, WithConstants(cells, mapping)));
            }
            return new ImportFile(rows, [], unmapped.ToList(), system);
        }
    }

    private static void FlattenPerson(
        JsonElement person,
        string path,
        List<ImportCell> cells,
        SortedSet<string> unmapped,
        ImportMapping mapping
    )
    {
        foreach (var property in person.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            var value = property.Value;
            switch (property.Name)
            {
                case "names":
                    var i = 0;
                    foreach (var name in Items(value))
                    {
                        var kind = name.ValueKind == JsonValueKind.Object && name.TryGetProperty("kind", out var k) ? Text(k) : null;
                        var text = name.ValueKind == JsonValueKind.Object && name.TryGetProperty("text", out var t) ? Text(t) : Text(name);
                        Add(
                            cells,
                            $"{at}[{i++}]",
                            new ImportField(FieldGroup.Person, 0, "name", string.IsNullOrWhiteSpace(kind) ? null : kind),
                            text ?? "",
                            mapping
                        );
                    }
                    break;
                case "tags":
                    var j = 0;
                    foreach (var tag in Items(value))
                    {
                        Add(cells, $"{at}[{j++}]", new ImportField(FieldGroup.Person, 0, "tags", null), Text(tag) ?? "", mapping);
                    }
                    break;
                case "biography" when value.ValueKind == JsonValueKind.Object:
                    foreach (var language in value.EnumerateObject())
                    {
                        Add(
                            cells,
                            $"{at}.{language.Name}",
                            new ImportField(FieldGroup.Person, 0, "biography", language.Name),
                            Text(language.Value) ?? "",
                            mapping
                        );
                    }
                    break;
                case "events" or "sources":
                    var n = 0;
                    foreach (var item in Items(value))
                    {
                        n++;
                        if (item.ValueKind != JsonValueKind.Object || n > ImportFields.MaxNumber)
                        {
                            unmapped.Add($"{property.Name}[{n - 1}]");
                            continue;
                        }
                        foreach (var field in item.EnumerateObject())
                        {
                            var name = $"{(property.Name == "events" ? "event" : "source")}{n}.{field.Name}";
                            if (ImportFields.Parse(name) is { } parsed)
                            {
                                Add(cells, $"{at}[{n - 1}].{field.Name}", parsed, Text(field.Value) ?? "", mapping);
                            }
                            else
                            {
                                unmapped.Add($"{property.Name}[].{field.Name}");
                            }
                        }
                    }
                    break;
                default:
                    var mapped = mapping
                        .FieldsFor(property.Name, out var isUnmapped)
                        .Select(ImportFields.Parse)
                        .OfType<ImportField>()
                        .ToList();
                    foreach (var f in mapped)
                    {
                        Add(cells, at, f, Text(value) ?? "", mapping, mapping.Split.GetValueOrDefault(property.Name));
                    }
                    if (isUnmapped)
                    {
                        unmapped.Add(property.Name);
                    }
                    break;
            }
        }
    }

    private static List<JsonElement> Items(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];

    private static string? Text(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };

    /// <summary>
    /// Joins the cells several columns give one text field (each line "Header: value"), then adds the constants. A
    /// constant completes an event the row gives (its type, a decision) but makes none: with no cell of its own for
    /// event2, a row has no event2 (a blank "Released" column is no release).
    /// </summary>
    private static List<ImportCell> WithConstants(List<ImportCell> cells, ImportMapping mapping)
    {
        cells = JoinTexts(cells, mapping);
        var events = cells.Where(c => c.Field.Group == FieldGroup.Event).Select(c => c.Field.Number).ToHashSet();
        foreach (var (name, value) in mapping.Constants)
        {
            if (
                ImportFields.Parse(name) is { } field
                && !cells.Any(c => c.Field == field)
                && (field.Group != FieldGroup.Event || events.Contains(field.Number))
            )
            {
                Add(cells, ConstantColumn, field, value, mapping);
            }
        }
        return cells;
    }

    /// <summary>Free-text fields several columns may feed together: an event's description, a citation's quote, a biography.</summary>
    private static bool IsText(ImportField field) => field.Name is "description" or "quote" or "biography";

    /// <summary>The text fields the mapping gives several columns: their cells are joined, each labelled with its column
    /// (so a row where one of the columns is blank still says which column the text came from).</summary>
    private static List<ImportCell> JoinTexts(List<ImportCell> cells, ImportMapping mapping)
    {
        var shared = mapping
            .Columns.Values.Where(f => !string.IsNullOrWhiteSpace(f))
            .SelectMany(f => ImportMapping.Fields(f!))
            .Select(ImportFields.Parse)
            .OfType<ImportField>()
            .Where(IsText)
            .GroupBy(f => f)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet();
        if (shared.Count == 0 || !cells.Any(c => shared.Contains(c.Field)))
        {
            return cells;
        }
        var joined = cells.Where(c => !shared.Contains(c.Field)).ToList();
        joined.AddRange(
            cells
                .Where(c => shared.Contains(c.Field))
                .GroupBy(c => c.Field)
                .Select(g => new ImportCell(
                    string.Join(" + ", g.Select(c => c.Column).Distinct()),
                    g.Key,
                    string.Join("\n", g.Select(c => $"{c.Column}: {c.Value}"))
                ))
        );
        return joined;
    }

    /// <summary>
    /// Adds a cell's values: cut at the column's separator when it has one, tags split, translations and date formats
    /// applied; blank values, and values translated to "", are skipped. Value k (from 0) of a cut cell goes to the event
    /// or source k further on, to the person's names or tags, or (any other field) nowhere after the first.
    /// </summary>
    private static void Add(
        List<ImportCell> cells,
        string column,
        ImportField field,
        string raw,
        ImportMapping mapping,
        string? separator = null
    )
    {
        var parts = string.IsNullOrEmpty(separator)
            ? [raw]
            : raw.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var k = 0; k < parts.Length; k++)
        {
            var target = field;
            if (k > 0)
            {
                if (field.Group is FieldGroup.Event or FieldGroup.Source)
                {
                    target = field with { Number = field.Number + k };
                    if (target.Number > ImportFields.MaxNumber)
                    {
                        cells.Add(new ImportCell(column, new ImportField(FieldGroup.Person, 0, "(extra)", null), parts[k]));
                        continue;
                    }
                }
                else if (field.Name is not "name" and not "tags")
                {
                    break;
                }
            }
            var values = target.Name == "tags" ? ImportValues.Split(parts[k], mapping.ListSeparator) : [parts[k].Trim()];
            foreach (var value in values)
            {
                if (value.Length == 0)
                {
                    continue;
                }
                var text = Translate(mapping, target, value);
                if (text.Length == 0)
                {
                    continue;
                }
                if (target.Name is "date" or "endDate" or "birthDate" or "reportedAgeOn")
                {
                    text = ImportValues.Date(text, mapping.DateFormats);
                }
                cells.Add(new ImportCell(column, target, text));
            }
        }
    }

    private static string Translate(ImportMapping mapping, ImportField field, string value)
    {
        var key = field.ToString();
        var generic = Generic(field);
        if (
            (mapping.Values.TryGetValue(key, out var table) || mapping.Values.TryGetValue(generic, out table))
            && table.TryGetValue(value, out var translated)
        )
        {
            return translated;
        }
        return value;
    }

    /// <summary>"event2.type" → "event.type", the key that translates the values of every event's type.</summary>
    public static string Generic(ImportField field) =>
        field.Group switch
        {
            FieldGroup.Event => $"event.{field.Name}",
            FieldGroup.Source => $"source.{field.Name}",
            _ => field.ToString(),
        };
}
