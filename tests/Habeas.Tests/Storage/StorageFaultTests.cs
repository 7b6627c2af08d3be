using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Storage;

/// <summary>
/// A full disk, a read-only data folder, a database that goes away and comes back. The user gets
/// a 503 that names the fault (problem+json from the API; the form again, with what was typed, from a page), no
/// write is half-done, and the running server takes writes again as soon as the fault clears. The data folder is
/// a small disk of the test's own (SQLite keeps its database there); PostgreSQL is a server of the test's own,
/// stopped at once and started again.
/// </summary>
public sealed class StorageFaultTests
{
    private static HttpRequestMessage PostPerson(string name, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people")
        {
            Content = new StringContent($$"""{"name":"{{name}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    private static async Task AssertFaultAsync(HttpResponseMessage response, string fault, TestApp app)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"{response.StatusCode}: {body}\n{string.Join('\n', app.Logs.Lines.TakeLast(20))}"
        );
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter is not null);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(fault, problem.RootElement.GetProperty("fault").GetString());
        Assert.Contains(
            "Nothing of this request was saved",
            problem.RootElement.GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    /// <summary>Nothing half-done: only the acknowledged people, each with its idempotency record and audit entry; the log
    /// verifies.</summary>
    private static async Task AssertWholeAsync(TestApp app, int people)
    {
        await using var db = app.OpenDb();
        Assert.Equal(people, await db.People.CountAsync());
        Assert.Equal(people, await db.AuditEntries.CountAsync(e => e.RecordType == "person"));
        Assert.Null(await Habeas.Platform.Audit.AuditLog.VerifyAsync(db, CancellationToken.None));
        if (app.Database.Provider == TestDatabase.Sqlite)
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await command.ExecuteScalarAsync());
        }
    }

    /// <summary>
    /// SQLite: the data folder, with the database in it, on the small disk. PostgreSQL: the database server's own files
    /// on it (a server of the test's own), the data folder elsewhere.
    /// </summary>
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AFullDisk_Is503NamingIt_WritesNothing_KeepsTheForm_AndWritesAgainOnceFreed(string provider)
    {
        var postgres = provider == TestDatabase.Postgres;
        // initdb's files and the test's database take about 60 MB.
        await using var disk = await SmallDisk.MountAsync(postgres ? 128 : 24);
        if (postgres && OperatingSystem.IsLinux())
        {
            // The server runs as the postgres user: it must reach its folder on the disk.
            File.SetUnixFileMode(
                disk.Path,
                UnixFileMode.UserRead
                    | UnixFileMode.UserWrite
                    | UnixFileMode.UserExecute
                    | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherExecute
            );
        }
        await using var cluster = postgres ? await PostgresCluster.StartNewAsync(disk.Path) : null;
        await using var app = await TestApp.StartOnAsync(
            cluster is null
                ? await TestDatabase.CreateAsync(TestDatabase.Sqlite, Path.Combine(disk.Path, "data"))
                : await TestDatabase.CreateOnPostgresAsync(cluster.AdminConnectionString)
        );
        var api = app.CreateClient();
        var user = await app.CreateUserAsync(Roles.Coordinator);
        var browser = app.CreateAnonymousClient();
        await app.SignInAsync(browser, user);

        disk.Fill();
        // SQLite reuses the space its write-ahead log already has: the disk shows as full once that is used up.
        HttpResponseMessage? refused = null;
        var acknowledged = 0;
        for (var i = 0; i < 400 && refused is null; i++)
        {
            var response = await api.SendAsync(PostPerson($"Full disk {i}", $"full-{i}"));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                acknowledged++;
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }
        Assert.NotNull(refused);
        await AssertFaultAsync(refused, "disk-full", app);
        await AssertWholeAsync(app, acknowledged);

        // The refused write's own temporary space is given back when it fails (a CI run saw the next, smaller write
        // fit): the disk is filled again before the form is tried.
        disk.Fill();
        // A page's form comes back with what was typed and the message, in the user's language.
        var page = await TestApp.PostFormAsync(
            browser,
            "/people/new",
            new()
            {
                ["Input.Names[0].Text"] = "Chan Sophal typed this",
                ["Input.Names[0].Kind"] = "primary",
                ["Input.BirthDate"] = "1971",
            }
        );
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("the disk where Habeas keeps its data is full", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Chan Sophal typed this\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"1971\"", html, StringComparison.Ordinal);
        await AssertWholeAsync(app, acknowledged);

        disk.Free();
        // No restart: the same request, with the same key, is done now (it was not kept as done before).
        using var again = await api.SendAsync(PostPerson($"Full disk {acknowledged}", $"full-{acknowledged}"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        var saved = await TestApp.PostFormAsync(
            browser,
            "/people/new",
            new() { ["Input.Names[0].Text"] = "Chan Sophal typed this", ["Input.Names[0].Kind"] = "primary" },
            "/people/new"
        );
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{saved.StatusCode}");
        await AssertWholeAsync(app, acknowledged + 2);
    }

    /// <summary>SQLite says "disk I/O error" when the write-ahead log's index cannot be made on a full disk: that is a
    /// full disk when the data folder's disk has no space left, and the database's trouble otherwise.</summary>
    [Fact]
    public async Task ASqliteIoError_IsAFullDisk_WhenTheDataFoldersDiskIsFull()
    {
        await using var disk = await SmallDisk.MountAsync(8);
        var storage = new Habeas.Platform.Storage.StorageOptions(disk.Path, null);
        var ioError = new InvalidOperationException("saving failed", new SqliteException("SQLite Error 10: 'disk I/O error'.", 10));

        Assert.Equal(
            Habeas.Platform.Storage.StorageFault.DatabaseUnavailable,
            Habeas.Platform.Storage.StorageFaults.Classify(ioError, storage)
        );
        disk.Fill();
        Assert.Equal(Habeas.Platform.Storage.StorageFault.DiskFull, Habeas.Platform.Storage.StorageFaults.Classify(ioError, storage));
        Assert.Equal(
            Habeas.Platform.Storage.StorageFault.DatabaseUnavailable,
            Habeas.Platform.Storage.StorageFaults.Classify(ioError, new Habeas.Platform.Storage.StorageOptions(disk.Path, "Host=x"))
        );
        disk.Free();
        Assert.Equal(
            Habeas.Platform.Storage.StorageFault.DatabaseUnavailable,
            Habeas.Platform.Storage.StorageFaults.Classify(ioError, storage)
        );
    }

    [Fact]
    public async Task AReadOnlyDataFolder_Is503NamingIt_AndWritesAgainOnceWritable()
    {
        await using var disk = await SmallDisk.MountAsync(24);
        await using var app = await TestApp.StartOnAsync(
            await TestDatabase.CreateAsync(TestDatabase.Sqlite, Path.Combine(disk.Path, "data"))
        );
        var api = app.CreateClient();
        using (var first = await api.SendAsync(PostPerson("Before read-only", "ro-0")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await disk.SetReadOnlyAsync(true, SqliteConnection.ClearAllPools);
        using (var refused = await api.SendAsync(PostPerson("While read-only", "ro-1")))
        {
            await AssertFaultAsync(refused, "read-only", app);
        }

        await disk.SetReadOnlyAsync(false);
        using var again = await api.SendAsync(PostPerson("While read-only", "ro-1"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        await AssertWholeAsync(app, 2);
    }

    [Fact]
    public async Task PostgresStoppedAtOnce_Is503NamingIt_AndTheRunningServerWritesAgainWhenItIsBack()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var app = await TestApp.StartOnAsync(await TestDatabase.CreateOnPostgresAsync(cluster.AdminConnectionString));
        var api = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var before = await api.SendAsync(PostPerson($"Before the stop {i}", $"pg-{i}"));
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }

        await cluster.StopImmediatelyAsync();
        try
        {
            using (var refused = await api.SendAsync(PostPerson("While away", "pg-away")))
            {
                await AssertFaultAsync(refused, "database-unavailable", app);
            }
            using (var list = await api.GetAsync("/api/v1/people"))
            {
                await AssertFaultAsync(list, "database-unavailable", app);
            }
            using (var health = await app.CreateAnonymousClient().GetAsync("/health"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            }
            // A page says it too, in the user's language.
            using (var page = await api.GetAsync("/people?lang=km"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
                Assert.Contains("មូលដ្ឋានទិន្នន័យមិនឆ្លើយតប", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        finally
        {
            await cluster.StartAsync();
        }
        // The pool's connections died with the server: the first request after it is back must not meet them.
        using var again = await api.SendAsync(PostPerson("While away", "pg-away"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(4, (await api.GetFromJsonAsync<JsonElement>("/api/v1/people")).GetProperty("total").GetInt32());
        await AssertWholeAsync(app, 4);
    }
}
