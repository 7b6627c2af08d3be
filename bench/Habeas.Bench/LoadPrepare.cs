using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Habeas.Bench;

/// <summary>
/// load-prepare: the data the load benchmark (bench/load.sh) serves. A SQLite data folder and, unless told not to, a
/// PostgreSQL database, each with N generated people (<see cref="Population"/>) written straight into the tables by
/// <see cref="Loader"/> with their search entries; one person in ten is public, so the public list has pages to show. Beside the SQLite
/// file it
/// writes the files wrk's script reads: person ids spread over the whole load order (ids.txt) and names to search
/// for (queries.txt, the stored Latin or own-script name of people spread the same way, URL-encoded). The account and
/// its API token are made by the script with Habeas's own <c>users add</c> and <c>tokens create</c>.
/// </summary>
public static class LoadPrepare
{
    private const int Samples = 5000;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        long people = 1_000_000;
        string? data = null;
        string? postgres = "Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres";
        var databaseName = "habeas_load";
        ulong seed = 20240501;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--people":
                    people = long.Parse(Value().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    break;
                case "--data":
                    data = Value();
                    break;
                case "--postgres":
                    postgres = Value();
                    break;
                case "--database":
                    databaseName = Value();
                    break;
                case "--no-postgres":
                    postgres = null;
                    break;
                case "--seed":
                    seed = ulong.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (data is null)
        {
            throw new ArgumentException("load-prepare needs --data DIR (a new or empty folder).");
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(databaseName, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new ArgumentException("--database must be lower-case letters, digits and underscores.");
        }
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            throw new ArgumentException($"{data} is not empty: give a new folder (or remove it first).");
        }
        Directory.CreateDirectory(data);
        if (postgres is not null)
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync(cancellationToken);
#pragma warning disable CA2100 // The name is checked above: lower-case letters, digits and underscores.
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection))
            {
                await drop.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {databaseName} ENCODING 'UTF8' TEMPLATE template0", connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
#pragma warning restore CA2100
        }
        var databases = new BenchDatabases(Path.GetFullPath(data), postgres, postgres is null ? null : databaseName);
        await BenchDatabases.MigrateAsync(databases.Sqlite, cancellationToken);
        if (databases.Postgres is { } pg)
        {
            await BenchDatabases.MigrateAsync(pg, cancellationToken);
        }

        var population = new Population(seed);
        var every = Math.Max(1, people / Samples);
        var ids = new List<string>();
        var queries = new List<string>();
        var watch = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        await using (
            var loader = await Loader.OpenAsync(
                databases,
                sqlite: true,
                postgres: postgres is not null,
                cancellationToken,
                searchEntries: true
            )
        )
        {
            for (long i = 0; i < people; i++)
            {
                var person = population.Generate(i);
                var id = loader.Add(
                    person,
                    i % 10 == 0 ? Habeas.Platform.Access.RecordLevels.Public : Habeas.Platform.Access.RecordLevels.Internal
                );
                if (i % every == every / 2)
                {
                    ids.Add(id.ToString());
                    queries.Add(Uri.EscapeDataString(person.Stored[0].Text));
                }
                if (progress.Elapsed > TimeSpan.FromSeconds(30))
                {
                    Console.Error.WriteLine($"  {i + 1:N0} people written ({watch.Elapsed.TotalSeconds:F0} s)");
                    progress.Restart();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            await loader.CompleteAsync(cancellationToken);
            Console.Error.WriteLine(
                $"Loaded {people:N0} people, {loader.Names:N0} names in {watch.Elapsed.TotalSeconds:F0} s "
                    + $"(SQLite {loader.SqliteTime.TotalSeconds:F0} s, PostgreSQL {loader.PostgresTime.TotalSeconds:F0} s)."
            );
        }
        await File.WriteAllLinesAsync(Path.Combine(data, "ids.txt"), ids, cancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(data, "queries.txt"), queries, cancellationToken);
        Console.WriteLine($"SQLite: --data {databases.DataDirectory}");
        if (databases.PostgresConnectionString is { } cs)
        {
            Console.WriteLine($"PostgreSQL: --database \"{cs}\"");
        }
        return 0;
    }
}
