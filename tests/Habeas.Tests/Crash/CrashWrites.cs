using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Habeas.Host;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Crash;

/// <summary>
/// API writes sent to a server that may die under them: each creates a person named by a client-chosen marker and
/// carries an Idempotency-Key of its own. What each write got back is kept: a 2xx answer (acknowledged: the
/// server promised it is stored) or none, or an error (unknown: it may or may not have been stored).
/// </summary>
public sealed class CrashWrites
{
    public sealed record Write(string Key)
    {
        /// <summary>The person's name: one of its own, unlike every other (so the duplicate search finds none), from the key.</summary>
        public string Marker { get; } =
            "Q" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..14];
    }

    private readonly ConcurrentDictionary<string, Guid> _acknowledged = new();
    private readonly ConcurrentDictionary<string, Write> _unknown = new();
    private readonly ConcurrentBag<HttpStatusCode> _errors = [];
    private readonly string _token;
    private readonly string _prefix;

    public CrashWrites(string token, int seed)
    {
        _token = token;
        _prefix = $"Crash{seed:x8}";
    }

    /// <summary>Key → the id of the person its acknowledged answer named.</summary>
    public IReadOnlyDictionary<string, Guid> Acknowledged => _acknowledged;

    /// <summary>Writes sent that got no 2xx answer.</summary>
    public IReadOnlyCollection<Write> Unknown => _unknown.Values.ToList();

    /// <summary>The error statuses answered (a write the server refused), in any order.</summary>
    public IReadOnlyCollection<HttpStatusCode> Errors => _errors;
    public int Sent { get; private set; }

    public HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", _token);
        return client;
    }

    /// <summary>
    /// <paramref name="writers"/> concurrent loops of writes to the server at <paramref name="address"/>, each write
    /// with a new key, until <paramref name="stop"/> is cancelled, or the server is gone (no answer), or
    /// <paramref name="perWriter"/> writes each. <paramref name="stopOnError"/> false: a writer goes on after an
    /// error answer or no answer (the database is away, the server is not).
    /// </summary>
    public async Task RunAsync(Uri address, string round, int writers, int perWriter, CancellationToken stop, bool stopOnError = true)
    {
        using var client = Client(address);
        // A first write alone, so a cold server's slow first answers are not taken for a crash.
        Assert.True(
            await SendAsync(client, new Write($"{_prefix}-{round}-first")),
            $"the first write of round {round} failed: {string.Join(", ", Errors)}"
        );
        await Task.WhenAll(
            Enumerable
                .Range(0, writers)
                .Select(w =>
                    Task.Run(
                        async () =>
                        {
                            for (var n = 0; n < perWriter && !stop.IsCancellationRequested; n++)
                            {
                                var write = new Write($"{_prefix}-{round}-{w}-{n}");
                                var gotAnswer = await SendAsync(client, write);
                                if (!gotAnswer && stopOnError)
                                {
                                    return;
                                }
                                if (!gotAnswer)
                                {
                                    await Task.Delay(50, CancellationToken.None);
                                }
                            }
                        },
                        CancellationToken.None
                    )
                )
        );
    }

    /// <summary>Sends one write; true when it was acknowledged.</summary>
    public async Task<bool> SendAsync(HttpClient client, Write write)
    {
        lock (_acknowledged)
        {
            Sent++;
        }
        _unknown[write.Key] = write;
        try
        {
            using var response = await client.SendAsync(Request(write));
            if (response.IsSuccessStatusCode)
            {
                var created = await response.Content.ReadFromJsonAsync<TestApp.Created>();
                _acknowledged[write.Key] = created!.Id;
                _unknown.TryRemove(write.Key, out _);
                return true;
            }
            _errors.Add(response.StatusCode);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public static HttpRequestMessage Request(Write write)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people")
        {
            Content = new StringContent($$"""{"name":"{{write.Marker}}","occupation":"crash test"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", write.Key);
        return request;
    }

    /// <summary>
    /// After a restart: every write without an answer is sent again with its key, and must now be acknowledged (done
    /// then, or answered from the first time); every acknowledged one sent again must be answered from the first time
    /// (Idempotent-Replayed) with the same person.
    /// </summary>
    public async Task RetryAsync(Uri address, int replaysOfAcknowledged)
    {
        using var client = Client(address);
        foreach (var write in Unknown)
        {
            Assert.True(await SendAsync(client, write), $"the retried write {write.Key} was not acknowledged");
        }
        foreach (var (key, id) in _acknowledged.Take(replaysOfAcknowledged).ToList())
        {
            using var response = await client.SendAsync(Request(new Write(key)));
            Assert.True(response.IsSuccessStatusCode, $"{key} sent again: {response.StatusCode}");
            Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(id, (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id);
        }
    }

    /// <summary>
    /// Every acknowledged write is in the database exactly once, as the person its answer named, with exactly one
    /// audit entry; no marker is stored twice; and the audit log verifies.
    /// </summary>
    public async Task CheckStoredAsync(TestDatabase database)
    {
        await using var db = Storage.SchemaTests.Open(database);
        // The test's database holds nothing else: every name is one of these writes'.
        var stored = await db.Set<Habeas.Records.People.PersonName>().AsNoTracking().Select(n => new { n.Text, n.PersonId }).ToListAsync();
        var byMarker = stored.GroupBy(n => n.Text).ToDictionary(g => g.Key, g => g.Select(n => n.PersonId).ToList());
        var twice = byMarker.Where(m => m.Value.Count > 1).Select(m => m.Key).ToList();
        Assert.True(twice.Count == 0, $"stored more than once: {string.Join(", ", twice.Take(10))}");
        var audited = await db
            .AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == "person" && e.Action == "created")
            .GroupBy(e => e.RecordId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count);
        foreach (var (key, id) in _acknowledged)
        {
            Assert.True(byMarker.TryGetValue(new Write(key).Marker, out var ids), $"the acknowledged write {key} is lost");
            Assert.Equal(id, ids.Single());
            Assert.True(
                audited.TryGetValue(id, out var entries) && entries == 1,
                $"the acknowledged write {key} has {entries} audit entries"
            );
        }
        if (_unknown.IsEmpty)
        {
            // Every write was retried to an answer: nothing is stored that no answer accounts for.
            Assert.Equal(_acknowledged.Count, byMarker.Count);
            Assert.Equal(_acknowledged.Count, audited.Count);
        }
        var failure = await Habeas.Platform.Audit.AuditLog.VerifyAsync(db, CancellationToken.None);
        Assert.True(failure is null, $"the audit log does not verify: entry {failure?.Sequence}: {failure?.Reason}");
        if (database.Provider == TestDatabase.Sqlite)
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await command.ExecuteScalarAsync());
        }
    }

    /// <summary>An API token of a new coordinator, made with the program's own services before any server starts.</summary>
    public static async Task<string> TokenAsync(TestDatabase database)
    {
        await using var app = HabeasApp.Build([], builder =>
        {
            builder.Configuration[StorageOptions.DataKey] = database.DataDirectory;
            builder.Configuration[StorageOptions.DatabaseKey] = database.ConnectionString;
        });
        using var scope = app.Services.CreateScope();
        await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<HabeasDb>(), CancellationToken.None);
        await StartupTasks.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
        // Until an administrator exists the server answers nothing but its setup page.
        var (administrator, _) = await UserAccounts.CreateAsync(
            users,
            "crash-administrator@example.org",
            TestApp.Password,
            Roles.Administrator,
            TimeProvider.System
        );
        var (user, errors) = await UserAccounts.CreateAsync(
            users,
            "crash-writer@example.org",
            TestApp.Password,
            Roles.Coordinator,
            TimeProvider.System
        );
        Assert.True(administrator is not null && user is not null, string.Join(" ", errors));
        return await ApiTokens.CreateAsync(
            scope.ServiceProvider.GetRequiredService<HabeasDb>(),
            user,
            "crash test",
            TimeSpan.FromDays(1),
            TimeProvider.System,
            CancellationToken.None
        );
    }
}
