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

    IEnumerable<(Type Type, VisibilityRule Rule)> IDeclaresVisibility.VisibilityRules => [(typeof(T), Visibility)];

    void IEntityMapping.Apply(ModelBuilder builder, HabeasDb db)
    {
        var entity = builder.Entity<T>();
        Configure(entity);
        foreach (var filter in Filters)
        {
            var bound = filter.BoundTo(db);
            if (filter.Name is null)
            {
                entity.HasQueryFilter(bound);
            }
            else
            {
                entity.HasQueryFilter(filter.Name, bound);
            }
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
