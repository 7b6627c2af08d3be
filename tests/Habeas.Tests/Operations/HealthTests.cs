using System.Net;
using System.Text.Json;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Operations;

/// <summary>/health stays the cheap probe; /health/ready checks the database, the migrations and the disk, as JSON, 503 when one
/// fails.</summary>
public sealed class HealthTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Ready_WhenAllIsWell_Answers200WithEveryCheckHealthy(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var response = await app.CreateAnonymousClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var (status, checks) = await ReadAsync(response);
        Assert.Equal("Healthy", status);
        Assert.Equal(["database", "disk", "migrations", "query"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, c => Assert.Equal("Healthy", c));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Ready_WithAMigrationNotApplied_Answers503NamingTheMigrations_WhileHealthStaysUp(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using (var db = app.OpenDb())
        {
            var last = Habeas.Platform.Storage.Migrator.Scripts(Habeas.Platform.Storage.Migrator.ProviderFolder(db))[^1].Id;
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"DELETE FROM schema_migrations WHERE id = {last}"));
        }
        var client = app.CreateAnonymousClient();
        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var (status, checks) = await ReadAsync(response);
        Assert.Equal("Unhealthy", status);
        Assert.Equal("Unhealthy", checks["migrations"]);
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Ready_WithLessFreeDiskThanTheThreshold_Answers503_WithoutPathsOrFigures(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [Habeas.Host.Health.MinimumFreeMegabytesKey] = "900000000000" }
        );
        var response = await app.CreateAnonymousClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var (_, checks) = await ReadAsync(response);
        Assert.Equal("Unhealthy", checks["disk"]);
        Assert.Equal("Healthy", checks["query"]);
        Assert.DoesNotContain(app.Database.DataDirectory, body, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]", body);
    }

    private static async Task<(string Status, Dictionary<string, string> Checks)> ReadAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json
            .RootElement.GetProperty("checks")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!, StringComparer.Ordinal);
        return (json.RootElement.GetProperty("status").GetString()!, checks);
    }
}
