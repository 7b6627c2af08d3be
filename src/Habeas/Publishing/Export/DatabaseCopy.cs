using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Habeas.Publishing.Export;

/// <summary>One table copied: its rows and the SHA-256 of its content, the same on both sides.</summary>
public sealed record TableCopy(string Table, int Rows, string Checksum);

/// <summary>The copy was refused or did not verify; nothing was written to the target.</summary>
public sealed class DatabaseCopyException(string message) : Exception(message);

/// <summary>
/// <c>migrate-to</c>: copies every table of one database into another, empty one (SQLite to PostgreSQL or back), row for
/// row and column for column from the data model — accounts, history and the audit log included, so the log verifies
/// on the target. The rows are written in one transaction on the target and read back inside it: counts and a content
/// checksum per table must match the source and the audit log must verify, or the transaction is rolled back and
/// nothing is left on the target. Date-times are compared to the microsecond, the precision PostgreSQL keeps.
/// </summary>
public static class DatabaseCopy
{
    public static async Task<IReadOnlyList<TableCopy>> CopyAsync(
        HabeasDb source,
        HabeasDb target,
        StorageOptions targetStorage,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(targetStorage);
        source.Viewer = Habeas.Platform.Access.Viewer.System;
        target.Viewer = Habeas.Platform.Access.Viewer.System;
        await Migrator.MigrateAsync(source, cancellationToken);
        await Habeas.Publishing.Export.DirectoryImport.EnsureDatabaseAsync(target, targetStorage, cancellationToken);
        await Migrator.MigrateAsync(target, cancellationToken);
        var tables = Tables(target.Model);
        var held = new List<string>();
        foreach (var entity in tables)
        {
            var rows = await CountAsync(target, entity, cancellationToken);
            if (rows > 0)
            {
                held.Add($"{entity.GetTableName()} ({rows} rows)");
            }
        }
        if (held.Count > 0)
        {
            throw new DatabaseCopyException(
                $"The target ({targetStorage.Describe()}) is not empty: it holds {string.Join(", ", held)}. "
                    + "migrate-to copies into an empty database only: create a new one and do not start Habeas on it before. Nothing was copied."
            );
        }

        var copied = new List<TableCopy>();
        await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
        target.CopyingAsIs = true;
        try
        {
            foreach (var entity in tables)
            {
                var sourceEntity = source.Model.FindEntityType(entity.Name)
                    ?? throw new DatabaseCopyException($"The source has no table for {entity.Name}.");
                var rows = await ReadAsync(source, sourceEntity, cancellationToken);
                foreach (var row in rows)
                {
                    Add(target, entity, row);
                }
                await target.SaveChangesAsync(cancellationToken);
                target.ChangeTracker.Clear();
                copied.Add(new TableCopy(entity.GetTableName()!, rows.Count, Checksum(rows)));
            }
            if (target.Database.IsNpgsql())
            {
                await ResetIdentitiesAsync(target, tables, cancellationToken);
            }

            // Read back inside the transaction: what would be committed is what the source holds.
            foreach (var (entity, expected) in tables.Zip(copied))
            {
                var rows = await ReadAsync(target, entity, cancellationToken);
                var actual = new TableCopy(expected.Table, rows.Count, Checksum(rows));
                if (actual != expected)
                {
                    throw new DatabaseCopyException(
                        $"The copy of {expected.Table} does not match the source ({expected.Rows} rows, checksum {expected.Checksum[..16]}…; "
                            + $"the target read back {actual.Rows} rows, checksum {actual.Checksum[..16]}…). Nothing was copied."
                    );
                }
            }
            if (await Habeas.Platform.Audit.AuditLog.VerifyAsync(target, cancellationToken) is { } failure)
            {
                throw new DatabaseCopyException(
                    $"The audit log does not verify on the target at entry {failure.Sequence}: {failure.Reason}. Nothing was copied."
                );
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            target.CopyingAsIs = false;
        }
        return copied;
    }

    /// <summary>The checksum of one table's content as read from <paramref name="db"/> (the same for a source and its copy).</summary>
    public static async Task<TableCopy> ReadTableAsync(HabeasDb db, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = Tables(db.Model).FirstOrDefault(e => e.GetTableName() == table)
            ?? throw new ArgumentException($"No table {table}.", nameof(table));
        var rows = await ReadAsync(db, entity, cancellationToken);
        return new TableCopy(table, rows.Count, Checksum(rows));
    }

    /// <summary>Every table of the model, each after the tables it points to (a table pointing to itself is ordered by EF within its
    /// save).</summary>
    public static IReadOnlyList<IEntityType> Tables(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var all = model
            .GetEntityTypes()
            .Where(e => e.BaseType is null && e.GetTableName() is not null && !e.IsOwned())
            .OrderBy(e => e.GetTableName(), StringComparer.Ordinal)
            .ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < all.Count)
        {
            var ready = all.Where(e =>
                    !placed.Contains(e)
                    && e.GetDerivedTypesInclusive()
                        .SelectMany(d => d.GetForeignKeys())
                        .All(f => f.PrincipalEntityType.GetRootType() == e || placed.Contains(f.PrincipalEntityType.GetRootType()))
                )
                .ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException(
                    "The tables point at each other in a circle: " + string.Join(", ", all.Except(placed).Select(e => e.GetTableName()))
                );
            }
            ordered.AddRange(ready);
            placed.UnionWith(ready);
        }
        return ordered;
    }

    private sealed record Row(IEntityType Type, Dictionary<string, object?> Values);

    private static async Task<int> CountAsync(HabeasDb db, IEntityType entity, CancellationToken cancellationToken)
    {
        var count = typeof(DatabaseCopy).GetMethod(
            nameof(CountOfAsync),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static
        )!;
        return await (Task<int>)count.MakeGenericMethod(entity.ClrType).Invoke(null, [db, cancellationToken])!;
    }

    private static Task<int> CountOfAsync<T>(HabeasDb db, CancellationToken cancellationToken)
        where T : class => db.Set<T>().IgnoreQueryFilters().CountAsync(cancellationToken);

    /// <summary>Every row with every column (shadow ones too), read through a tracking query and then let go.</summary>
    private static async Task<List<Row>> ReadAsync(HabeasDb db, IEntityType entity, CancellationToken cancellationToken)
    {
        var load = typeof(DatabaseCopy).GetMethod(
            nameof(LoadAsync),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static
        )!;
        var records = await (Task<List<object>>)load.MakeGenericMethod(entity.ClrType).Invoke(null, [db, cancellationToken])!;
        var rows = records
            .Select(record =>
            {
                var entry = db.Entry(record);
                return new Row(
                    entry.Metadata,
                    entry
                        .Metadata.GetProperties()
                        .ToDictionary(p => p.Name, p => entry.Property(p.Name).CurrentValue, StringComparer.Ordinal)
                );
            })
            .ToList();
        db.ChangeTracker.Clear();
        return rows;
    }

    private static async Task<List<object>> LoadAsync<T>(HabeasDb db, CancellationToken cancellationToken)
        where T : class => [.. await db.Set<T>().IgnoreQueryFilters().AsTracking().ToListAsync(cancellationToken)];

    private static void Add(HabeasDb target, IEntityType root, Row row)
    {
        var entity = target.Model.FindEntityType(row.Type.Name) ?? root;
        var record = NewRecord(entity.ClrType);
        var properties = entity.GetProperties().ToList();
        foreach (var property in properties.Where(p => !p.IsShadowProperty()))
        {
            var value = row.Values[property.Name];
            if (property.PropertyInfo is { } info && info.SetMethod is not null)
            {
                info.SetValue(record, value);
            }
            else
            {
                (property.FieldInfo ?? throw new InvalidOperationException($"{entity.Name}.{property.Name} cannot be set.")).SetValue(
                    record,
                    value
                );
            }
        }
        var entry = target.Add(record);
        foreach (var property in properties.Where(p => p.IsShadowProperty()))
        {
            entry.Property(property.Name).CurrentValue = row.Values[property.Name];
        }
    }

    private static object NewRecord(Type type)
    {
        var constructor = type.GetConstructor(
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic,
            Type.EmptyTypes
        );
        return constructor is not null ? constructor.Invoke(null) : RuntimeHelpers.GetUninitializedObject(type);
    }

    /// <summary>PostgreSQL identity columns were given their values: their sequences continue after the highest.</summary>
    private static async Task ResetIdentitiesAsync(HabeasDb db, IReadOnlyList<IEntityType> tables, CancellationToken cancellationToken)
    {
        foreach (var entity in tables)
        {
            var key = entity.FindPrimaryKey()!.Properties;
            if (
                key.Count != 1
                || key[0].ValueGenerated != ValueGenerated.OnAdd
                || (key[0].ClrType != typeof(int) && key[0].ClrType != typeof(long))
            )
            {
                continue;
            }
            var table = entity.GetTableName()!;
            var column = key[0].GetColumnName();
#pragma warning disable EF1002, CA2100 // Table and column names come from the data model, not from input.
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)",
                cancellationToken
            );
#pragma warning restore EF1002, CA2100
        }
    }

    /// <summary>SHA-256 over the table's rows, each written as sorted column names and values, the rows sorted.</summary>
    private static string Checksum(IEnumerable<Row> rows)
    {
        var lines = rows.Select(r =>
                new JsonObject(
                    r.Values.OrderBy(v => v.Key, StringComparer.Ordinal)
                        .Select(v => KeyValuePair.Create(v.Key, Habeas.Publishing.Export.ExportTables.ToJson(Comparable(v.Value))))
                ).ToJsonString()
            )
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A value as both databases keep it: PostgreSQL keeps times to the microsecond, and SQLite keeps a
    /// DateTimeOffset to 100 microseconds (EF Core's DateTimeOffsetToBinaryConverter stores ticks / 1000), so times
    /// with an offset are compared at 100 microseconds, other times at one.</summary>
    private static object? Comparable(object? value) =>
        value switch
        {
            DateTimeOffset at => new DateTimeOffset(at.UtcTicks - at.UtcTicks % 1000, TimeSpan.Zero),
            DateTime at => (at.Ticks - at.Ticks % 10).ToString(CultureInfo.InvariantCulture),
            _ => value,
        };
}
