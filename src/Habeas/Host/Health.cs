using System.Text.Json;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Habeas.Host;

/// <summary>
/// Two health endpoints, both anonymous. <c>/health</c> is the cheap one for a load balancer's frequent probe (the
/// database answers a connection). <c>/health/ready</c> is for monitoring: the database answers a query, every
/// migration this program knows is applied (and none it does not know), and the data folder's disk has at least
/// <see cref="MinimumFreeMegabytesKey"/> free. It answers JSON, 200 when all pass and 503 otherwise, naming each
/// check and its state with a fixed sentence — never an exception, a path or a figure from inside.
/// </summary>
public static class Health
{
    public const string ReadyPath = "/health/ready";
    public const string MinimumFreeMegabytesKey = "Habeas:Health:MinimumFreeMegabytes";
    public const long DefaultMinimumFreeMegabytes = 1024;
    private const string Live = "live";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddHabeasHealthChecks(this IServiceCollection services)
    {
        services
            .AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Live])
            .AddCheck<DatabaseQueryHealthCheck>("query")
            .AddCheck<MigrationsHealthCheck>("migrations")
            .AddCheck<DiskHealthCheck>("disk");
        return services;
    }

    public static void MapHabeasHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Live) }).AllowAnonymous();
        app.MapHealthChecks(
                ReadyPath,
                new HealthCheckOptions
                {
                    ResultStatusCodes =
                    {
                        [HealthStatus.Healthy] = StatusCodes.Status200OK,
                        [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                        [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
                    },
                    ResponseWriter = WriteAsync,
                }
            )
            .AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var answer = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, Json));
    }
}

/// <summary>
/// A connection from the pool the pages use, opened and given back (and, on SQLite, the database file is there).
/// Not EF's CanConnect: on SQLite that opens a new read-only connection outside the pool each time, whose first
/// statement parses the whole schema again — it made /health slower than a person page (bench/results/load-1m.md).
/// </summary>
public sealed class DatabaseHealthCheck(HabeasDb db, StorageOptions storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unhealthy = HealthCheckResult.Unhealthy("The database does not answer.");
        if (!storage.IsPostgres && !File.Exists(storage.SqlitePath))
        {
            return unhealthy;
        }
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException or IOException)
        {
            return unhealthy;
        }
    }
}

/// <summary>A trivial query, through the same pool the pages use.</summary>
public sealed class DatabaseQueryHealthCheck(HabeasDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var one = await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync(cancellationToken);
            return one == 1
                ? HealthCheckResult.Healthy("The database answers a query.")
                : HealthCheckResult.Unhealthy("The database answered a query wrongly.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer a query.");
        }
    }
}

/// <summary>Every migration script this program carries is recorded as applied, and the database has none this program does not
/// know.</summary>
public sealed class MigrationsHealthCheck(HabeasDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var known = Migrator.Scripts(Migrator.ProviderFolder(db)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var applied = await db
                .Database.SqlQueryRaw<string>("SELECT id AS \"Value\" FROM schema_migrations")
                .ToListAsync(cancellationToken);
            if (!known.IsSubsetOf(applied))
            {
                return HealthCheckResult.Unhealthy(
                    "Migrations are pending: restart the server (it applies them at start) or run habeas migrate."
                );
            }
            return applied.All(known.Contains)
                ? HealthCheckResult.Healthy("The schema is current.")
                : HealthCheckResult.Unhealthy("The database was migrated by a newer Habeas than this one.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The migrations could not be read.");
        }
    }
}

/// <summary>Free space on the disk of the data folder (keys, stored files, backups, and the SQLite database).</summary>
public sealed class DiskHealthCheck(StorageOptions storage, IConfiguration configuration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var minimum = configuration.GetValue(Health.MinimumFreeMegabytesKey, Health.DefaultMinimumFreeMegabytes);
        long free;
        try
        {
            free = new DriveInfo(storage.DataDirectory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The free space of the disk of the data folder could not be read."));
        }
        return Task.FromResult(
            free >= minimum * 1024 * 1024
                ? HealthCheckResult.Healthy("The disk of the data folder has room.")
                : HealthCheckResult.Unhealthy("The disk of the data folder is nearly full.")
        );
    }
}
