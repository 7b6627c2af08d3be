using System.Data.Common;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Custody;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Habeas.Publishing.Import;

/// <summary>
/// Writes the records an import creates (new people with their names and tags, new events with their people, places,
/// sources, citations, external ids) with reused ADO.NET commands on the context's own connection and transaction,
/// instead of through the change tracker. What is written beside them is the one write path's
/// (<see cref="RecordSaving"/>: the level rule, version 1 and its times, a "created" history version, search entries,
/// audit entries numbered after the last one, custody periods), its rows handed to these inserts
/// (<see cref="BulkRows"/>). Columns and their conversions are read from the EF Core model, so a column added to an
/// entity is written here too. Changes to records already stored stay with the change tracker (the importer saves them
/// after this).
/// </summary>
internal sealed class BulkWriter(HabeasDb db) : IAsyncDisposable
{
    /// <summary>Statements sent to PostgreSQL in one round trip.</summary>
    private const int BatchSize = 1000;

    // Parents before what refers to them.
    private static readonly Type[] WriteOrder =
    [
        typeof(Place),
        typeof(Source),
        typeof(Person),
        typeof(Event),
        typeof(Citation),
        typeof(ExternalId),
    ];

    private readonly RecordSaving _saving = new(db);

    // Asked once: the provider's name is looked up by reflection on every call (a tenth of the write time per row).
    private readonly bool _npgsql = db.Database.IsNpgsql();
    private BulkRows? _bulkRows;
    private readonly List<object> _added = [];
    private readonly Dictionary<Type, Insert> _inserts = [];
    private DbBatch? _batch;

    /// <summary>Kept for the whole file: the write path's parts keep state from one chunk to the next in it.</summary>
    private BulkRows Rows => _bulkRows ??= new BulkRows(this);

    public int Count => _added.Count;

    /// <summary>A new record, written (with its parts) by the next <see cref="WriteAsync"/>, in the order added.</summary>
    public void Add(object entity)
    {
        if (!WriteOrder.Contains(entity.GetType()))
        {
            throw new InvalidOperationException($"The bulk writer does not write {entity.GetType().Name} records.");
        }
        _added.Add(entity);
    }

    /// <summary>Forgets what was added and not written (a chunk with a problem, or a failed write).</summary>
    public void Clear()
    {
        _added.Clear();
        _batch?.Dispose();
        _batch = null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Sqlite?.Dispose();
            await insert.Command.DisposeAsync();
        }
        if (_batch is not null)
        {
            await _batch.DisposeAsync();
        }
    }

    /// <summary>Writes what was added, in the open transaction, and forgets it. Returns the people already stored
    /// that new events name: their custody periods are rebuilt from the database by the caller.</summary>
    public async Task<List<Guid>> WriteAsync(CancellationToken cancellationToken)
    {
        if (_added.Count == 0)
        {
            return [];
        }
        var save = _saving.PrepareNew(_added.OfType<IVersioned>().ToList());
        foreach (var type in WriteOrder)
        {
            foreach (var entity in _added.Where(e => e.GetType() == type))
            {
                await InsertWithPartsAsync(entity, cancellationToken);
            }
        }
        await _saving.WriteDerivedAsync(save, Rows, cancellationToken: cancellationToken);
        await FlushAsync(cancellationToken);
        _added.Clear();
        return CustodySaving.TakeStored(Rows);
    }

    /// <summary>After the last chunk, in the same transaction: what the write path keeps for the end of a bulk write (the
    /// per-day counts of the new people's custody periods).</summary>
    public Task FinishAsync(CancellationToken cancellationToken) => CustodySaving.FinishBulkAsync(db, Rows, cancellationToken);

    /// <summary>The write path's rows, written by this writer's inserts.</summary>
    private sealed class BulkRows(BulkWriter writer) : SaveRows
    {
        public override bool AllNew => true;

        public override async ValueTask AddAsync(object row, CancellationToken cancellationToken) =>
            await writer.InsertAsync(row, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);
    }

    /// <summary>The record, then the rows of its collections (a person's names and tags, an event's people and actors).</summary>
    private async Task InsertWithPartsAsync(object entity, CancellationToken cancellationToken)
    {
        var insert = await InsertAsync(entity, cancellationToken);
        foreach (var navigation in insert.Collections)
        {
            if (navigation.GetCollectionAccessor()!.GetOrCreate(entity, forMaterialization: false) is System.Collections.IEnumerable parts)
            {
                foreach (var part in parts)
                {
                    await InsertWithPartsAsync(part, cancellationToken);
                }
            }
        }
    }

    private async Task<Insert> InsertAsync(object entity, CancellationToken cancellationToken)
    {
        var insert = For(entity.GetType());
        if (_npgsql)
        {
            _batch ??= db.Database.GetDbConnection().CreateBatch();
            _batch.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            var command = _batch.CreateBatchCommand();
            command.CommandText = insert.Command.CommandText;
            foreach (var column in insert.Columns)
            {
                var parameter = (DbParameter)((ICloneable)column.Parameter).Clone();
                parameter.Value = column.Value(entity);
                command.Parameters.Add(parameter);
            }
            _batch.BatchCommands.Add(command);
            if (_batch.BatchCommands.Count >= BatchSize)
            {
                await FlushAsync(cancellationToken);
            }
        }
        else
        {
            if (db.Database.CurrentTransaction is null)
            {
                throw new InvalidOperationException("The bulk writer writes inside the import's transaction.");
            }
            for (var i = 0; i < insert.Columns.Count; i++)
            {
                insert.Values[i] = insert.Columns[i].Value(entity);
            }
            insert.Sqlite!.Execute(insert.Values);
        }
        return insert;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch is { BatchCommands.Count: > 0 })
        {
            await _batch.ExecuteNonQueryAsync(cancellationToken);
            await _batch.DisposeAsync();
            _batch = null;
        }
    }

    private sealed record Column(Func<object, object?> Get, ValueConverter? Converter, DbParameter Parameter)
    {
        public object Value(object entity) =>
            Get(entity) switch
            {
                null => DBNull.Value,
                { } value when Converter is null => value,
                { } value => Converter.ConvertToProvider(value) ?? DBNull.Value,
            };
    }

    private sealed record Insert(DbCommand Command, List<Column> Columns, List<INavigation> Collections, SqliteInsert? Sqlite)
    {
        /// <summary>The row being written (SQLite), reused.</summary>
        public object?[] Values { get; } = new object?[Columns.Count];
    }

    /// <summary>One INSERT per entity type: every mapped column but a store-generated key, each parameter typed as EF
    /// Core types it, each value converted by the model's converter.</summary>
    private Insert For(Type type)
    {
        if (_inserts.TryGetValue(type, out var insert))
        {
            return insert;
        }
        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var command = db.Database.GetDbConnection().CreateCommand();
        var columns = new List<Column>();
        var names = new List<string>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey())
            {
                continue;
            }
            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException(
                    $"{type.Name}.{property.Name} has no property to read; the bulk writer cannot write it."
                );
            }
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            var parameter = mapping.CreateParameter(command, "p" + columns.Count, null, property.IsNullable);
            command.Parameters.Add(parameter);
            var getter = property.GetGetter();
            columns.Add(new Column(getter.GetClrValueUsingContainingEntity, mapping.Converter, parameter));
            names.Add(sql.DelimitIdentifier(property.GetColumnName(table)!));
        }
        // Names from the EF Core model and parameter placeholders only: no value ever enters the text.
#pragma warning disable CA2100
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", columns.Select(c => sql.GenerateParameterNamePlaceholder(c.Parameter.ParameterName)))})";
#pragma warning restore CA2100
        insert = new Insert(
            command,
            columns,
            entityType.GetNavigations().Where(n => n.IsCollection && !n.IsOnDependent).ToList(),
            _npgsql
                ? null
                : new SqliteInsert(
                    (SqliteConnection)db.Database.GetDbConnection(),
                    command.CommandText,
                    columns.Select(c => ((SqliteParameter)c.Parameter).SqliteType).ToList()
                )
        );
        _inserts[type] = insert;
        return insert;
    }
}
