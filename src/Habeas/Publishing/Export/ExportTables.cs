using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Habeas.Core.Dates;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Habeas.Publishing.Export;

/// <summary>One table of an export: the database table's name, its columns (the table's own) and its rows.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, List<JsonObject> Rows);

/// <summary>
/// Reads tables for an export and writes them back on import, column for column, from the data model itself
/// (so a field added to a record is exported and taken back without a change here). A reader's export holds the
/// documentation records it may see; the administrator's full export holds every table but the ones named in
/// <see cref="NeverExported"/>.
/// </summary>
public static class ExportTables
{
    /// <summary>What a reader's export holds, in the order it is written (CSV files, JSON files, FollowTheMoney).</summary>
    public static readonly IReadOnlyList<Type> RecordTypes =
    [
        typeof(Place),
        typeof(Organisation),
        typeof(Person),
        typeof(PersonName),
        typeof(PersonTag),
        typeof(Affiliation),
        typeof(Designation),
        typeof(LegalProvision),
        typeof(Case),
        typeof(CaseParticipant),
        typeof(Charge),
        typeof(Intervention),
        typeof(Event),
        typeof(EventPerson),
        typeof(EventActor),
        typeof(Source),
        typeof(Citation),
    ];

    /// <summary>
    /// Never in an export: accounts, their tokens and the grants and teams that name them (the new installation has its own
    /// accounts); this installation's audit log and record history, and the versions of access lists and confidential values (the import
    /// starts them anew); data derived from the
    /// records and rebuilt on import (custody periods, shared and published, and their day changes; search entries); supporters' one-time
    /// links and
    /// mail in flight; this installation's answers to idempotent API writes and its scheduled jobs' state.
    /// Confidential values travel apart, re-encrypted (<see cref="Exporter"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> NeverExported = new HashSet<string>(StringComparer.Ordinal)
    {
        "audit_entries",
        "audit_heads",
        "record_versions",
        "custody_periods",
        "deadlines",
        "search_entries",
        "search_words",
        "api_tokens",
        "record_grants",
        "teams",
        "team_members",
        "supporter_tokens",
        "outbox",
        "confidential_values",
        "schema_migrations",
        "published_custody_periods",
        "custody_day_changes",
        "idempotency_records",
        "scheduled_jobs",
        "part_versions",
    };

    public const string ConfidentialTable = "confidential_values";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The entity types of an export, in writing order.</summary>
    public static IReadOnlyList<IEntityType> EntityTypes(HabeasDb db, bool full)
    {
        var records = RecordTypes.Select(t => db.Model.FindEntityType(t)!).ToList();
        if (!full)
        {
            return records;
        }
        var rest = db
            .Model.GetEntityTypes()
            .Where(e => !records.Contains(e) && !NeverExported.Contains(e.GetTableName()!) && !IsAccountTable(e))
            .OrderBy(e => e.GetTableName(), StringComparer.Ordinal);
        return [.. records, .. rest];
    }

    private static bool IsAccountTable(IEntityType entity) =>
        IsAccount(entity) || entity.GetForeignKeys().Any(f => IsAccount(f.PrincipalEntityType));

    private static bool IsAccount(IEntityType entity) =>
        entity.ClrType.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true
        || entity.ClrType == typeof(Habeas.Platform.Accounts.HabeasUser);

    public static IReadOnlyList<IProperty> Columns(IEntityType entity) => entity.GetProperties().Where(p => !p.IsShadowProperty()).ToList();

    /// <summary>
    /// The rows of each table. In a full export every row (no filter); otherwise only what <paramref name="db"/>'s viewer may
    /// see: the query filters hide restricted records, and <see cref="KeepVisible"/> takes out the parts that point at them.
    /// </summary>
    public static async Task<List<ExportTable>> ReadAsync(HabeasDb db, bool full, CancellationToken cancellationToken)
    {
        var tables = new List<ExportTable>();
        var load = typeof(ExportTables).GetMethod(nameof(LoadAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var entity in EntityTypes(db, full))
        {
            var columns = Columns(entity);
            var task = (Task<List<object>>)load.MakeGenericMethod(entity.ClrType).Invoke(null, [db, full, cancellationToken])!;
            var rows = (await task).Select(r => ToRow(columns, r)).ToList();
            var key = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).ToList();
            rows = rows.OrderBy(r => string.Join('|', key.Select(k => r[k]?.ToJsonString())), StringComparer.Ordinal).ToList();
            tables.Add(new ExportTable(entity.GetTableName()!, columns.Select(c => c.GetColumnName()).ToList(), rows));
        }
        if (!full)
        {
            KeepVisible(tables);
        }
        return tables;
    }

    private static async Task<List<object>> LoadAsync<T>(HabeasDb db, bool full, CancellationToken cancellationToken)
        where T : class
    {
        var query = db.Set<T>().AsNoTracking();
        return [.. await (full ? query.IgnoreQueryFilters() : query).ToListAsync(cancellationToken)];
    }

    private static JsonObject ToRow(IReadOnlyList<IProperty> columns, object record)
    {
        var row = new JsonObject();
        foreach (var column in columns)
        {
            var value = column.PropertyInfo is { } property ? property.GetValue(record) : column.FieldInfo!.GetValue(record);
            row[column.GetColumnName()] = ToJson(value);
        }
        return row;
    }

    /// <summary>A record made from an exported row (for import): every column set, the record's id and version included.</summary>
    public static object FromRow(IEntityType entity, JsonObject row)
    {
        var record = Activator.CreateInstance(entity.ClrType)!;
        foreach (var column in Columns(entity))
        {
            if (!row.TryGetPropertyValue(column.GetColumnName(), out var node))
            {
                throw new ExportFormatException($"A row of {entity.GetTableName()} has no column {column.GetColumnName()}.");
            }
            object? value;
            try
            {
                value = FromJson(node, column.ClrType);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                throw new ExportFormatException(
                    $"{entity.GetTableName()}.{column.GetColumnName()} holds a value that is not a {column.ClrType.Name}: {e.Message}"
                );
            }
            if (column.PropertyInfo?.SetMethod is not null)
            {
                column.PropertyInfo.SetValue(record, value);
            }
            else
            {
                column.FieldInfo!.SetValue(record, value);
            }
        }
        return record;
    }

    public static JsonNode? ToJson(object? value) =>
        value switch
        {
            null => null,
            string text => JsonValue.Create(text),
            Guid id => JsonValue.Create(id.ToString("D")),
            FuzzyDate date => JsonValue.Create(date.ToString()),
            LocalizedText text => new JsonObject(
                text.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))
            ),
            DateTimeOffset at => JsonValue.Create(
                at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            ),
            DateOnly day => JsonValue.Create(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => JsonSerializer.SerializeToNode(value, value.GetType(), Json),
        };

    public static object? FromJson(JsonNode? node, Type type)
    {
        if (node is null)
        {
            return null;
        }
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(FuzzyDate))
        {
            return FuzzyDate.Parse(node.GetValue<string>());
        }
        if (plain == typeof(LocalizedText))
        {
            return new LocalizedText(node.Deserialize<Dictionary<string, string>>(Json) ?? []);
        }
        if (plain == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }
        if (plain == typeof(DateOnly))
        {
            return DateOnly.ParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return node.Deserialize(plain, Json);
    }

    public static Guid? IdOf(JsonObject row, string column) =>
        row[column] is JsonValue value && Guid.TryParse(value.GetValue<string>(), out var id) ? id : null;

    /// <summary>
    /// A reader's export: parts and links that point at a record the reader may not see are left out (a case participant,
    /// an event's person, a citation of a restricted record) or their pointer emptied (the person of a charge, the case of
    /// an event), so that neither a restricted record's content nor its existence in a visible record's context leaves.
    /// </summary>
    private static void KeepVisible(List<ExportTable> tables)
    {
        HashSet<Guid> Ids(string table) => tables.Single(t => t.Name == table).Rows.Select(r => IdOf(r, "id")!.Value).ToHashSet();
        var people = Ids("people");
        var cases = Ids("cases");
        var events = Ids("events");
        var sources = Ids("sources");
        bool Seen(HashSet<Guid> visible, JsonObject row, string column) => IdOf(row, column) is { } id && visible.Contains(id);
        bool NoneOrSeen(HashSet<Guid> visible, JsonObject row, string column) => IdOf(row, column) is not { } id || visible.Contains(id);
        void Empty(JsonObject row, string column, HashSet<Guid> visible)
        {
            if (!NoneOrSeen(visible, row, column))
            {
                row[column] = null;
            }
        }

        foreach (var table in tables)
        {
            Func<JsonObject, bool>? keep = table.Name switch
            {
                "person_names" or "person_tags" or "affiliations" or "designations" => r => Seen(people, r, "person_id"),
                "case_participants" => r => Seen(people, r, "person_id") && Seen(cases, r, "case_id"),
                "charges" => r => Seen(cases, r, "case_id"),
                "interventions" => r => NoneOrSeen(people, r, "person_id") && NoneOrSeen(cases, r, "case_id"),
                "event_people" => r => Seen(people, r, "person_id") && Seen(events, r, "event_id"),
                "event_actors" => r => Seen(events, r, "event_id"),
                _ => null,
            };
            if (keep is not null)
            {
                table.Rows.RemoveAll(r => !keep(r));
            }
            foreach (var row in table.Rows)
            {
                switch (table.Name)
                {
                    case "charges":
                    case "event_actors":
                        Empty(row, "person_id", people);
                        break;
                    case "events":
                        Empty(row, "case_id", cases);
                        break;
                }
            }
        }
        var charges = Ids("charges");
        var designations = Ids("designations");
        tables
            .Single(t => t.Name == "citations")
            .Rows.RemoveAll(r =>
                !Seen(sources, r, "source_id")
                || !(
                    r["target_type"]?.GetValue<string>() switch
                    {
                        "person" => Seen(people, r, "target_id"),
                        "case" => Seen(cases, r, "target_id"),
                        "event" => Seen(events, r, "target_id"),
                        "charge" => Seen(charges, r, "target_id"),
                        "designation" => Seen(designations, r, "target_id"),
                        _ => false,
                    }
                )
            );
    }
}

/// <summary>An export directory that is not what an export writes: told to the operator, nothing written.</summary>
public sealed class ExportFormatException(string message) : Exception(message);
