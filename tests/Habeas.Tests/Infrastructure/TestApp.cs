using System.Net.Http.Json;
using Habeas.Accounts;
using Microsoft.AspNetCore.Identity;
using Habeas.Hosting;
using Habeas.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Habeas.Tests.Infrastructure;

/// <summary>The real application on a fresh database (WebApplicationFactory), optionally with the demonstration data.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _demo;

    private readonly Dictionary<string, string> _settings;

    private TestApp(TestDatabase database, bool demo, Dictionary<string, string>? settings)
    {
        _database = database;
        _demo = demo;
        _settings = settings ?? [];
    }

    public TestDatabase Database => _database;

    /// <summary>What the app logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The bearer token every client made by CreateClient sends (an administrator's, unless asked otherwise).</summary>
    public string? Token { get; private set; }

    public const string Password = "correct horse battery staple 42";

    public static async Task<TestApp> StartAsync(string provider, bool demo = false, string role = Roles.Administrator, Dictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var app = new TestApp(database, demo, settings);
        using var client = app.CreateClient();
        (await client.GetAsync("/health")).EnsureSuccessStatusCode();
        if (role != Roles.Administrator)
        {
            await app.CreateUserAsync(Roles.Administrator);
        }
        app.Token = await app.CreateTokenAsync(role);
        return app;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (Token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        }
    }

    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A new account with this role (password <see cref="Password"/>).</summary>
    public async Task<HabeasUser> CreateUserAsync(string role)
    {
        using var scope = Services.CreateScope();
        var (user, errors) = await UserAccounts.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>(),
            $"{role}-{Guid.NewGuid():N}@example.org", Password, role, TimeProvider.System);
        return user ?? throw new InvalidOperationException(string.Join(" ", errors));
    }

    /// <summary>A token for a new account with this role.</summary>
    public async Task<string> CreateTokenAsync(string role)
    {
        var user = await CreateUserAsync(role);
        using var scope = Services.CreateScope();
        return await ApiTokens.CreateAsync(scope.ServiceProvider.GetRequiredService<HabeasDb>(), user, "tests", TimeSpan.FromDays(1), TimeProvider.System, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(StorageOptions.DataKey, _database.DataDirectory);
        if (_database.ConnectionString is not null)
        {
            builder.UseSetting(StorageOptions.DatabaseKey, _database.ConnectionString);
        }
        builder.UseSetting(StartupTasks.DemoKey, _demo ? "true" : "false");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A database context on the app's database, for checking what was stored (it sees every record).</summary>
    public HabeasDb OpenDb()
    {
        var db = Services.CreateScope().ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Access.Viewer.System;
        return db;
    }

    public static async Task<Guid> CreatePersonAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/people", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    public sealed record Created(Guid Id, int Version);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static async Task<int> CountAsync<T>(HabeasDb db) where T : class => await db.Set<T>().CountAsync();
}
