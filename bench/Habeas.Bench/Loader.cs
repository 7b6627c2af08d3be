using System.Diagnostics;
using Habeas.Core.Names;
using Habeas.Platform.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Habeas.Bench;

/// <summary>The two fresh databases of a run: a SQLite data folder under /tmp and a new PostgreSQL database.</summary>
public sealed class BenchDatabases(string dataDirectory, string? adminConnectionString, string? databaseName)
{
    public string DataDirectory { get; } = dataDirectory;
    public string? AdminConnectionString { get; } = adminConnectionString;
    public string? DatabaseName { get; } = databaseName;

    public StorageOptions Sqlite => new(DataDirectory, null);

    public StorageOptions? Postgres => PostgresConnectionString is { } c ? new StorageOptions(DataDirectory, c) : null;

    public string? PostgresConnectionString =>
        AdminConnectionString is null || DatabaseName is null
            ? null
            : new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = DatabaseName, CommandTimeout = 0 }.ConnectionString;

    public static async Task<BenchDatabases> CreateAsync(string? adminConnectionString, CancellationToken cancellationToken)
    {
        var data = Path.Combine(Path.GetTempPath(), "habeas-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var storage = new StorageOptions(data, null);
        storage.EnsureDataDirectory();
        string? name = null;
        if (adminConnectionString is not null)
        {
            name = "habeas_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync(cancellationToken);
#pragma warning disable CA2100 // The name is made here (habeas_bench_ and hex digits).
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var databases = new BenchDatabases(data, adminConnectionString, name);
        await MigrateAsync(databases.Sqlite, cancellationToken);
        if (databases.Postgres is { } postgres)
        {
            await MigrateAsync(postgres, cancellationToken);
        }
        return databases;
    }

    /// <summary>Databases an earlier run kept (its data folder and PostgreSQL database), migrated to this build.</summary>
    public static async Task<BenchDatabases> ReuseAsync(
        string dataDirectory,
        string? adminConnectionString,
        string? databaseName,
        CancellationToken cancellationToken
    )
    {
        var databases = new BenchDatabases(dataDirectory, adminConnectionString, databaseName);
        await MigrateAsync(databases.Sqlite, cancellationToken);
        if (databases.Postgres is { } postgres)
        {
            await MigrateAsync(postgres, cancellationToken);
        }
        return databases;
    }

    /// <summary>A context as the server's: every record visible (the index holds everyone; the search filters after).</summary>
    public static HabeasDb Open(StorageOptions storage)
    {
        var options = new DbContextOptionsBuilder<HabeasDb>();
        storage.Configure(options);
        return new HabeasDb(options.Options, TimeProvider.System) { Viewer = Habeas.Platform.Access.Viewer.System };
    }

    public static async Task MigrateAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        await using var db = Open(storage);
        await Migrator.MigrateAsync(db, cancellationToken);
    }

    public async Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (AdminConnectionString is not null && DatabaseName is not null)
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
#pragma warning disable CA2100 // The name is made here (habeas_bench_ and hex digits).
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean from /tmp.
        }
    }
}

/// <summary>
/// Writes people and their names straight into the tables Habeas's migrations made, as fast as each database takes
/// them: SQLite in one transaction with prepared statements, PostgreSQL by binary COPY (people and names on two
/// connections at once; the names connection runs as a replica so that the foreign key to people, which the other
/// connection has not committed yet, is not checked row by row: the rows are consistent by construction). The
/// columns are those of the EF model: ids as EF writes them (upper-case text on SQLite, uuid on PostgreSQL), dates as
/// EF's DateTimeOffsetToBinaryConverter on SQLite, the search text as NameFolding.Fold, the script as ScriptDetector.
/// </summary>
public sealed class Loader : IAsyncDisposable
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ValueConverter<DateTimeOffset, long> SqliteDates = new DateTimeOffsetToBinaryConverter();

    private readonly SqliteConnection? _sqlite;
    private readonly SqliteTransaction? _sqliteTransaction;
    private readonly SqliteCommand? _sqlitePerson;
    private readonly SqliteCommand? _sqliteName;
    private readonly NpgsqlConnection? _pgPeople;
    private readonly NpgsqlConnection? _pgNames;
    private readonly NpgsqlBinaryImporter? _pgPeopleCopy;
    private readonly NpgsqlBinaryImporter? _pgNamesCopy;
    private readonly SqliteCommand? _sqliteSearch;
    private readonly NpgsqlConnection? _pgSearch;
    private readonly NpgsqlBinaryImporter? _pgSearchCopy;

    public TimeSpan SqliteTime => _sqliteWatch.Elapsed;
    public TimeSpan PostgresTime => _pgWatch.Elapsed;
    public long Names { get; private set; }

    private readonly Stopwatch _sqliteWatch = new();
    private readonly Stopwatch _pgWatch = new();

    private Loader(
        SqliteConnection? sqlite,
        NpgsqlConnection? pgPeople,
        NpgsqlConnection? pgNames,
        NpgsqlConnection? pgSearch,
        bool searchEntries
    )
    {
        _sqlite = sqlite;
        _pgPeople = pgPeople;
        _pgNames = pgNames;
        _pgSearch = pgSearch;
        if (sqlite is not null)
        {
            _sqliteTransaction = sqlite.BeginTransaction();
            _sqlitePerson = Prepare(
                sqlite,
                _sqliteTransaction,
                "INSERT INTO people (id, version, level, biography, created_at, updated_at) VALUES ($id, 1, $level, '{}', $at, $at)",
                "$id",
                "$at",
                "$level"
            );
            _sqliteName = Prepare(
                sqlite,
                _sqliteTransaction,
                "INSERT INTO person_names (id, person_id, text, script, kind, sort_order, search_text) VALUES ($id, $person, $text, $script, $kind, $sort, $search)",
                "$id",
                "$person",
                "$text",
                "$script",
                "$kind",
                "$sort",
                "$search"
            );
            if (searchEntries)
            {
                _sqliteSearch = Prepare(
                    sqlite,
                    _sqliteTransaction,
                    "INSERT INTO search_entries (record_type, record_id, text) VALUES ('person', $id, $text)",
                    "$id",
                    "$text"
                );
            }
        }
        if (pgPeople is not null && pgNames is not null)
        {
            _pgPeopleCopy = pgPeople.BeginBinaryImport(
                "COPY people (id, version, level, biography, created_at, updated_at) FROM STDIN (FORMAT BINARY)"
            );
            _pgNamesCopy = pgNames.BeginBinaryImport(
                "COPY person_names (id, person_id, text, script, kind, sort_order, search_text) FROM STDIN (FORMAT BINARY)"
            );
            _pgSearchCopy = pgSearch?.BeginBinaryImport("COPY search_entries (record_type, record_id, text) FROM STDIN (FORMAT BINARY)");
        }
    }

    /// <summary>
    /// <paramref name="searchEntries"/>: also each person's row in search_entries (from the names, as SearchIndexing
    /// writes it), so that a server started on the data does not spend its first start writing them one batch at a time.
    /// </summary>
    public static async Task<Loader> OpenAsync(
        BenchDatabases databases,
        bool sqlite,
        bool postgres,
        CancellationToken cancellationToken,
        bool searchEntries = false
    )
    {
        SqliteConnection? lite = null;
        if (sqlite)
        {
            lite = new SqliteConnection($"Data Source={databases.Sqlite.SqlitePath};Pooling=False");
            await lite.OpenAsync(cancellationToken);
            await using var pragma = lite.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        NpgsqlConnection? people = null,
            names = null;
        if (postgres && databases.PostgresConnectionString is { } connectionString)
        {
            people = new NpgsqlConnection(connectionString);
            await people.OpenAsync(cancellationToken);
            names = new NpgsqlConnection(connectionString);
            await names.OpenAsync(cancellationToken);
            await using var replica = new NpgsqlCommand("SET session_replication_role = replica", names);
            await replica.ExecuteNonQueryAsync(cancellationToken);
        }
        NpgsqlConnection? search = null;
        if (searchEntries && people is not null)
        {
            search = new NpgsqlConnection(databases.PostgresConnectionString);
            await search.OpenAsync(cancellationToken);
        }
        return new Loader(lite, people, names, search, searchEntries);
    }

    /// <summary>Writes one person and their names; <paramref name="level"/> is the record level (internal unless said).</summary>
    public Guid Add(Person person, string level = Habeas.Platform.Access.RecordLevels.Internal)
    {
        var id = Guid.CreateVersion7();
        var at = Epoch.AddSeconds(person.Index);
        var idText = _sqlite is null ? null : id.ToString().ToUpperInvariant();
        if (_sqlitePerson is not null)
        {
            _sqliteWatch.Start();
            _sqlitePerson.Parameters[0].Value = idText;
            _sqlitePerson.Parameters[1].Value = SqliteDates.ConvertToProvider(at);
            _sqlitePerson.Parameters[2].Value = level;
            _sqlitePerson.ExecuteNonQuery();
            _sqliteWatch.Stop();
        }
        if (_pgPeopleCopy is not null)
        {
            _pgWatch.Start();
            _pgPeopleCopy.StartRow();
            _pgPeopleCopy.Write(id, NpgsqlDbType.Uuid);
            _pgPeopleCopy.Write(1, NpgsqlDbType.Integer);
            _pgPeopleCopy.Write(level, NpgsqlDbType.Varchar);
            _pgPeopleCopy.Write("{}", NpgsqlDbType.Text);
            _pgPeopleCopy.Write(at.UtcDateTime, NpgsqlDbType.TimestampTz);
            _pgPeopleCopy.Write(at.UtcDateTime, NpgsqlDbType.TimestampTz);
            _pgWatch.Stop();
        }
        for (var n = 0; n < person.Stored.Count; n++)
        {
            var name = person.Stored[n];
            var nameId = Guid.CreateVersion7();
            var script = ScriptDetector.Detect(name.Text);
            var search = NameFolding.Fold(name.Text);
            if (_sqliteName is not null)
            {
                _sqliteWatch.Start();
                _sqliteName.Parameters[0].Value = nameId.ToString().ToUpperInvariant();
                _sqliteName.Parameters[1].Value = idText;
                _sqliteName.Parameters[2].Value = name.Text;
                _sqliteName.Parameters[3].Value = script;
                _sqliteName.Parameters[4].Value = name.Kind;
                _sqliteName.Parameters[5].Value = n;
                _sqliteName.Parameters[6].Value = search;
                _sqliteName.ExecuteNonQuery();
                _sqliteWatch.Stop();
            }
            if (_pgNamesCopy is not null)
            {
                _pgWatch.Start();
                _pgNamesCopy.StartRow();
                _pgNamesCopy.Write(nameId, NpgsqlDbType.Uuid);
                _pgNamesCopy.Write(id, NpgsqlDbType.Uuid);
                _pgNamesCopy.Write(name.Text, NpgsqlDbType.Varchar);
                _pgNamesCopy.Write(script, NpgsqlDbType.Varchar);
                _pgNamesCopy.Write(name.Kind, NpgsqlDbType.Varchar);
                _pgNamesCopy.Write(n, NpgsqlDbType.Integer);
                _pgNamesCopy.Write(search, NpgsqlDbType.Varchar);
                _pgWatch.Stop();
            }
            Names++;
        }
        if (_sqliteSearch is not null || _pgSearchCopy is not null)
        {
            var text = Habeas.Records.Search.SearchWords.Stored(person.Stored.Select(n => (string?)n.Text));
            if (_sqliteSearch is not null)
            {
                _sqliteWatch.Start();
                _sqliteSearch.Parameters[0].Value = idText;
                _sqliteSearch.Parameters[1].Value = text;
                _sqliteSearch.ExecuteNonQuery();
                _sqliteWatch.Stop();
            }
            if (_pgSearchCopy is not null)
            {
                _pgWatch.Start();
                _pgSearchCopy.StartRow();
                _pgSearchCopy.Write("person", NpgsqlDbType.Varchar);
                _pgSearchCopy.Write(id, NpgsqlDbType.Uuid);
                _pgSearchCopy.Write(text, NpgsqlDbType.Text);
                _pgWatch.Stop();
            }
        }
        return id;
    }

    /// <summary>Commits everything; then PostgreSQL's statistics and visibility map, as autovacuum would leave them.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_sqliteTransaction is not null)
        {
            _sqliteWatch.Start();
            await _sqliteTransaction.CommitAsync(cancellationToken);
            await using var checkpoint = _sqlite!.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
            _sqliteWatch.Stop();
        }
        if (_pgPeopleCopy is not null && _pgNamesCopy is not null)
        {
            _pgWatch.Start();
            await _pgPeopleCopy.CompleteAsync(cancellationToken);
            await _pgPeopleCopy.DisposeAsync();
            await _pgNamesCopy.CompleteAsync(cancellationToken);
            await _pgNamesCopy.DisposeAsync();
            if (_pgSearchCopy is not null)
            {
                await _pgSearchCopy.CompleteAsync(cancellationToken);
                await _pgSearchCopy.DisposeAsync();
            }
            foreach (var table in new[] { "people", "person_names", "search_entries" })
            {
#pragma warning disable CA2100 // Constant SQL of this program.
                await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", _pgPeople) { CommandTimeout = 0 };
#pragma warning restore CA2100
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }
            _pgWatch.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _sqlitePerson?.Dispose();
        _sqliteName?.Dispose();
        _sqliteSearch?.Dispose();
        if (_sqliteTransaction is not null)
        {
            await _sqliteTransaction.DisposeAsync();
        }
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }
        if (_pgPeople is not null)
        {
            await _pgPeople.DisposeAsync();
        }
        if (_pgNames is not null)
        {
            await _pgNames.DisposeAsync();
        }
        if (_pgSearch is not null)
        {
            await _pgSearch.DisposeAsync();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Constant SQL of this program.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }
        command.Prepare();
        return command;
    }
}
