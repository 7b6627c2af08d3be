using Habeas.Host;
using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Habeas.Tests.Storage;

/// <summary>docs/security.md 1: the server starts only on a database where a committed write survives a crash.</summary>
public sealed class DurabilityTests
{
    private static HabeasDb Open(StorageOptions storage)
    {
        var options = new DbContextOptionsBuilder<HabeasDb>();
        storage.Configure(options);
        return new HabeasDb(options.Options, TimeProvider.System);
    }

    private static WebApplication Server(TestDatabase database) => HabeasApp.Build([], builder =>
        {
            builder.Configuration[StorageOptions.DataKey] = database.DataDirectory;
            if (database.ConnectionString is not null)
            {
                builder.Configuration[StorageOptions.DatabaseKey] = database.ConnectionString;
            }
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EveryConnection_IsDurable_AsTheServerChecksAtStart(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = Open(database.Storage);
        var settings = await DurabilityCheck.ReadAsync(db, CancellationToken.None);

        if (provider == TestDatabase.Sqlite)
        {
            Assert.Equal("wal", settings["journal_mode"]);
            Assert.Equal("2", settings["synchronous"]); // FULL
        }
        else
        {
            Assert.Equal("on", settings["fsync"]);
            Assert.Equal("on", settings["synchronous_commit"]);
            Assert.Equal("on", settings["full_page_writes"]);
        }
        Assert.Empty(DurabilityCheck.Problems(provider == TestDatabase.Postgres, settings));
    }

    [Fact]
    public void UnsafeSettings_AreEachNamed_WithWhatToChange()
    {
        var postgres = DurabilityCheck.Problems(
            true,
            new Dictionary<string, string>
            {
                ["fsync"] = "off",
                ["synchronous_commit"] = "off",
                ["full_page_writes"] = "on",
            }
        );
        Assert.Equal(2, postgres.Count);
        Assert.Contains(postgres, p => p.StartsWith("fsync is off", StringComparison.Ordinal));
        Assert.Contains(postgres, p => p.StartsWith("synchronous_commit is off", StringComparison.Ordinal));
        Assert.Empty(
            DurabilityCheck.Problems(
                true,
                new Dictionary<string, string>
                {
                    ["fsync"] = "on",
                    ["synchronous_commit"] = "remote_apply",
                    ["full_page_writes"] = "on",
                }
            )
        );

        var sqlite = DurabilityCheck.Problems(false, new Dictionary<string, string> { ["journal_mode"] = "delete", ["synchronous"] = "1" });
        Assert.Equal(2, sqlite.Count);
        Assert.Contains(sqlite, p => p.Contains("local disk", StringComparison.Ordinal));
        Assert.Contains(sqlite, p => p.Contains("synchronous=FULL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnAPostgreSqlDatabaseWithoutSynchronousCommit_TheServerRefusesToStart_SayingWhy()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        await using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("HABEAS_TEST_POSTGRES")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"ALTER DATABASE {name} SET synchronous_commit = off", connection);
            await command.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();

        await using var app = Server(database);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("will not start", refused.Message, StringComparison.Ordinal);
        Assert.Contains("synchronous_commit is off", refused.Message, StringComparison.Ordinal);
        await using var db = Open(database.Storage);
        await db.Database.OpenConnectionAsync();
        await using var tables = db.Database.GetDbConnection().CreateCommand();
        tables.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'people'";
        Assert.Equal(0L, Convert.ToInt64(await tables.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)); // refused before migrating
    }
}
