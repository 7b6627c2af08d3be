using System.Text.Json;
using Habeas.Platform.Audit;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Admin;

/// <summary>The audit browser's query, shared by /admin/audit and GET /api/v1/audit/entries.</summary>
public static class AuditQueries
{
    /// <summary>The filters; dates are whole UTC days and both ends are included.</summary>
    public sealed record Filter(string? Actor, string? RecordType, Guid? RecordId, string? Action, DateOnly? From, DateOnly? To);

    public sealed record FieldChange(string Field, string? Before, string? After);

    /// <summary>One entry as its hashed JSON says. <see cref="ColumnsDiffer"/> is true when the row's actor, action, record
    /// or time columns (which the filters search) say something else: the row was changed behind the application's back.</summary>
    public sealed record Entry(
        long Sequence,
        DateTimeOffset At,
        string? Actor,
        string Action,
        string RecordType,
        Guid RecordId,
        IReadOnlyList<FieldChange> Changes,
        IReadOnlyDictionary<string, string?> Details,
        bool ColumnsDiffer = false
    );

    public static IQueryable<AuditEntry> Apply(HabeasDb db, Filter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(e => e.Actor == actor);
        }
        if (!string.IsNullOrWhiteSpace(filter.RecordType))
        {
            var type = filter.RecordType.Trim();
            query = query.Where(e => e.RecordType == type);
        }
        if (filter.RecordId is { } id)
        {
            query = query.Where(e => e.RecordId == id);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(e => e.Action == action);
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < end);
        }
        return query;
    }

    /// <summary>One page of matching entries, newest first, and how many match in all.</summary>
    public static async Task<(List<Entry> Items, int Total)> PageAsync(
        HabeasDb db,
        Filter filter,
        int limit,
        int offset,
        CancellationToken cancellationToken
    )
    {
        var query = Apply(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Sequence).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return (rows.Select(Read).ToList(), total);
    }

    /// <summary>Everything shown — time, actor, action, record, changed fields (before, after) and details — read from the
    /// entry's own hashed text; a row whose columns differ from it is flagged (audit verify names it too).</summary>
    public static Entry Read(AuditEntry row)
    {
        var changes = new List<FieldChange>();
        var details = new Dictionary<string, string?>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(row.Entry);
        if (json.RootElement.TryGetProperty("changes", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
            {
                var pair =
                    field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(Text).ToList()
                        : [null, Text(field.Value)];
                changes.Add(new FieldChange(field.Name, pair.ElementAtOrDefault(0), pair.ElementAtOrDefault(1)));
            }
        }
        if (json.RootElement.TryGetProperty("details", out var more) && more.ValueKind == JsonValueKind.Object)
        {
            foreach (var detail in more.EnumerateObject())
            {
                details[detail.Name] = Text(detail.Value);
            }
        }
        var root = json.RootElement;
        var at =
            root.TryGetProperty("at", out var stamp)
            && stamp.ValueKind == JsonValueKind.String
            && stamp.TryGetDateTimeOffset(out var hashedAt)
                ? hashedAt
                : row.At;
        var actor = root.TryGetProperty("actor", out var who) ? Text(who) : null;
        var action = root.TryGetProperty("action", out var what) ? Text(what) : null;
        var recordType = root.TryGetProperty("recordType", out var type) ? Text(type) : null;
        var recordId =
            root.TryGetProperty("recordId", out var record)
            && record.ValueKind == JsonValueKind.String
            && record.TryGetGuid(out var hashedId)
                ? hashedId
                : Guid.Empty;
        return new Entry(
            row.Sequence,
            at,
            actor,
            action ?? "",
            recordType ?? "",
            recordId,
            changes,
            details,
            AuditLog.ColumnsDiffer(row, root) is not null
        );
    }

    /// <summary>
    /// A value as a reader reads it: a string as itself, and JSON (a text in several languages, a list, whether held as
    /// JSON or as a string of JSON) written again without escaping non-ASCII letters, so Khmer shows as Khmer and not as
    /// \u179F. Only what is shown changes: the stored entry, whose bytes the audit tree hashes, is read and never rewritten.
    /// </summary>
    private static string? Text(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => Unescaped(value.GetString()!),
            _ => JsonSerializer.Serialize(value, Readable),
        };

    private static string Unescaped(string text)
    {
        if (text.Length < 2 || text[0] is not ('{' or '[') || !text.Contains("\\u", StringComparison.Ordinal))
        {
            return text;
        }
        try
        {
            using var json = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(json.RootElement, Readable);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static readonly JsonSerializerOptions Readable = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
