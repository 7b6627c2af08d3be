using Habeas.Platform.Storage;
using Npgsql;

namespace Habeas.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary data folder, or a new database on the
/// PostgreSQL server named by HABEAS_TEST_POSTGRES. When that server is not available the test is
/// skipped with the reason, except under CI=true, where it fails.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(string provider, string dataDirectory, string? connectionString, string? admin, string? name)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _adminConnectionString = admin;
        _databaseName = name;
    }

    public string Provider { get; }
    public string DataDirectory { get; }

    /// <summary>The PostgreSQL connection string; null for SQLite.</summary>
    public string? ConnectionString { get; }

    public StorageOptions Storage => new(DataDirectory, ConnectionString);

    /// <summary>The command-line options that point a verb at this database.</summary>
    public string[] CliArguments =>
        ConnectionString is null ? ["--data", DataDirectory] : ["--data", DataDirectory, "--database", ConnectionString];

    /// <summary>A new database; <paramref name="dataDirectory"/> puts its data folder somewhere of the test's choosing.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider, string? dataDirectory = null)
    {
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "habeas-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        if (provider == Sqlite)
        {
            return new TestDatabase(provider, data, null, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("HABEAS_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Unavailable(
                "HABEAS_TEST_POSTGRES is not set (a connection string to a PostgreSQL server that may create databases; .ci/run starts one)."
            );
        }
        return await CreateOnPostgresAsync(admin, data);
    }

    /// <summary>A new database on the PostgreSQL server that <paramref name="admin"/> reaches (a test's own <see cref="PostgresCluster"/>,
    /// say).</summary>
    public static async Task<TestDatabase> CreateOnPostgresAsync(string admin, string? dataDirectory = null)
    {
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "habeas-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var name = "habeas_test_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            Unavailable($"PostgreSQL at HABEAS_TEST_POSTGRES is not reachable: {e.Message}");
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(Postgres, data, builder.ConnectionString, admin, name);
    }

    /// <summary>Skips the test with the reason, or fails it under CI=true, where every test must run.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Unavailable(string reason, string what = "PostgreSQL")
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{what} tests must run in CI. " + reason);
        }
        Assert.Skip($"{what} not available: " + reason);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnectionString is not null && _databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing host; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>One test case per database: [Theory, ClassData(typeof(AllDatabases))].</summary>
public sealed class AllDatabases : TheoryData<string>
{
    public AllDatabases()
    {
        Add(TestDatabase.Sqlite);
        Add(TestDatabase.Postgres);
    }
}

/// <summary>
/// The SQLite case only: [Theory, ClassData(typeof(SqliteOnly))], for a test whose code does not branch by provider and
/// whose result does not depend on how a provider translates a query (forms, pages, the browser, accounts, campaign
/// steps). The code that does branch has its own tests on both databases (docs/testing.md says which).
/// </summary>
public sealed class SqliteOnly : TheoryData<string>
{
    public SqliteOnly()
    {
        Add(TestDatabase.Sqlite);
    }
}
