using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Npgsql;

namespace Habeas.Bench;

/// <summary>The "names" verb: generate, load, run every system, report (bench/README.md).</summary>
public static class NamesBenchmark
{
    private const int Warmup = 100;

    public static async Task<int> RunAsync(Options options, string command, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var started = clock.GetUtcNow();
        var population = new Population(options.Seed);
        var querySet = new QuerySet(population, options.People);
        Console.Error.WriteLine(
            $"Habeas name search benchmark: {options.People:N0} people, {options.Queries:N0} queries (+{Warmup} warm-up), seed {options.Seed}."
        );

        // 1. The queries first (each remakes its person alone), so that loading can note the targets' ids and namesakes.
        var watch = Stopwatch.StartNew();
        var warmup = querySet.Make(Warmup, warmup: true);
        var queries = querySet.Make(options.Queries, warmup: false);
        var targets = queries.Select(q => q.Target).Distinct().ToDictionary(t => t, population.Generate);
        var nameSets = targets.Values.Select(p => p.NameSetHash()).ToHashSet();
        var identities = targets.Values.Select(p => p.Name.Identity()).ToHashSet();
        Console.Error.WriteLine($"Queries made in {watch.Elapsed.TotalSeconds:F1} s.");

        // 2. Fresh databases, their schema by Habeas's migrator, then every person written to both in one pass.
        string? postgresVersion = null;
        if (options.UsePostgres)
        {
            try
            {
                await using var connection = new NpgsqlConnection(options.Postgres);
                await connection.OpenAsync(cancellationToken);
                await using var version = new NpgsqlCommand("SELECT version()", connection);
                postgresVersion = (string?)await version.ExecuteScalarAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                Console.Error.WriteLine(
                    $"PostgreSQL at {options.Postgres} is not reachable ({e.Message}); give --postgres, or --no-postgres for SQLite only."
                );
                return 1;
            }
        }
        var databases = await BenchDatabases.CreateAsync(options.UsePostgres ? options.Postgres : null, cancellationToken);
        Console.Error.WriteLine(
            $"Databases: SQLite in {databases.DataDirectory}{(databases.DatabaseName is null ? "" : $", PostgreSQL database {databases.DatabaseName}")}."
        );
        try
        {
            var targetIds = new Dictionary<long, Guid>();
            var namesakes = nameSets.ToDictionary(h => h, _ => new List<Guid>());
            var sameName = identities.ToDictionary(h => h, _ => 0);
            watch.Restart();
            var progress = Stopwatch.StartNew();
            long names;
            TimeSpan sqliteTime,
                postgresTime;
            await using (var loader = await Loader.OpenAsync(databases, sqlite: true, postgres: options.UsePostgres, cancellationToken))
            {
                for (long i = 0; i < options.People; i++)
                {
                    var person = population.Generate(i);
                    var id = loader.Add(person);
                    if (targets.ContainsKey(i))
                    {
                        targetIds[i] = id;
                    }
                    if (namesakes.TryGetValue(person.NameSetHash(), out var list))
                    {
                        list.Add(id);
                    }
                    var identity = person.Name.Identity();
                    if (sameName.TryGetValue(identity, out var count))
                    {
                        sameName[identity] = count + 1;
                    }
                    if (progress.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        Console.Error.WriteLine($"  {i + 1:N0} people written ({watch.Elapsed.TotalSeconds:F0} s)");
                        progress.Restart();
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
                await loader.CompleteAsync(cancellationToken);
                names = loader.Names;
                sqliteTime = loader.SqliteTime;
                postgresTime = loader.PostgresTime;
            }
            var loadTime = watch.Elapsed;
            Console.Error.WriteLine(
                $"Generated and loaded {options.People:N0} people, {names:N0} names in {loadTime.TotalSeconds:F0} s "
                    + $"(SQLite {sqliteTime.TotalSeconds:F0} s, PostgreSQL {postgresTime.TotalSeconds:F0} s)."
            );
            await CheckAsync(databases, targetIds.First().Value, cancellationToken);

            // 3. The queries with their right answers, for each system.
            var file = new QueryFile(
                [.. warmup.Select(q => q.Text)],
                [
                    .. queries.Select(q =>
                    {
                        var target = targets[q.Target];
                        var correct = namesakes[target.NameSetHash()].Append(targetIds[q.Target]).Distinct().ToArray();
                        return new QueryCase(
                            q.Number,
                            q.Kind,
                            q.Culture.ToString(),
                            q.Text,
                            targetIds[q.Target].ToString(),
                            correct,
                            [.. target.Stored.Select(s => s.Text)],
                            q.Target
                        );
                    }),
                ]
            );
            var queriesPath = Path.Combine(databases.DataDirectory, "queries.json");
            await Json.WriteAsync(queriesPath, file, cancellationToken);
            var sameNameCounts = queries.Select(q => sameName[targets[q.Target].Name.Identity()]).Order().ToArray();
            int Others(Query q) => sameName[targets[q.Target].Name.Identity()] - namesakes[targets[q.Target].NameSetHash()].Count;
            var ambiguity = new Ambiguity(
                queries.Count(q => namesakes[targets[q.Target].NameSetHash()].Count > 1),
                queries.Count(q => Others(q) > 0),
                queries.Count(q => Others(q) >= 10),
                sameNameCounts[sameNameCounts.Length / 2],
                sameNameCounts[Math.Min(sameNameCounts.Length - 1, sameNameCounts.Length * 9 / 10)],
                sameNameCounts[^1],
                queries.Where(q => Others(q) == 0).Select(q => q.Number).ToHashSet()
            );

            // 4–6. Habeas on each database, each in its own process; then pg_trgm.
            var systems = new List<SystemResult>
            {
                await RunChildAsync("Habeas on SQLite", databases.DataDirectory, null, queriesPath, cancellationToken),
            };
            if (databases.PostgresConnectionString is { } pg)
            {
                systems.Add(await RunChildAsync("Habeas on PostgreSQL", databases.DataDirectory, pg, queriesPath, cancellationToken));
                systems.Add(await TrgmRun.RunAsync(pg, options.Threshold, file, cancellationToken));
            }

            // 7. The report.
            var run = new RunInfo(
                started,
                options.People,
                names,
                file.Queries.Length,
                file.Warmup.Length,
                options.Seed,
                Machine.Cpu(),
                Machine.Memory(),
                Machine.OperatingSystem(),
                RuntimeInformation.FrameworkDescription.Replace(".NET ", "", StringComparison.Ordinal),
                postgresVersion is null ? "no PostgreSQL" : postgresVersion.Split(" on ")[0],
                Core.Names.IcuText.Version,
                Machine.Commit(),
                loadTime,
                sqliteTime,
                postgresTime,
                "dotnet run -c Release --project bench/Habeas.Bench -- " + command
            );
            var took = clock.GetUtcNow() - started;
            var report =
                Report.Write(run, systems, file, ambiguity)
                + string.Create(CultureInfo.InvariantCulture, $"\nThe whole run took {took.TotalMinutes:F1} min.\n");
            Console.WriteLine(report);
            if (options.Out is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                await File.WriteAllTextAsync(path, report, cancellationToken);
                Console.Error.WriteLine($"Written to {path}.");
            }
            return 0;
        }
        finally
        {
            if (options.Keep)
            {
                Console.Error.WriteLine(
                    $"Kept: {databases.DataDirectory}{(databases.DatabaseName is null ? "" : $" and PostgreSQL database {databases.DatabaseName}")}."
                );
            }
            else
            {
                await databases.DropAsync();
            }
        }
    }

    /// <summary>A look at the data: the first people, and queries of each kind with how Habeas reads them.</summary>
    public static int Sample(Options options)
    {
        var population = new Population(options.Seed);
        static string Read(string text) => string.Join(' ', Core.Names.NameReading.Words(text));
        for (var i = 0; i < 40; i++)
        {
            var person = population.Generate(i);
            Console.WriteLine(
                $"{i, 3} {person.Culture, -10} " + string.Join("  ·  ", person.Stored.Select(s => $"{s.Text} [{s.Kind}; {Read(s.Text)}]"))
            );
        }
        var queries = new QuerySet(population, options.People).Make(Math.Min(options.Queries, 100), warmup: false);
        foreach (var query in queries.OrderBy(q => q.Kind, StringComparer.Ordinal))
        {
            var target = population.Generate(query.Target);
            Console.WriteLine(
                $"{query.Kind, -9} {query.Culture, -10} {query.Text} [{Read(query.Text)}]  →  "
                    + string.Join("  ·  ", target.Stored.Select(s => $"{s.Text} [{Read(s.Text)}]"))
            );
        }
        return 0;
    }

    /// <summary>The child: Habeas's index and search on one database (HabeasRun).</summary>
    public static async Task<int> SearchAsync(Options options, CancellationToken cancellationToken)
    {
        if (options.System is null || options.Data is null || options.QueriesFile is null || options.ResultsFile is null)
        {
            throw new ArgumentException("names-search needs --system, --data, --queries-file and --results-file.");
        }
        return await HabeasRun.RunAsync(
            options.System,
            new StorageOptions(options.Data, options.Database),
            options.QueriesFile,
            options.ResultsFile,
            cancellationToken
        );
    }

    private static async Task<SystemResult> RunChildAsync(
        string system,
        string data,
        string? database,
        string queriesPath,
        CancellationToken cancellationToken
    )
    {
        var results = Path.Combine(data, $"results-{(database is null ? "sqlite" : "postgres")}.json");
        var start = new ProcessStartInfo { UseShellExecute = false };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(NamesBenchmark).Assembly.Location);
        }
        foreach (
            var argument in new[]
            {
                "names-search",
                "--system",
                system,
                "--data",
                data,
                "--queries-file",
                queriesPath,
                "--results-file",
                results,
            }
        )
        {
            start.ArgumentList.Add(argument);
        }
        if (database is not null)
        {
            start.ArgumentList.Add("--database");
            start.ArgumentList.Add(database);
        }
        Console.Error.WriteLine($"{system}: building the index and searching (a process of its own) …");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the search process.");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{system}: the search process failed ({process.ExitCode}).");
        }
        return await Json.ReadAsync<SystemResult>(results, cancellationToken);
    }

    /// <summary>Habeas reads back through EF what was written by hand: the ids, dates and rows must be as its model expects.</summary>
    private static async Task CheckAsync(BenchDatabases databases, Guid someone, CancellationToken cancellationToken)
    {
        foreach (var storage in new[] { databases.Sqlite, databases.Postgres })
        {
            if (storage is null)
            {
                continue;
            }
            await using var db = BenchDatabases.Open(storage);
            var person = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.People, p => p.Names),
                p => p.Id == someone,
                cancellationToken
            );
            if (person is null || person.Names.Count == 0 || person.CreatedAt.Year != 2024)
            {
                throw new InvalidOperationException($"{storage.Describe()}: the loaded rows are not read back as Habeas's model expects.");
            }
        }
    }
}
