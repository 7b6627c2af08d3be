using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Storage;

/// <summary>
/// Applies the SQL migrations in Storage/Migrations/{sqlite|postgres}/ in order, each in its own
/// transaction with its row in schema_migrations. The scripts are written by hand (the EF scaffolder
/// cannot be restored here); SchemaMatchesModel tests that they produce exactly the EF model.
/// </summary>
public static class Migrator
{
    public static string ProviderFolder(HabeasDb db) => db.Database.IsNpgsql() ? "postgres" : "sqlite";

    public static IReadOnlyList<(string Id, string Sql)> Scripts(string provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"migrations/{provider}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (Path.GetFileNameWithoutExtension(n), reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Applies what is missing; returns the ids of the migrations applied now.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(HabeasDb db, CancellationToken cancellationToken = default)
    {
        var provider = ProviderFolder(db);
        var connection = db.Database.GetDbConnection();
        var applied = new List<string>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (id varchar(200) PRIMARY KEY, applied_at varchar(40) NOT NULL)", cancellationToken);
            foreach (var (id, sql) in Scripts(provider))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (provider == "postgres")
                {
                    // Two servers starting together: the second waits here, then sees the migration done.
                    await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(4242001)", cancellationToken);
                }
                if (await IsAppliedAsync(connection, transaction, id, cancellationToken))
                {
                    continue;
                }
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at)";
                    AddParameter(insert, "@id", id);
                    AddParameter(insert, "@at", db.Time.GetUtcNow().ToString("O"));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                applied.Add(id);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        foreach (var id in applied)
        {
            if (DataSteps.TryGetValue(id, out var step))
            {
                await step(db, cancellationToken);
            }
        }
        return applied;
    }

    /// <summary>
    /// Derived data a migration's new table needs from the records already there, computed in code right after the
    /// script ran (derived data only, so running it again is harmless).
    /// </summary>
    private static readonly Dictionary<string, Func<HabeasDb, CancellationToken, Task>> DataSteps = new(StringComparer.Ordinal)
    {
        ["0010_published_custody"] = async (db, cancellationToken) =>
        {
            var published = await db.People.IgnoreQueryFilters().Where(p => p.Level == Access.RecordLevels.Public && p.MergedIntoId == null)
                .Select(p => p.Id).ToListAsync(cancellationToken);
            foreach (var chunk in published.Chunk(500))
            {
                await db.RebuildCustodyAsync(chunk, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        },
        ["0018_statistics_and_public_list"] = Custody.CustodyDayChanges.RebuildAsync,
    };

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE id = @id";
        AddParameter(command, "@id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is this program's own embedded migration text, never user input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
