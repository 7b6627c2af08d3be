using System.Linq.Expressions;
using Habeas.Platform.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Storage;

/// <summary>
/// How one entity type is stored, declared beside the entity in its feature folder: columns, keys and relations
/// (<see cref="Configure"/>), who may see its rows (<see cref="Visibility"/>, gathered by Access/Visibility.cs) and the
/// query filters that apply that rule in the database (<see cref="Filters"/>). <see cref="HabeasDb"/> applies every
/// mapping of the assembly; table, column, key and index names are made snake case by a convention of storage.
/// </summary>
public abstract class EntityMapping<T> : IEntityTypeConfiguration<T>, IEntityMapping
    where T : class
{
    public abstract VisibilityRule Visibility { get; }

    public abstract void Configure(EntityTypeBuilder<T> builder);

    /// <summary>
    /// Query filters that read the viewer or other records: written over the context that runs the query (the lambda's
    /// first parameter), they are bound to the context being built, the form EF Core parameterises at each query.
    /// </summary>
    protected virtual IEnumerable<QueryFilter<T>> Filters => [];

    /// <summary>
    /// For a type that can be retracted (<see cref="Shared.IRetractable"/>): its path segment, who may retract it and
    /// the pages of one record (Platform/Retraction/Retractions.cs); null for every other type.
    /// </summary>
    public virtual RetractionRule? Retraction => null;

    IEnumerable<(Type Type, VisibilityRule Rule)> IDeclaresVisibility.VisibilityRules => [(typeof(T), Visibility)];

    (Type Type, RetractionRule Rule)? IEntityMapping.RetractionRule => Retraction is { } rule ? (typeof(T), rule) : null;

    void IEntityMapping.Apply(ModelBuilder builder, HabeasDb db)
    {
        var entity = builder.Entity<T>();
        Configure(entity);
        if (typeof(Shared.IRetractable).IsAssignableFrom(typeof(T)))
        {
            // A retracted row leaves every query at once: lists, search, pickers, statistics, the public site, the feed.
            entity.Property<string?>(nameof(Shared.IRetractable.RetractedBy)).HasMaxLength(256);
            entity.Property<string?>(nameof(Shared.IRetractable.RetractionReason)).HasMaxLength(500);
            var row = Expression.Parameter(typeof(T), "r");
            entity.HasQueryFilter(
                HabeasDb.RetractedFilter,
                Expression.Lambda<Func<T, bool>>(
                    Expression.Equal(
                        Expression.Property(row, nameof(Shared.IRetractable.RetractedAt)),
                        Expression.Constant(null, typeof(DateTimeOffset?))
                    ),
                    row
                )
            );
        }
        // Every filter is named (EF Core keeps named filters apart, and refuses an unnamed one beside a named one).
        var unnamed = 0;
        foreach (var filter in Filters)
        {
            entity.HasQueryFilter(filter.Name ?? $"{HabeasDb.VisibilityFilter}{unnamed++}", filter.BoundTo(db));
        }
    }
}

/// <summary>A query filter over the context that runs the query (<c>db</c>) and a row; named when queries set it aside by name.</summary>
public sealed record QueryFilter<T>(string? Name, Expression<Func<HabeasDb, T, bool>> Filter)
{
    /// <summary>The filter with <c>db</c> replaced by the context itself, as a lambda written inside the context would have it.</summary>
    internal Expression<Func<T, bool>> BoundTo(HabeasDb db) =>
        Expression.Lambda<Func<T, bool>>(
            new Rebind(Filter.Parameters[0], Expression.Constant(db, typeof(HabeasDb))).Visit(Filter.Body),
            Filter.Parameters[1]
        );

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>The filters shared by several record types.</summary>
public static class QueryFilters
{
    /// <summary>
    /// Deny by default at the storage layer: a person, case, event or source the viewer may not see is absent from every
    /// query (docs/permissions.md).
    /// </summary>
    public static QueryFilter<T> ByLevel<T>()
        where T : class, IHasLevel =>
        new(HabeasDb.LevelFilter, (db, r) =>
            r.Level == RecordLevels.Public
            || (
                db.ViewerSignedIn
                && (
                    r.Level == RecordLevels.Internal
                    || db.ViewerSeesAllRestricted
                    || db.RecordGrants.Any(g =>
                        g.RecordId == r.Id
                        && (g.UserId == db.ViewerUserId || db.TeamMembers.Any(m => m.TeamId == g.TeamId && m.UserId == db.ViewerUserId))
                    )
                )
            )
        );

    /// <summary>The column of a record's level.</summary>
    public static void HasLevel<T>(this EntityTypeBuilder<T> builder)
        where T : class, IHasLevel => builder.Property(r => r.Level).HasMaxLength(16);
}

/// <summary>What <see cref="HabeasDb"/> applies when it builds its model.</summary>
internal interface IEntityMapping : IDeclaresVisibility
{
    void Apply(ModelBuilder builder, HabeasDb db);

    (Type Type, RetractionRule Rule)? RetractionRule { get; }
}

/// <summary>
/// How a kind of record is retracted: its segment in <c>/api/v1/{segment}/{id}/retract</c> and <c>/retract/{segment}/{id}</c>,
/// the policy of who may retract it (whoever may edit it), and the pages that show one record, as paths with
/// <c>{id}</c>, which answer 410 once it is retracted (Platform/Retraction/RetractedRecords.cs).
/// </summary>
public sealed record RetractionRule(string Segment, string Policy, params string[] Pages)
{
    /// <summary>For a kind whose editors depend on the record (a file follows its owner), the policy of one record; the
    /// endpoint's <see cref="Policy"/> is then the gate that lets any of them in.</summary>
    public Func<Shared.IRetractable, string>? PolicyOf { get; init; }

    /// <summary>Who may retract this record.</summary>
    public string PolicyFor(Shared.IRetractable record) => PolicyOf?.Invoke(record) ?? Policy;
}

internal static class EntityMappings
{
    /// <summary>One of each <see cref="EntityMapping{T}"/> of the assembly, in a fixed order.</summary>
    public static readonly IReadOnlyList<IEntityMapping> All = typeof(IEntityMapping)
        .Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IEntityMapping).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IEntityMapping)Activator.CreateInstance(t)!)
        .ToList();

    /// <summary>Every mapping, its filters bound to <paramref name="db"/>.</summary>
    public static void ApplyAll(ModelBuilder builder, HabeasDb db)
    {
        foreach (var mapping in All)
        {
            mapping.Apply(builder, db);
        }
    }
}
