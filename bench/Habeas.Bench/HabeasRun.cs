using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Habeas.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Bench;

/// <summary>A query as handed to a system under test: what to type, which people count as the right answer, and the
/// target's place in the load order (TargetIndex 0: loaded first).</summary>
public sealed record QueryCase(
    int Number,
    string Kind,
    string Culture,
    string Text,
    string Target,
    Guid[] Correct,
    string[] TargetNames,
    long TargetIndex
);

public sealed record QueryFile(string[] Warmup, QueryCase[] Queries);

/// <summary>What a system answered for one query: its latency, the rank of the first right answer (0: none in the
/// top 10), and what came first. For Habeas, IndexMilliseconds is the in-memory part alone (NameIndex.Search as
/// SearchAsync calls it, timed apart right after); the rest of the latency is the database (the audit-log check and
/// the people's rows).</summary>
public sealed record QueryResult(
    int Number,
    double Milliseconds,
    int Rank,
    string? Top,
    int TopScore,
    string? TopReason,
    double IndexMilliseconds = 0
);

public sealed record SystemResult(
    string System,
    double BuildSeconds,
    long HeapBytes,
    long IndexedNames,
    long IndexedPeople,
    long PeakRssKb,
    long HeapAfterQueriesBytes,
    string Notes,
    QueryResult[] Results
);

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static async Task WriteAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, value, Options, cancellationToken);
    }

    public static async Task<T> ReadAsync<T>(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken) ?? throw new InvalidDataException(path);
    }
}

/// <summary>
/// Habeas's own search on one database, in a process of its own so that its peak RSS is its own: the server's
/// name index (PeopleNameIndex) built from the database, then each query through PeopleSearch.SearchAsync, with a
/// fresh context per query as a request has.
/// </summary>
public static class HabeasRun
{
    public static async Task<int> RunAsync(
        string system,
        StorageOptions storage,
        string queriesPath,
        string resultsPath,
        CancellationToken cancellationToken
    )
    {
        var file = await Json.ReadAsync<QueryFile>(queriesPath, cancellationToken);
        var options = new DbContextOptionsBuilder<HabeasDb>();
        storage.Configure(options);
        HabeasDb Open() => new(options.Options, TimeProvider.System) { Viewer = Habeas.Platform.Access.Viewer.System };

        // The context, its model and the connection warmed first, so that the heap measured is the index's.
        long people;
        await using (var db = Open())
        {
            people = await db.People.LongCountAsync(cancellationToken);
            _ = await db.PersonNames.AsNoTracking().Take(1).ToListAsync(cancellationToken);
        }
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var index = new PeopleNameIndex();
        var watch = Stopwatch.StartNew();
        await using (var db = Open())
        {
            await index.SyncAsync(db, cancellationToken);
        }
        var build = watch.Elapsed;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Console.Error.WriteLine(
            $"  {system}: index of {index.Index.People:N0} people, {index.Index.Names:N0} names built in {build.TotalSeconds:F1} s "
                + $"(PeopleNameIndex.BuildTime {index.BuildTime.TotalSeconds:F1} s), heap +{(heapAfter - heapBefore) / 1048576.0:F0} MB; {people:N0} people in the database"
        );

        foreach (var text in file.Warmup)
        {
            await using var db = Open();
            _ = await PeopleSearch.SearchAsync(db, index, text, 10, cancellationToken);
        }

        var results = new List<QueryResult>(file.Queries.Length);
        var progress = Stopwatch.StartNew();
        foreach (var query in file.Queries)
        {
            IReadOnlyList<PeopleSearch.Hit> hits;
            await using (var db = Open())
            {
                var started = Stopwatch.GetTimestamp();
                hits = await PeopleSearch.SearchAsync(db, index, query.Text, 10, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started);
                var correct = query.Correct.ToHashSet();
                var rank = 0;
                for (var i = 0; i < hits.Count; i++)
                {
                    if (correct.Contains(hits[i].Id))
                    {
                        rank = i + 1;
                        break;
                    }
                }
                var top = hits.Count > 0 ? hits[0] : null;
                var indexStarted = Stopwatch.GetTimestamp();
                _ = index.Index.Search(query.Text, Probe.ServerLimit(10));
                var indexElapsed = Stopwatch.GetElapsedTime(indexStarted);
                results.Add(
                    new QueryResult(
                        query.Number,
                        elapsed.TotalMilliseconds,
                        rank,
                        top is null ? null
                            : top.MatchedName == top.DisplayName ? top.DisplayName
                            : $"{top.MatchedName} ({top.DisplayName})",
                        top?.Score ?? 0,
                        top?.Reason,
                        indexElapsed.TotalMilliseconds
                    )
                );
            }
            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine($"  {system}: {results.Count:N0}/{file.Queries.Length:N0} queries");
                progress.Restart();
            }
        }
        var heapAfterQueries = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(index);
        var result = new SystemResult(
            system,
            build.TotalSeconds,
            heapAfter - heapBefore,
            index.Index.Names,
            index.Index.People,
            Machine.PeakRssKb(),
            heapAfterQueries,
            string.Create(
                CultureInfo.InvariantCulture,
                $"vocabulary {index.Index.Vocabulary.Words:N0} words, {index.Index.Vocabulary.Keys:N0} keys"
            ),
            [.. results]
        );
        await Json.WriteAsync(resultsPath, result, cancellationToken);
        return 0;
    }
}
