using System.Text.Json;

namespace Habeas.Platform.History;

/// <summary>Reads and compares the JSON snapshots kept in record history.</summary>
public static class Snapshots
{
    /// <summary>One value per top-level field; nested values (names, people) as compact JSON.</summary>
    public static Dictionary<string, string?> Flatten(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        return document
            .RootElement.EnumerateObject()
            .ToDictionary(
                p => p.Name,
                p =>
                    p.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => p.Value.GetString(),
                        _ => p.Value.GetRawText(),
                    }
            );
    }

    /// <summary>The fields whose value differs between two snapshots, with the value before and after.</summary>
    public static SortedDictionary<string, (string? Before, string? After)> Diff(string? before, string? after)
    {
        var old = Flatten(before);
        var now = Flatten(after);
        var changes = new SortedDictionary<string, (string?, string?)>(StringComparer.Ordinal);
        foreach (var (field, b) in now)
        {
            var a = old.GetValueOrDefault(field);
            if (a != b)
            {
                changes[field] = (a, b);
            }
        }
        foreach (var (field, a) in old)
        {
            if (a is not null && !now.ContainsKey(field))
            {
                changes[field] = (a, null);
            }
        }
        return changes;
    }
}
