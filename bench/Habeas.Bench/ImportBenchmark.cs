using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Habeas.Bench;

/// <summary>
/// <c>import [--people N] [--postgres CS] [--out FILE] [--keep]</c>: writes a CSV of N people (a Khmer name and its
/// romanization, sex, birth year, an arrest with its prison and a verdict with its term: two events each), times the
/// sqlite3 shell's <c>.import</c> of it into a bare table, then times <c>habeas import</c> of the same file into a new
/// SQLite database (and, with --postgres, into a new PostgreSQL database) — the target: 50,000 rows per second.
/// bench/README.md.
/// </summary>
public static class ImportBenchmark
{
    private static readonly string[] Family = ["សុខ|Sok", "ចាន់|Chan", "ហេង|Heng", "គឹម|Kim", "ម៉ៅ|Mao", "ស៊ុន|Sun", "ពៅ|Pov", "លី|Ly"];
    private static readonly string[] Given =
    [
        "ដារា|Dara",
        "សុភា|Sophea",
        "វណ្ណា|Vanna",
        "រតនា|Ratana",
        "បូរ៉ា|Bora",
        "ចន្ថា|Chantha",
        "សុផល|Sophal",
        "នារី|Neary",
    ];
    private static readonly string[] Prisons = ["Prey Sar", "CC1", "CC2", "Kandal", "Takhmao", "Battambang"];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var people = 100_000;
        string? output = null;
        string? postgres = null;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--people":
                    people = int.Parse(args[++i].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--postgres":
                    postgres = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        var dir = Path.Combine(Path.GetTempPath(), "habeas-import-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var databases = await BenchDatabases.CreateAsync(postgres, cancellationToken);
        var loadBefore = LoadAverage();
        try
        {
            var csv = Path.Combine(dir, "people.csv");
            var generate = Stopwatch.StartNew();
            await WriteCsvAsync(csv, people, cancellationToken);
            Console.WriteLine(
                $"Wrote {people:N0} rows ({new FileInfo(csv).Length / 1024 / 1024} MB) in {generate.Elapsed.TotalSeconds:0.0} s."
            );

            var shellSeconds = await SqliteShellAsync(csv, Path.Combine(dir, "bare.db"), cancellationToken);
            Console.WriteLine(
                shellSeconds is { } s
                    ? $"sqlite3 .import: {s:0.00} s ({people / s:N0} rows/s)."
                    : "sqlite3 is not installed (apt-get install -y sqlite3): there is nothing to compare with."
            );

            var map = Path.Combine(dir, "people.mapping.json");
            await File.WriteAllTextAsync(
                map,
                """
                { "system": "bench", "columns": { "ref": "externalId", "name": "name", "latin": "name:romanization", "sex": "sex", "born": "birthDate",
                  "arrested": "event1.date", "prison": "event1.place", "sentenced": "event2.date", "term": "event2.sentence" },
                  "constants": { "event1.type": "arrest", "event2.type": "verdict", "event2.decision": "convicted" }, "placeKind": "prison" }
                """,
                cancellationToken
            );
            var sqlite = await HabeasImportAsync(
                "SQLite",
                csv,
                map,
                ["--data", databases.DataDirectory],
                Path.Combine(dir, "report.json"),
                people
            );
            var onPostgres = databases.PostgresConnectionString is { } cs
                ? await HabeasImportAsync(
                    "PostgreSQL",
                    csv,
                    map,
                    ["--data", databases.DataDirectory, "--database", cs],
                    Path.Combine(dir, "report-postgres.json"),
                    people
                )
                : null;
            var exit = Math.Max(sqlite.Exit, onPostgres?.Exit ?? 0);

            var text = Report(
                people,
                shellSeconds,
                sqlite,
                onPostgres,
                new FileInfo(csv).Length,
                new FileInfo(Path.Combine(databases.DataDirectory, "habeas.db")).Length,
                loadBefore,
                LoadAverage()
            );
            Console.WriteLine(text);
            if (output is not null)
            {
                await File.WriteAllTextAsync(output, text, cancellationToken);
            }
            return exit;
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(dir, recursive: true);
                await databases.DropAsync();
            }
        }
    }

    private sealed record ImportRun(string Database, int Exit, double Seconds, double CpuSeconds, string Report);

    private static async Task<ImportRun> HabeasImportAsync(
        string database,
        string csv,
        string map,
        string[] target,
        string reportPath,
        int people
    )
    {
        Console.WriteLine($"habeas import into {database} (one transaction):");
        // CPU time beside the wall time: on the shared machine the wall time mostly measures the other engineers' load.
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var exit = await Habeas.Host.Verbs.RunAsync(["import", csv, "--map", map, .. target, "--report", reportPath]);
        var seconds = watch.Elapsed.TotalSeconds;
        self.Refresh();
        var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(
            $"habeas import into {database}: exit {exit}, {seconds:0.0} s ({people / seconds:N0} rows/s), {cpuSeconds:0.0} s of CPU."
        );
        return new ImportRun(database, exit, seconds, cpuSeconds, await File.ReadAllTextAsync(reportPath));
    }

    /// <summary>The sqlite3 shell's <c>.import</c> of the file into a bare table, in seconds; null when sqlite3 is not installed.</summary>
    private static async Task<double?> SqliteShellAsync(string csv, string database, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("sqlite3", [database]) { RedirectStandardInput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteLineAsync($".mode csv\n.import {csv} people\n.quit");
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The 1-minute load average (/proc/loadavg), to say how busy the shared machine was.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static async Task WriteCsvAsync(string path, int people, CancellationToken cancellationToken)
    {
        var rng = new Rng(20261202);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("ref,name,latin,sex,born,arrested,prison,sentenced,term");
        var line = new StringBuilder();
        for (var i = 1; i <= people; i++)
        {
            var f = Family[rng.Next(Family.Length)].Split('|');
            var g = Given[rng.Next(Given.Length)].Split('|');
            var year = (2000 + rng.Next(24));
            line.Clear();
            line.Append(
                CultureInfo.InvariantCulture,
                $"P{i},{f[0]} {g[0]},{f[1]} {g[1]} {i},{(rng.Next(2) == 0 ? "male" : "female")},{(1940 + rng.Next(65))},"
            );
            line.Append(
                CultureInfo.InvariantCulture,
                $"{year}-{(1 + rng.Next(12)):00}-{(1 + rng.Next(28)):00},{Prisons[rng.Next(Prisons.Length)]},{year + 1},{(1 + rng.Next(14))} years"
            );
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    private static string Report(
        int people,
        double? shellSeconds,
        ImportRun sqlite,
        ImportRun? postgres,
        long csvBytes,
        long dbBytes,
        string loadBefore,
        string loadAfter
    )
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"# Import benchmark: {people:N0} people, two events each, from CSV");
        s.AppendLine();
        s.AppendLine(
            inv,
            $"- Machine: {Machine.Cpu()}, {Machine.Memory()}; {Environment.OSVersion}, .NET {Environment.Version}; shared with other engineers' builds and tests: 1-minute load average {loadBefore} at the start, {loadAfter} at the end"
        );
        var ranAt = TimeProvider.System.GetUtcNow();
        s.Append(inv, $"- Run: {ranAt:yyyy-MM-dd HH:mm} UTC; ");
        var command = string.Create(inv, $"dotnet run -c Release --project bench/Habeas.Bench -- import --people {people}");
        s.AppendLine(inv, $"`{command}{(postgres is null ? "" : " --postgres …")}`");
        s.AppendLine(
            inv,
            $"- File: {csvBytes / 1024.0 / 1024.0:0.0} MB CSV; SQLite database after import {dbBytes / 1024.0 / 1024.0:0.0} MB"
        );
        s.AppendLine();
        s.AppendLine("| | seconds | rows per second | CPU seconds of the process |");
        s.AppendLine("|---|---:|---:|---:|");
        s.AppendLine(
            shellSeconds is { } shell
                ? string.Create(
                    inv,
                    $"| `sqlite3` shell `.import` into a bare table (one TEXT column per CSV column) | {shell:0.00} | {people / shell:N0} | |"
                )
                : "| `sqlite3` shell `.import`: not installed on this machine (`apt-get install -y sqlite3`) | | | |"
        );
        foreach (var run in new[] { sqlite, postgres }.OfType<ImportRun>())
        {
            s.AppendLine(
                inv,
                $"| `habeas import` into {run.Database} (exit {run.Exit}): validation, names with script and folding, 2 events, places, versions, search entries, audit entries, custody periods, duplicate check, one transaction | {run.Seconds:0.0} | {people / run.Seconds:N0} | {run.CpuSeconds:0.0} ({people / run.CpuSeconds:N0} rows per CPU second) |"
            );
        }
        s.AppendLine(inv, $"| target | {people / 50_000.0:0.0} | 50,000 | |");
        s.AppendLine();
        if (shellSeconds is { } bare)
        {
            s.AppendLine(
                inv,
                $"On SQLite Habeas is {sqlite.Seconds / bare:0.0}× slower than the bare `.import` and at {(people / sqlite.Seconds) / 50_000.0:P0} of the target."
            );
            s.AppendLine();
        }
        foreach (var run in new[] { sqlite, postgres }.OfType<ImportRun>())
        {
            s.AppendLine(inv, $"The import report ({run.Database}):");
            s.AppendLine();
            s.AppendLine("```json");
            s.AppendLine(run.Report.Length > 3000 ? run.Report[..3000] + "\n…" : run.Report);
            s.AppendLine("```");
            s.AppendLine();
        }
        return s.ToString();
    }
}
