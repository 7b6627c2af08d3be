using Habeas.Records.Custody;
using System.Data.Common;
using Habeas.Platform.Audit;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Search;
using Habeas.Platform.Shared;
using Habeas.Records.Sources;
using Habeas.Platform.Storage;
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
/// instead of through the change tracker: the same rows <see cref="HabeasDb.SaveChangesAsync(bool, CancellationToken)"/>
/// writes for them — version 1 and its timestamps, the level rule, a "created" history version, a search entry, an
/// audit entry numbered after the last one, custody periods — computed by the same functions (HabeasDb.StampCreated,
/// CheckLevel, SnapshotText, NewVersion, StoredPeriods; SearchIndexing.NewEntry; AuditLog.Entries). Columns and their
/// conversions are read from the EF Core model, so a column added to an entity is written here too.
/// Changes to records already stored stay with the change tracker (the importer saves them after this).
/// ImportSamenessTests checks the two paths write the same rows.
/// </summary>
internal sealed class BulkWriter(HabeasDb db) : IAsyncDisposable
{
    /// <summary>Statements sent to PostgreSQL in one round trip.</summary>
    private const int BatchSize = 1000;

    // Parents before what refers to them.
    private static readonly Type[] WriteOrder = [typeof(Place), typeof(Source), typeof(Person), typeof(Event), typeof(Citation), typeof(ExternalId)];

    // Asked once: the provider's name is looked up by reflection on every call (a tenth of the write time per row).
    private readonly bool _npgsql = db.Database.IsNpgsql();
    private readonly List<object> _added = [];
    private readonly List<(DateOnly From, DateOnly? To)> _detained = [];
    private readonly List<(DateOnly From, DateOnly? To)> _detainedPublic = [];
    private readonly Dictionary<Type, Insert> _inserts = [];
    /// <summary>The search words of texts met before (emptied when it grows past <see cref="KnownTexts"/>).</summary>
    private readonly Dictionary<string, IReadOnlyList<string>> _words = new(StringComparer.Ordinal);
    private const int KnownTexts = 50_000;
    private DbBatch? _batch;

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
        var now = db.Time.GetUtcNow();
        var records = _added.OfType<IVersioned>().ToList();
        foreach (var record in records)
        {
            if (record is Habeas.Platform.Access.IHasLevel leveled)
            {
                db.CheckLevel(leveled, null);
            }
        }
        foreach (var record in records)
        {
            HabeasDb.StampCreated(record, db.Model.FindEntityType(record.GetType())!, now);
        }

        foreach (var type in WriteOrder)
        {
            foreach (var entity in _added.Where(e => e.GetType() == type))
            {
                await InsertWithPartsAsync(entity, cancellationToken);
            }
        }

        var audited = new List<AuditLog.Change>(records.Count);
        foreach (var record in records)
        {
            var data = HabeasDb.SnapshotText(record);
            await InsertAsync(db.NewVersion(record, "created", now, data), cancellationToken);
            if (SearchIndexing.TextOf(record) is { } texts)
            {
                if (_words.Count > KnownTexts)
                {
                    _words.Clear();
                }
                await InsertAsync(SearchIndexing.NewEntry(record, texts, _words), cancellationToken);
            }
            audited.Add(new AuditLog.Change("created", record.RecordType, record.Id, null, data));
        }
        await FlushAsync(cancellationToken);
        foreach (var entry in AuditLog.Entries(audited, await AuditLog.TreeBeforeNextAsync(db, cancellationToken), now, db.Actor))
        {
            await InsertAsync(entry, cancellationToken);
        }

        // The people of new events, in the order HabeasDb.SaveChangesAsync meets them.
        var newPeople = _added.OfType<Person>().ToDictionary(p => p.Id);
        var events = _added.OfType<Event>().SelectMany(e => e.People.Select(p => (p.PersonId, Event: e))).ToLookup(x => x.PersonId, x => x.Event);
        var stored = new List<Guid>();
        var detained = new List<(DateOnly From, DateOnly? To)>();
        var detainedPublic = new List<(DateOnly From, DateOnly? To)>();
        foreach (var personId in events.Select(g => g.Key))
        {
            if (!newPeople.TryGetValue(personId, out var person))
            {
                stored.Add(personId);
                continue;
            }
            var published = person.Level == Habeas.Platform.Access.RecordLevels.Public && person.MergedIntoId is null;
            var (shared, publicCopy) = HabeasDb.StoredPeriods(personId, events[personId], published);
            foreach (var period in shared)
            {
                await InsertAsync(period, cancellationToken);
            }
            foreach (var period in publicCopy)
            {
                await InsertAsync(period, cancellationToken);
            }
            detained.AddRange(shared.Where(p => p.DeprivedOfLiberty).Select(p => (p.FromDay, p.ToDay)));
            detainedPublic.AddRange(publicCopy.Where(p => p.DeprivedOfLiberty).Select(p => (p.FromDay, p.ToDay)));
        }
        await FlushAsync(cancellationToken);
        // Written once for the whole file by FinishAsync: a chunk touches nearly as many days as the whole file does.
        _detained.AddRange(detained);
        _detainedPublic.AddRange(detainedPublic);
        _added.Clear();
        return stored;
    }

    /// <summary>After the last chunk, in the same transaction: the per-day starts and ends kept beside the custody
    /// periods (custody_day_changes, as ReplacePeriodsAsync keeps them for one person) for every new person of the file.
    /// The counts are increments, so they add up with those the save path wrote for stored people meanwhile.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await CustodyDayChanges.ApplyAsync(db, CustodyDayChanges.Shared, [], _detained, cancellationToken);
        await CustodyDayChanges.ApplyAsync(db, CustodyDayChanges.Published, [], _detainedPublic, cancellationToken);
        _detained.Clear();
        _detainedPublic.Clear();
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
        public object Value(object entity) => Get(entity) switch
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
                throw new InvalidOperationException($"{type.Name}.{property.Name} has no property to read; the bulk writer cannot write it.");
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
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", columns.Select(c => sql.GenerateParameterNamePlaceholder(c.Parameter.ParameterName)))})";
#pragma warning restore CA2100
        insert = new Insert(command, columns, entityType.GetNavigations().Where(n => n.IsCollection && !n.IsOnDependent).ToList(),
            _npgsql ? null : new SqliteInsert((SqliteConnection)db.Database.GetDbConnection(), command.CommandText, columns.Select(c => ((SqliteParameter)c.Parameter).SqliteType).ToList()));
        _inserts[type] = insert;
        return insert;
    }
}
