using System.Net;
using Habeas.Host.Demo;
using Habeas.Platform.Storage;
using Habeas.Publishing.Export;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Operations;

/// <summary>
/// migrate-to copies a whole installation (the demonstration data, records made through the API, a confidential value,
/// accounts, history, the audit log) into an empty database of the other kind; every table matches and the copy serves.
/// </summary>
public sealed partial class MigrateToTests
{
    [Fact]
    public Task SqliteToPostgres_CopiesEveryTable_AndTheCopyServesTheSameRecords() =>
        CopyAndCompareAsync(TestDatabase.Sqlite, TestDatabase.Postgres);

    [Fact]
    public Task PostgresToSqlite_CopiesEveryTable_AndTheCopyServesTheSameRecords() =>
        CopyAndCompareAsync(TestDatabase.Postgres, TestDatabase.Sqlite);

    [Fact]
    public async Task ANonEmptyTarget_IsRefused_NamingWhatItHolds_AndNothingIsWritten()
    {
        await using var source = await TestApp.StartAsync(TestDatabase.Sqlite, demo: true);
        await using var target = await TestApp.StartAsync(TestDatabase.Postgres);
        await TestApp.CreatePersonAsync(target.CreateClient(), "Already here");
        int people,
            audit;
        await using (var db = target.OpenDb())
        {
            (people, audit) = (await db.People.IgnoreQueryFilters().CountAsync(), await db.AuditEntries.CountAsync());
        }

        var exit = await Habeas.Host.Verbs.RunAsync([
            "migrate-to",
            "--data",
            source.Database.DataDirectory,
            "--to-database",
            target.Database.ConnectionString!,
        ]);

        Assert.Equal(1, exit);
        await using var check = target.OpenDb();
        Assert.Equal(people, await check.People.IgnoreQueryFilters().CountAsync());
        Assert.Equal(audit, await check.AuditEntries.CountAsync());
        await using var sourceDb = source.OpenDb();
        await using var targetDb = target.OpenDb();
        var refusal = await Assert.ThrowsAsync<DatabaseCopyException>(() =>
            DatabaseCopy.CopyAsync(sourceDb, targetDb, target.Database.Storage, CancellationToken.None)
        );
        Assert.Contains("not empty", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("people (1 rows)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATarget_TheVerbSaysWhatToGive()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        Assert.Equal(2, await Habeas.Host.Verbs.RunAsync(["migrate-to", "--data", database.DataDirectory]));
    }

    private static async Task CopyAndCompareAsync(string from, string to)
    {
        await using var source = await TestApp.StartAsync(from, demo: true);
        var client = source.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Moved Person");
        var personJson = Microseconds(await client.GetStringAsync($"/api/v1/people/{DemoData.SokYoeunId}"));
        var movedJson = Microseconds(await client.GetStringAsync($"/api/v1/people/{person}"));

        await using var target = await TestDatabase.CreateAsync(to);
        // A SQLite target gets its own data folder: the verb copies the keys (and stored files) there.
        var exit = await Habeas.Host.Verbs.RunAsync([
            "migrate-to",
            .. source.Database.CliArguments,
            .. to == TestDatabase.Postgres
                ? new[] { "--to-database", target.ConnectionString!, "--to-data", target.DataDirectory }
                : ["--to-data", target.DataDirectory],
        ]);
        Assert.Equal(0, exit);

        await using (var sourceDb = source.OpenDb())
        await using (var targetDb = SchemaTestsOpen(target))
        {
            foreach (var table in DatabaseCopy.Tables(targetDb.Model).Select(e => e.GetTableName()!))
            {
                Assert.Equal(
                    await DatabaseCopy.ReadTableAsync(sourceDb, table, CancellationToken.None),
                    await DatabaseCopy.ReadTableAsync(targetDb, table, CancellationToken.None)
                );
            }
            Assert.True(await sourceDb.AuditEntries.CountAsync() > 10);
            Assert.Null(await Habeas.Platform.Audit.AuditLog.VerifyAsync(targetDb, CancellationToken.None));
        }

        // The copy boots with the copied keys (its sign-in keys open) and serves the same answers.
        await using var copy = await TestApp.StartOnAsync(target);
        var copyClient = copy.CreateClient();
        Assert.Equal(personJson, Microseconds(await copyClient.GetStringAsync($"/api/v1/people/{DemoData.SokYoeunId}")));
        Assert.Equal(movedJson, Microseconds(await copyClient.GetStringAsync($"/api/v1/people/{person}")));
        // New records continue the sequences (PostgreSQL identity columns were set after the highest copied id).
        Assert.Equal(
            HttpStatusCode.OK,
            (await copyClient.GetAsync($"/api/v1/people/{await TestApp.CreatePersonAsync(copyClient, "After the move")}")).StatusCode
        );
        await using var after = copy.OpenDb();
        Assert.Null(await Habeas.Platform.Audit.AuditLog.VerifyAsync(after, CancellationToken.None));
    }

    /// <summary>Times to the microsecond, the precision PostgreSQL keeps (SQLite keeps 100 ns).</summary>
    private static string Microseconds(string json) => SubMicroseconds().Replace(json, "$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"(\.\d{6})\d")]
    private static partial System.Text.RegularExpressions.Regex SubMicroseconds();

    private static HabeasDb SchemaTestsOpen(TestDatabase database) => Storage.SchemaTests.Open(database);
}
