using System.Reflection;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Access;

/// <summary>
/// Finds rows of any entity type of the model by id, through the type's query filters, so the platform reads the
/// records of the features (a person, a case, a charge …) without naming them: the type comes from
/// <see cref="Visibility.Versioned"/> or the model, never from a reference to a feature.
/// </summary>
public static class RecordLookup
{
    private static readonly MethodInfo FindMethod = Method(nameof(FindOfAsync));
    private static readonly MethodInfo IdsMethod = Method(nameof(IdsOfAsync));

    /// <summary>The row of this type and id if the viewer may see it (the context's filters apply), else null.</summary>
    public static Task<object?> FindAsync(HabeasDb db, Type type, Guid id, CancellationToken cancellationToken) =>
        (Task<object?>)FindMethod.MakeGenericMethod(type).Invoke(null, [db, id, cancellationToken])!;

    /// <summary>Which of these ids are rows of this type the viewer may see; <paramref name="ignoring"/> names query
    /// filters set aside (the merged-people filter, when a merged person's id must still count as visible).</summary>
    public static Task<List<Guid>> VisibleIdsAsync(
        HabeasDb db,
        Type type,
        IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken,
        params string[] ignoring
    ) => (Task<List<Guid>>)IdsMethod.MakeGenericMethod(type).Invoke(null, [db, ids, ignoring, cancellationToken])!;

    /// <summary>The entity types of the model whose records carry a level (person, case, event, source).</summary>
    public static IEnumerable<Type> LeveledTypes(HabeasDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => typeof(IHasLevel).IsAssignableFrom(t)).Distinct();
    }

    private static async Task<object?> FindOfAsync<T>(HabeasDb db, Guid id, CancellationToken cancellationToken)
        where T : class => await db.Set<T>().FirstOrDefaultAsync(r => EF.Property<Guid>(r, "Id") == id, cancellationToken);

    private static Task<List<Guid>> IdsOfAsync<T>(
        HabeasDb db,
        IReadOnlyCollection<Guid> ids,
        string[] ignoring,
        CancellationToken cancellationToken
    )
        where T : class
    {
        var set = ignoring.Length == 0 ? db.Set<T>() : db.Set<T>().IgnoreQueryFilters(ignoring);
        return set.Where(r => ids.Contains(EF.Property<Guid>(r, "Id")))
            .Select(r => EF.Property<Guid>(r, "Id"))
            .ToListAsync(cancellationToken);
    }

    private static MethodInfo Method(string name) => typeof(RecordLookup).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;
}
