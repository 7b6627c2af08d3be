using System.Reflection;
using System.Runtime.CompilerServices;
using Habeas.Platform.Access;
using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Retraction;

/// <summary>A kind of record that can be retracted: its type, the rule its mapping declares, its history type.</summary>
public sealed record RetractableKind(Type Type, RetractionRule Rule, string RecordType)
{
    public string Segment => Rule.Segment;

    /// <summary>Versioned kinds keep their retraction as a version ("retracted", "restored"); the others as audit entries.</summary>
    public bool Versioned => typeof(IVersioned).IsAssignableFrom(Type);
}

/// <summary>
/// Retraction and restoration of any record that can be retracted (<see cref="IRetractable"/>; docs/retraction.md). The
/// kinds come from the mappings (<see cref="EntityMapping{T}.Retraction"/>), so this platform piece names no feature.
/// A retraction is one save through the one write path: the record's row gets when, who and why; its history gets a
/// "retracted" version with the reason (an audit entry "retracted" for kinds without history); the "retracted" query
/// filter takes it out of every query, and the save's parts (custody, search) follow.
/// </summary>
public static class Retractions
{
    /// <summary>The longest reason kept (the column's length).</summary>
    public const int ReasonMax = 500;

    public static readonly IReadOnlyList<RetractableKind> Kinds = EntityMappings
        .All.Select(m => m.RetractionRule)
        .OfType<(Type Type, RetractionRule Rule)>()
        .Select(k => new RetractableKind(k.Type, k.Rule, RecordTypeOf(k.Type, k.Rule)))
        .OrderBy(k => k.Segment, StringComparer.Ordinal)
        .ToList();

    public static RetractableKind? Kind(string? segment) => Kinds.FirstOrDefault(k => k.Segment == segment);

    public static RetractableKind? KindOf(Type type) => Kinds.FirstOrDefault(k => k.Type == type);

    private static string RecordTypeOf(Type type, RetractionRule rule) =>
        typeof(IVersioned).IsAssignableFrom(type)
            ? ((IVersioned)RuntimeHelpers.GetUninitializedObject(type)).RecordType
            : rule.Segment.TrimEnd('s');

    /// <summary>
    /// The record of this kind and id if the viewer may see it, retracted or not (every query filter but the retracted
    /// one applies; a part read through its owner is checked through the owner's rule); else null.
    /// </summary>
    public static async Task<IRetractable?> FindAsync(HabeasDb db, RetractableKind kind, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(kind);
        var row = (IRetractable?)await (Task<object?>)FindMethod.MakeGenericMethod(kind.Type).Invoke(null, [db, id, cancellationToken])!;
        if (row is null || Visibility.For(kind.Type) is not { } rule)
        {
            return null;
        }
        if (rule.ReadThrough is not null)
        {
            // Not filtered on its own (a target of an action): the records it follows decide.
            var entity = db.Model.FindEntityType(kind.Type)!;
            foreach (var (followed, field) in rule.Follows)
            {
                var property = entity.FindProperty(char.ToUpperInvariant(field[0]) + field[1..]);
                if (
                    property?.PropertyInfo?.GetValue(row) is not Guid owner
                    || !await Visibility.IsVisibleAsync(db, followed, owner, cancellationToken)
                )
                {
                    return null;
                }
            }
        }
        return row;
    }

    private static readonly MethodInfo FindMethod = typeof(Retractions).GetMethod(
        nameof(FindOfAsync),
        BindingFlags.NonPublic | BindingFlags.Static
    )!;

    private static async Task<object?> FindOfAsync<T>(HabeasDb db, Guid id, CancellationToken cancellationToken)
        where T : class =>
        await db.Set<T>()
            .IgnoreQueryFilters([HabeasDb.RetractedFilter])
            .FirstOrDefaultAsync(r => EF.Property<Guid>(r, "Id") == id, cancellationToken);

    /// <summary>What is wrong with a reason: required, one paragraph or a few, at most <see cref="ReasonMax"/> characters.</summary>
    public static Validation CheckReason(string? reason)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(reason))
        {
            v.Add("reason", "retraction.error.reason");
            return v;
        }
        if (reason.Trim().Length > ReasonMax)
        {
            v.Add("reason", "retraction.error.reasonLength", ReasonMax, reason.Trim().Length);
        }
        v.MultiLine("reason", reason, "retraction.reason");
        return v;
    }

    /// <summary>Retracts a record found by <see cref="FindAsync"/> (standing, reason checked) in one save.</summary>
    public static async Task RetractAsync(
        HabeasDb db,
        RetractableKind kind,
        IRetractable record,
        string reason,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(record);
        record.RetractedAt = db.Time.GetUtcNow();
        record.RetractedBy = db.Actor;
        record.RetractionReason = reason.Trim();
        if (!kind.Versioned)
        {
            db.LogAction(
                "retracted",
                kind.RecordType,
                record.Id,
                details: new Dictionary<string, string?> { ["reason"] = record.RetractionReason }
            );
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Restores a retracted record in one save: it is back in every query; history keeps both changes.</summary>
    public static async Task RestoreAsync(HabeasDb db, RetractableKind kind, IRetractable record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(record);
        var reason = record.RetractionReason;
        record.RetractedAt = null;
        record.RetractedBy = null;
        record.RetractionReason = null;
        if (!kind.Versioned)
        {
            db.LogAction("restored", kind.RecordType, record.Id, details: new Dictionary<string, string?> { ["retractedFor"] = reason });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The retracted records the viewer may see, newest first, at most <paramref name="limit"/> of each kind.</summary>
    public static async Task<List<(RetractableKind Kind, IRetractable Record)>> ListAsync(
        HabeasDb db,
        int limit,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = new List<(RetractableKind, IRetractable)>();
        foreach (var kind in Kinds)
        {
            var rows = await (Task<List<IRetractable>>)
                ListMethod.MakeGenericMethod(kind.Type).Invoke(null, [db, limit, cancellationToken])!;
            foreach (var row in rows)
            {
                // Parts read through their owner are checked one by one (a page holds few).
                if (await FindAsync(db, kind, row.Id, cancellationToken) is not null)
                {
                    found.Add((kind, row));
                }
            }
        }
        return found.OrderByDescending(f => f.Item2.RetractedAt).ToList();
    }

    private static readonly MethodInfo ListMethod = typeof(Retractions).GetMethod(
        nameof(ListOfAsync),
        BindingFlags.NonPublic | BindingFlags.Static
    )!;

    private static async Task<List<IRetractable>> ListOfAsync<T>(HabeasDb db, int limit, CancellationToken cancellationToken)
        where T : class, IRetractable =>
        (
            await db.Set<T>()
                .IgnoreQueryFilters([HabeasDb.RetractedFilter])
                .AsNoTracking()
                .Where(r => r.RetractedAt != null)
                .OrderByDescending(r => r.RetractedAt)
                .Take(limit)
                .ToListAsync(cancellationToken)
        )
            .Cast<IRetractable>()
            .ToList();
}
