using System.Collections.Concurrent;
using Habeas.Host;
using Habeas.Platform.Accounts;
using Habeas.Platform.Audit;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Publishing.Public;
using Habeas.Records.Duplicates;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

[assembly: AssemblyFixture(typeof(Habeas.Tests.Infrastructure.HostPool))]

namespace Habeas.Tests.Infrastructure;

/// <summary>
/// Warm hosts of the default kind (<see cref="TestApp.StartAsync"/> without demonstration data or settings), one
/// test at a time each, reused across tests: a host is started and its database migrated once, and between two tests
/// everything a test could leave behind is put back as it was after the start (<see cref="ResetAsync"/>). A host with
/// demonstration data or settings of its own is never pooled. HABEAS_TEST_HOST_POOL=0 gives every test its own host.
/// docs/testing.md says what is reset and when a test must have its own host.
/// </summary>
public sealed class HostPool : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<TestApp>> Idle = new();
    private static readonly ConcurrentBag<TestApp> All = [];

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("HABEAS_TEST_HOST_POOL") != "0";

    /// <summary>The settings of a pooled host. The per-client request limit is high: the limiter cannot be emptied
    /// between tests, and the tests of the limit have hosts of their own.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        [Habeas.Platform.Security.RateLimits.PermitsKey] = "1000000",
    };

    /// <summary>An idle warm host on this database, or null when every one is in use.</summary>
    public static TestApp? Take(string provider) => Idle.TryGetValue(provider, out var idle) && idle.TryTake(out var app) ? app : null;

    /// <summary>After the host's first start, before any test used it: remembers what a reset puts back.</summary>
    public static async Task AdoptAsync(TestApp app, string provider)
    {
        // The background signing of audit heads would look at the log at a moment of some later test's choosing
        // (a minute after the start); the tests of heads call it themselves.
        foreach (var heads in app.Services.GetServices<IHostedService>().OfType<AuditHeads>())
        {
            await heads.StopAsync(CancellationToken.None);
        }
        var entries = Directory
            .GetFileSystemEntries(app.Database.DataDirectory, "*", SearchOption.AllDirectories)
            .ToHashSet(StringComparer.Ordinal);
        var pristine = new Pristine(
            entries,
            await FingerprintAsync(app, entries),
            provider == TestDatabase.Sqlite ? Path.Combine(Path.GetTempPath(), "habeas-tests", $"pristine-{Guid.NewGuid():N}.db") : null,
            provider == TestDatabase.Postgres ? await SchemaAsync(app.Database.ConnectionString!) : null,
            [.. app.Logs.Lines]
        );
        if (pristine.SqliteCopy is { } copy)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            await CopySqliteAsync(app.Database.Storage.SqlitePath, copy);
        }
        app.Pooled = pristine;
        All.Add(app);
    }

    /// <summary>Puts the host back as it was after its start and makes it available; false when it could not be.</summary>
    public static async Task<bool> TryReturnAsync(TestApp app, string provider)
    {
        try
        {
            if (!await ResetAsync(app))
            {
                return false;
            }
        }
#pragma warning disable CA1031 // A host that cannot be reset is disposed; the next test starts a new one.
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"A pooled {provider} test host could not be reset and is disposed: {e}");
            return false;
        }
#pragma warning restore CA1031
        Idle.GetOrAdd(provider, _ => []).Add(app);
        return true;
    }

    /// <summary>
    /// The database emptied back to its migrated and seeded state (PostgreSQL: TRUNCATE … RESTART IDENTITY of every
    /// table but the migration history and the data-protection keys, then the start's seeding; SQLite: the copy taken
    /// after the start, written back with SQLite's backup), the files the test left in the data folder deleted, and the
    /// server's memory of the old records forgotten: the name index and duplicate pairs, sign-in failures, the public
    /// choices, the vocabularies; the captured log lines are the start's again. False, and nothing reset, when the test
    /// changed the PostgreSQL schema (a trigger disabled, a function added), its migration history or data-protection keys,
    /// or removed or changed a file of the start (rotated the key ring): that host is not used again.
    /// </summary>
    private static async Task<bool> ResetAsync(TestApp app)
    {
        var pristine = app.Pooled ?? throw new InvalidOperationException("Not a pooled host.");
        if (!pristine.Files.All(Path.Exists) || await FingerprintAsync(app, pristine.Files) != pristine.Keys)
        {
            // The test removed or changed a file the start made (rotated the key ring, say): not put back here.
            return false;
        }
        // Hosts a test derived with other settings (WithWebHostBuilder) run on the same database: stopped first.
        foreach (var derived in app.Factories)
        {
            await derived.DisposeAsync();
        }
        if (pristine.SqliteCopy is { } copy)
        {
            await CopySqliteAsync(copy, app.Database.Storage.SqlitePath);
        }
        else
        {
            if (await SchemaAsync(app.Database.ConnectionString!) != pristine.Schema)
            {
                return false;
            }
            await TruncateAsync(app.Database.ConnectionString!);
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            await Vocabularies.SeedAsync(db);
            await Habeas.Records.Deadlines.ShippedLimits.SeedAsync(db);
            await StartupTasks.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        }
        // Files only: a folder the server made may be one it expects to find again. The SQLite files are the database's.
        var sqlite = app.Database.Storage.SqlitePath;
        foreach (
            var file in Directory
                .GetFiles(app.Database.DataDirectory, "*", SearchOption.AllDirectories)
                .Where(f => !pristine.Files.Contains(f) && !f.StartsWith(sqlite, StringComparison.Ordinal))
        )
        {
            File.Delete(file);
        }
        await app.Services.GetRequiredService<DuplicateFinder>().ForgetAsync();
        app.Services.GetRequiredService<SignInThrottle>().Forget();
        app.Services.GetRequiredService<PublicChoices>().Forget();
        app.Services.GetRequiredService<Vocabularies>().Invalidate();
        app.Logs.ResetTo(pristine.StartLog);
        return true;
    }

    /// <summary>These files of the data folder but the SQLite database's, in one line: names and contents (the key ring).</summary>
    private static async Task<string> FingerprintAsync(TestApp app, IEnumerable<string> entries)
    {
        var sqlite = app.Database.Storage.SqlitePath;
        var parts = new List<string>();
        foreach (var file in entries.Order(StringComparer.Ordinal))
        {
            if (File.Exists(file) && !file.StartsWith(sqlite, StringComparison.Ordinal))
            {
                parts.Add(
                    file + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)))
                );
            }
        }
        return string.Join(",", parts);
    }

    /// <summary>The PostgreSQL schema in one line: relations, columns, triggers with whether they are enabled, functions,
    /// and the rows of the two tables a reset keeps: how many data-protection keys, which migrations.</summary>
    private static async Task<string> SchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT md5(coalesce(string_agg(x, ',' ORDER BY x), '')) FROM (
              SELECT 'r:' || c.relname || ':' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public'
              UNION ALL SELECT 'a:' || c.relname || '.' || a.attname || ':' || a.atttypid::text FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
              UNION ALL SELECT 't:' || t.tgname || ':' || t.tgenabled::text FROM pg_trigger t
                JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND NOT t.tgisinternal
              UNION ALL SELECT 'f:' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public'
              UNION ALL SELECT 'k:' || count(*) FROM data_protection_keys
              UNION ALL SELECT 'm:' || id FROM schema_migrations
            ) s(x)
            """,
            connection
        );
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>SQLite's online backup, page by page under the database's locks, so the server's own connections stay
    /// valid; tried again while a background job of the server holds the database for a moment.</summary>
    private static async Task CopySqliteAsync(string from, string to)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var source = new SqliteConnection($"Data Source={from};Pooling=False");
                await using var target = new SqliteConnection($"Data Source={to};Pooling=False");
                await source.OpenAsync();
                await target.OpenAsync();
                source.BackupDatabase(target);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 200)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task TruncateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var list = new NpgsqlCommand(
            """
            SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') FROM pg_tables
            WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'data_protection_keys')
            """,
            connection
        );
        var tables = (string)(await list.ExecuteScalarAsync())!;
        await using var truncate = new NpgsqlCommand($"TRUNCATE {tables} RESTART IDENTITY CASCADE", connection);
        await truncate.ExecuteNonQueryAsync();
    }

    /// <summary>At the end of the run: the pooled hosts stopped and their databases dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        while (All.TryTake(out var app))
        {
            var copy = app.Pooled?.SqliteCopy;
            app.Pooled = null;
            await app.DisposeAsync();
            if (copy is not null)
            {
                File.Delete(copy);
            }
        }
    }

    /// <summary>What a reset puts back or checks: the data folder's entries after the start, the SQLite database's
    /// copy, the PostgreSQL schema (<see cref="SchemaAsync"/>), what the start logged.</summary>
    public sealed record Pristine(HashSet<string> Files, string Keys, string? SqliteCopy, string? Schema, IReadOnlyList<string> StartLog);
}
