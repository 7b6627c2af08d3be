using System.Text.Json;
using System.Text.Json.Nodes;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Habeas.Platform.Audit;

/// <summary>
/// Finds records whose live row differs from their latest saved version: an edit made in the database behind the
/// application's back (`UPDATE people SET occupation = …`), which writes neither a version nor an audit entry. Each
/// record is loaded with its parts and snapshot as <see cref="RecordSaving.SnapshotText"/> does when it saves, then
/// compared with the data of its latest version. Records are read in batches, a few queries each.
/// </summary>
public static class RecordDrift
{
    public sealed record Drift(string RecordType, Guid RecordId, int Version, string Reason);

    private const int Batch = 500;

    /// <summary>The records that drifted (at most <paramref name="maxReported"/>), and how many records were compared.</summary>
    public static async Task<(List<Drift> Drifts, long Checked)> FindAsync(
        HabeasDb db,
        int maxReported,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        var drifts = new List<Drift>();
        long compared = 0;
        var types = db
            .Model.GetEntityTypes()
            .Where(t => t.BaseType is null && typeof(IVersioned).IsAssignableFrom(t.ClrType))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        var method = typeof(RecordDrift).GetMethod(
            nameof(FindInAsync),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static
        )!;
        foreach (var type in types)
        {
            if (drifts.Count >= maxReported)
            {
                break;
            }
            var task = (Task<long>)method.MakeGenericMethod(type.ClrType).Invoke(null, [db, type, drifts, maxReported, cancellationToken])!;
            compared += await task;
        }
        return (drifts, compared);
    }

    private static async Task<long> FindInAsync<T>(
        HabeasDb db,
        IEntityType type,
        List<Drift> drifts,
        int maxReported,
        CancellationToken cancellationToken
    )
        where T : class, IVersioned
    {
        var ids = await db.Set<T>().IgnoreQueryFilters().Select(r => EF.Property<Guid>(r, "Id")).ToListAsync(cancellationToken);
        long compared = 0;
        var recordType = "";
        foreach (var chunk in ids.Chunk(Batch))
        {
            IQueryable<T> query = db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(r => chunk.Contains(EF.Property<Guid>(r, "Id")));
            foreach (var parts in type.GetNavigations().Where(n => n.IsCollection))
            {
                query = query.Include(parts.Name);
            }
            var records = await query.AsSplitQuery().ToListAsync(cancellationToken);
            if (records.Count == 0)
            {
                continue;
            }
            recordType = records[0].RecordType;
            var latest = await db
                .RecordVersions.AsNoTracking()
                .Where(v =>
                    v.RecordType == recordType
                    && chunk.Contains(v.RecordId)
                    && v.Version == db.RecordVersions.Where(w => w.RecordType == recordType && w.RecordId == v.RecordId).Max(w => w.Version)
                )
                .Select(v => new
                {
                    v.RecordId,
                    v.Version,
                    v.Change,
                    v.Data,
                })
                .ToDictionaryAsync(v => v.RecordId, cancellationToken);
            foreach (var record in records)
            {
                compared++;
                var reason =
                    !latest.TryGetValue(record.Id, out var version) ? "it has no saved version"
                    : version.Change == "deleted" ? $"its latest version ({version.Version}) says it was deleted"
                    : version.Version != record.Version
                        ? $"its version number is {record.Version} but its latest saved version is {version.Version}"
                    : Same(RecordSaving.SnapshotText(record), version.Data) ? null
                    : $"it differs from its latest saved version ({version.Version})";
                if (reason is not null)
                {
                    drifts.Add(new Drift(record.RecordType, record.Id, record.Version, reason));
                    if (drifts.Count >= maxReported)
                    {
                        return compared;
                    }
                }
            }
            db.ChangeTracker.Clear();
        }
        return compared;
    }

    /// <summary>The same text, or the same JSON once the elements of every list are put in one order (parts whose order
    /// is not kept, like a person's affiliations, may load in another order than they were saved in).</summary>
    private static bool Same(string live, string saved)
    {
        if (string.Equals(live, saved, StringComparison.Ordinal))
        {
            return true;
        }
        try
        {
            return string.Equals(Canonical(JsonNode.Parse(live)), Canonical(JsonNode.Parse(saved)), StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Canonical(JsonNode? node) =>
        node switch
        {
            null => "null",
            JsonObject o => "{"
                + string.Join(
                    ",",
                    o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))
                )
                + "}",
            JsonArray a => "[" + string.Join(",", a.Select(Canonical).Order(StringComparer.Ordinal)) + "]",
            _ => node.ToJsonString(),
        };
}
