using System.Globalization;
using System.Text;

namespace Habeas.Bench;

/// <summary>The run's facts, for the report.</summary>
public sealed record RunInfo(
    DateTimeOffset Date,
    long People,
    long Names,
    int Queries,
    int Warmup,
    ulong Seed,
    string Cpu,
    string Memory,
    string OperatingSystem,
    string Dotnet,
    string Postgres,
    string Icu,
    string Commit,
    TimeSpan LoadTime,
    TimeSpan SqliteLoadTime,
    TimeSpan PostgresLoadTime,
    string Command
);

/// <summary>Writes the Markdown report: one row per system, recall by query kind and by culture, and examples of misses.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(RunInfo run, IReadOnlyList<SystemResult> systems, QueryFile queries, Ambiguity ambiguity)
    {
        var byNumber = queries.Queries.ToDictionary(q => q.Number);
        var md = new StringBuilder();
        md.AppendLine("# Habeas name search benchmark");
        md.AppendLine();
        md.AppendLine(Inv, $"- Date: {run.Date:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine(Inv, $"- Command: `{run.Command}`");
        md.AppendLine(
            Inv,
            $"- Data: N = {run.People:N0} people with {run.Names:N0} stored names (seed {run.Seed}); Q = {run.Queries:N0} queries after {run.Warmup} warm-up queries"
        );
        md.AppendLine(Inv, $"- Habeas: src/ as of commit {run.Commit}");
        md.AppendLine(
            Inv,
            $"- Machine: {run.Cpu}; {run.Memory} memory; {run.OperatingSystem}; .NET {run.Dotnet}; {run.Postgres}; ICU {run.Icu}"
        );
        md.AppendLine(
            Inv,
            $"- Generation and loading: {run.LoadTime.TotalSeconds:F0} s (time inside SQLite inserts and commit {run.SqliteLoadTime.TotalSeconds:F0} s; inside PostgreSQL COPY, commit and VACUUM ANALYZE {run.PostgresLoadTime.TotalSeconds:F0} s)"
        );
        md.AppendLine();
        md.AppendLine("| System | recall@1 | recall@10 | p50 ms | p95 ms | p99 ms | index build | index size | peak RSS |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var system in systems)
        {
            var latencies = system.Results.Select(r => r.Milliseconds).Order().ToArray();
            var size =
                system.PeakRssKb > 0
                    ? string.Create(
                        Inv,
                        $"{system.HeapBytes / 1048576.0:F0} MB heap, {(double)system.HeapBytes / Math.Max(1, system.IndexedNames):F0} B/name"
                    )
                    : string.Create(Inv, $"{system.HeapBytes / 1048576.0:F0} MB (pg_relation_size)");
            var rss = system.PeakRssKb > 0 ? string.Create(Inv, $"{system.PeakRssKb / 1024.0:F0} MB") : "not measured (server)";
            md.AppendLine(
                Inv,
                $"| {system.System} | {Recall(system.Results, 1)} | {Recall(system.Results, 10)} | {Percentile(latencies, 50):F1} | {Percentile(latencies, 95):F1} | {Percentile(latencies, 99):F1} | {system.BuildSeconds:F1} s | {size} | {rss} |"
            );
        }
        foreach (var system in systems.Where(s => s.Results.Any(r => r.IndexMilliseconds > 0)))
        {
            var inMemory = system.Results.Select(r => r.IndexMilliseconds).Order().ToArray();
            md.AppendLine();
            md.AppendLine(
                Inv,
                $"{system.System}: of the latency, NameIndex.Search alone (in memory, timed apart) takes p50 {Percentile(inMemory, 50):F1} ms, p95 {Percentile(inMemory, 95):F1} ms, p99 {Percentile(inMemory, 99):F1} ms; the rest is the database. Managed heap after the queries: {system.HeapAfterQueriesBytes / 1048576.0:F0} MB above the start."
            );
        }
        md.AppendLine();
        md.AppendLine("## recall@10 by query kind");
        md.AppendLine();
        var kinds = QueryKinds.All;
        md.AppendLine("| System | " + string.Join(" | ", kinds.Select(k => $"{k} ({queries.Queries.Count(q => q.Kind == k)})")) + " |");
        md.AppendLine("|---|" + string.Concat(kinds.Select(_ => "---:|")));
        foreach (var system in systems)
        {
            md.AppendLine(
                $"| {system.System} | "
                    + string.Join(" | ", kinds.Select(k => Recall(system.Results.Where(r => byNumber[r.Number].Kind == k).ToList(), 10)))
                    + " |"
            );
        }
        md.AppendLine();
        md.AppendLine("## recall@10 by culture (recall@1 in brackets)");
        md.AppendLine();
        var cultures = Enum.GetNames<Culture>().Where(c => queries.Queries.Any(q => q.Culture == c)).ToArray();
        md.AppendLine(
            "| System | " + string.Join(" | ", cultures.Select(c => $"{c} ({queries.Queries.Count(q => q.Culture == c)})")) + " |"
        );
        md.AppendLine("|---|" + string.Concat(cultures.Select(_ => "---:|")));
        foreach (var system in systems)
        {
            md.AppendLine(
                $"| {system.System} | "
                    + string.Join(
                        " | ",
                        cultures.Select(c =>
                        {
                            var results = system.Results.Where(r => byNumber[r.Number].Culture == c).ToList();
                            return $"{Recall(results, 10)} ({Recall(results, 1)})";
                        })
                    )
                    + " |"
            );
        }
        md.AppendLine();
        md.AppendLine("## recall@10 by when the target was loaded (quarters of the load order, which is also the id order)");
        md.AppendLine();
        md.AppendLine("| System | first quarter | second | third | last |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var system in systems)
        {
            md.AppendLine(
                $"| {system.System} | "
                    + string.Join(
                        " | ",
                        Enumerable
                            .Range(0, 4)
                            .Select(quarter =>
                                Recall(system.Results.Where(r => byNumber[r.Number].TargetIndex * 4 / run.People == quarter).ToList(), 10)
                            )
                    )
                    + " |"
            );
        }
        md.AppendLine();
        md.AppendLine("## Namesakes");
        md.AppendLine();
        md.AppendLine(
            string.Create(
                Inv,
                $"A hit is right when it is the person asked for or a namesake with exactly the same stored names. Of the {queries.Queries.Length:N0} people asked for, "
            )
                + string.Create(
                    Inv,
                    $"{ambiguity.WithNamesakes:N0} have such namesakes; {ambiguity.WithOtherSameName:N0} share their name (the same words, in any spelling or script) with someone whose "
                )
                + string.Create(
                    Inv,
                    $"stored names differ, {ambiguity.TenOrMore:N0} with 10 or more such people (people bearing the target's name: median {ambiguity.MedianSameName:N0}, 90th percentile {ambiguity.P90SameName:N0}, max {ambiguity.MaxSameName:N0}). "
                )
                + "Such a person is not a right answer, but may rank above the target without any fault of the search (their record may hold the very spelling typed), "
                + "so part of the gap below 100% is the data's own ambiguity, more of it the larger N."
        );
        md.AppendLine();
        md.AppendLine(
            Inv,
            $"The same measures on the {ambiguity.Unshared.Count:N0} queries whose target's name no one else bears in another spelling or script (their exact namesakes count as right):"
        );
        md.AppendLine();
        md.AppendLine("| System | recall@1 | recall@10 |");
        md.AppendLine("|---|---:|---:|");
        foreach (var system in systems)
        {
            var clear = system.Results.Where(r => ambiguity.Unshared.Contains(r.Number)).ToList();
            md.AppendLine(Inv, $"| {system.System} | {Recall(clear, 1)} | {Recall(clear, 10)} |");
        }
        md.AppendLine();
        md.AppendLine("## Examples of misses (not in the top 10)");
        foreach (var system in systems)
        {
            md.AppendLine();
            md.AppendLine(Inv, $"{system.System}:");
            md.AppendLine();
            md.AppendLine("| kind | culture | query | stored names of the target | first hit |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var kind in kinds)
            {
                foreach (var miss in system.Results.Where(r => r.Rank == 0 && byNumber[r.Number].Kind == kind).Take(4))
                {
                    var query = byNumber[miss.Number];
                    md.AppendLine(
                        Inv,
                        $"| {kind} | {query.Culture} | {Cell(query.Text)} | {Cell(string.Join(" · ", query.TargetNames))} | {Cell(miss.Top is null ? "(nothing)" : $"{miss.Top} [{miss.TopScore}{(miss.TopReason is null ? "" : ", " + miss.TopReason)}]")} |"
                    );
                }
            }
        }
        md.AppendLine();
        md.AppendLine("Notes: " + string.Join("; ", systems.Select(s => $"{s.System}: {s.Notes}")) + ".");
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Recall(IReadOnlyCollection<QueryResult> results, int k) =>
        results.Count == 0 ? "–" : string.Create(Inv, $"{100.0 * results.Count(r => r.Rank > 0 && r.Rank <= k) / results.Count:F1}%");

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>How ambiguous the targets' names are in the population.</summary>
public sealed record Ambiguity(
    int WithNamesakes,
    int WithOtherSameName,
    int TenOrMore,
    int MedianSameName,
    int P90SameName,
    int MaxSameName,
    IReadOnlySet<int> Unshared
);
