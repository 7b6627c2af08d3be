using System.Net.Http.Json;
using Habeas.Hosting;
using Habeas.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Infrastructure;

/// <summary>The real application on a fresh database (WebApplicationFactory), optionally with the demonstration data.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _demo;

    private TestApp(TestDatabase database, bool demo)
    {
        _database = database;
        _demo = demo;
    }

    public TestDatabase Database => _database;

    public static async Task<TestApp> StartAsync(string provider, bool demo = false)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var app = new TestApp(database, demo);
        using var client = app.CreateClient();
        (await client.GetAsync("/health")).EnsureSuccessStatusCode();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(StorageOptions.DataKey, _database.DataDirectory);
        if (_database.ConnectionString is not null)
        {
            builder.UseSetting(StorageOptions.DatabaseKey, _database.ConnectionString);
        }
        builder.UseSetting(StartupTasks.DemoKey, _demo ? "true" : "false");
    }

    /// <summary>A database context on the app's database, for checking what was stored.</summary>
    public HabeasDb OpenDb() => Services.CreateScope().ServiceProvider.GetRequiredService<HabeasDb>();

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
