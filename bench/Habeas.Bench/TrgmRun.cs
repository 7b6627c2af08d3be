using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Habeas.Bench;

/// <summary>
/// The baseline: PostgreSQL's pg_trgm over the same stored names, as a team without Habeas's index would search
/// them. A table of (person, name), a GIN trigram index, and for each query the names whose similarity passes the
/// threshold, best first, the first ten people kept. The text is matched as stored: no transliteration, no folding
/// beyond pg_trgm's own lower-casing.
/// </summary>
public static class TrgmRun
{
    public static async Task<SystemResult> RunAsync(
        string connectionString,
        double threshold,
        QueryFile file,
        CancellationToken cancellationToken
    )
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_trgm", cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS trgm_names", cancellationToken);
        await ExecuteAsync(connection, "CREATE TABLE trgm_names AS SELECT person_id, text AS name FROM person_names", cancellationToken);
        var maintenance = await ScalarAsync(connection, "SHOW maintenance_work_mem", cancellationToken);
        var watch = Stopwatch.StartNew();
        await ExecuteAsync(connection, "CREATE INDEX trgm_names_name ON trgm_names USING gin (name gin_trgm_ops)", cancellationToken);
        var build = watch.Elapsed;
        await ExecuteAsync(connection, "VACUUM ANALYZE trgm_names", cancellationToken);
        var size = Convert.ToInt64(
            await ScalarAsync(connection, "SELECT pg_relation_size('trgm_names_name')", cancellationToken),
            CultureInfo.InvariantCulture
        );
        var names = Convert.ToInt64(
            await ScalarAsync(connection, "SELECT count(*) FROM trgm_names", cancellationToken),
            CultureInfo.InvariantCulture
        );
        var people = Convert.ToInt64(
            await ScalarAsync(connection, "SELECT count(DISTINCT person_id) FROM trgm_names", cancellationToken),
            CultureInfo.InvariantCulture
        );
        await ExecuteAsync(
            connection,
            string.Create(CultureInfo.InvariantCulture, $"SET pg_trgm.similarity_threshold = {threshold}"),
            cancellationToken
        );
        Console.Error.WriteLine(
            $"  pg_trgm: GIN index on {names:N0} names built in {build.TotalSeconds:F1} s, {size / 1048576.0:F0} MB (maintenance_work_mem {maintenance})"
        );

        await using var search = new NpgsqlCommand(
            "SELECT person_id, name, similarity(name, @q) AS s FROM trgm_names WHERE name % @q ORDER BY s DESC LIMIT 50",
            connection
        );
        var parameter = new NpgsqlParameter<string>("q", "");
        search.Parameters.Add(parameter);
        await search.PrepareAsync(cancellationToken);

        foreach (var text in file.Warmup)
        {
            parameter.TypedValue = text;
            _ = await TopAsync(search, cancellationToken);
        }
        var results = new List<QueryResult>(file.Queries.Length);
        foreach (var query in file.Queries)
        {
            parameter.TypedValue = query.Text;
            var started = Stopwatch.GetTimestamp();
            var top = await TopAsync(search, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var correct = query.Correct.ToHashSet();
            var rank = top.FindIndex(t => correct.Contains(t.Person)) + 1;
            results.Add(
                new QueryResult(
                    query.Number,
                    elapsed.TotalMilliseconds,
                    rank,
                    top.Count > 0 ? top[0].Name : null,
                    top.Count > 0 ? (int)Math.Round(top[0].Similarity * 100) : 0,
                    null
                )
            );
        }
        return new SystemResult(
            $"pg_trgm on PostgreSQL (threshold {threshold.ToString(CultureInfo.InvariantCulture)})",
            build.TotalSeconds,
            size,
            names,
            people,
            0,
            0,
            $"GIN gin_trgm_ops, maintenance_work_mem {maintenance}",
            [.. results]
        );
    }

    /// <summary>The best ten people: each at their best-matching name (the query keeps the first 50 names).</summary>
    private static async Task<List<(Guid Person, string Name, double Similarity)>> TopAsync(
        NpgsqlCommand search,
        CancellationToken cancellationToken
    )
    {
        var top = new List<(Guid, string, double)>(10);
        var seen = new HashSet<Guid>();
        await using var reader = await search.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var person = reader.GetGuid(0);
            if (seen.Add(person) && top.Count < 10)
            {
                top.Add((person, reader.GetString(1), reader.GetFloat(2)));
            }
        }
        return top;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constant SQL of this program.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constant SQL of this program.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
#pragma warning restore CA2100
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
