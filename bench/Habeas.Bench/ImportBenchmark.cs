using System.Diagnostics;
using System.Globalization;
using System.Text;
using Habeas.Cli;

namespace Habeas.Bench;

/// <summary>
/// <c>import [--people N] [--out FILE] [--keep]</c>: writes a CSV of N people (a Khmer name and its romanization, sex,
/// birth year, an arrest with its prison and a verdict with its term: two events each), times the sqlite3 shell's
/// <c>.import</c> of it into a bare table, then times <c>habeas import</c> of the same file into a new SQLite database
/// through the normal save path (issue 6's target: 50,000 rows per second). bench/README.md.
/// </summary>
public static class ImportBenchmark
{
    private static readonly string[] Family = ["សុខ|Sok", "ចាន់|Chan", "ហេង|Heng", "គឹម|Kim", "ម៉ៅ|Mao", "ស៊ុន|Sun", "ពៅ|Pov", "លី|Ly"];
    private static readonly string[] Given = ["ដារា|Dara", "សុភា|Sophea", "វណ្ណា|Vanna", "រតនា|Ratana", "បូរ៉ា|Bora", "ចន្ថា|Chantha", "សុផល|Sophal", "នារី|Neary"];
    private static readonly string[] Prisons = ["Prey Sar", "CC1", "CC2", "Kandal", "Takhmao", "Battambang"];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var people = 100_000;
        string? output = null;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--people": people = int.Parse(args[++i].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture); break;
                case "--out": output = args[++i]; break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        var dir = Path.Combine(Path.GetTempPath(), "habeas-import-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var csv = Path.Combine(dir, "people.csv");
            var generate = Stopwatch.StartNew();
            await WriteCsvAsync(csv, people, cancellationToken);
            Console.WriteLine($"Wrote {people:N0} rows ({new FileInfo(csv).Length / 1024 / 1024} MB) in {generate.Elapsed.TotalSeconds:0.0} s.");

            var shell = Stopwatch.StartNew();
            var bare = Path.Combine(dir, "bare.db");
            var start = new ProcessStartInfo("sqlite3", [bare]) { RedirectStandardInput = true, RedirectStandardError = true };
            using (var process = Process.Start(start)!)
            {
                await process.StandardInput.WriteLineAsync($".mode csv\n.import {csv} people\n.quit");
                process.StandardInput.Close();
                await process.WaitForExitAsync(cancellationToken);
            }
            var shellSeconds = shell.Elapsed.TotalSeconds;
            Console.WriteLine($"sqlite3 .import: {shellSeconds:0.00} s ({people / shellSeconds:N0} rows/s).");

            var map = Path.Combine(dir, "people.mapping.json");
            await File.WriteAllTextAsync(map, """
                { "system": "bench", "columns": { "ref": "externalId", "name": "name", "latin": "name:romanization", "sex": "sex", "born": "birthDate",
                  "arrested": "event1.date", "prison": "event1.place", "sentenced": "event2.date", "term": "event2.sentence" },
                  "constants": { "event1.type": "arrest", "event2.type": "verdict", "event2.decision": "convicted" }, "placeKind": "prison" }
                """, cancellationToken);
            var data = Path.Combine(dir, "data");
            Console.WriteLine("habeas import (the normal save path, one transaction):");
            var habeas = Stopwatch.StartNew();
            var exit = await Verbs.RunAsync(["import", csv, "--map", map, "--data", data, "--report", Path.Combine(dir, "report.json")]);
            var habeasSeconds = habeas.Elapsed.TotalSeconds;
            var report = await File.ReadAllTextAsync(Path.Combine(dir, "report.json"), cancellationToken);
            Console.WriteLine($"habeas import: exit {exit}, {habeasSeconds:0.0} s ({people / habeasSeconds:N0} rows/s).");

            var text = Report(people, shellSeconds, habeasSeconds, exit, new FileInfo(csv).Length, new FileInfo(Path.Combine(data, "habeas.db")).Length, report);
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
            }
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
            line.Append(CultureInfo.InvariantCulture, $"P{i},{f[0]} {g[0]},{f[1]} {g[1]} {i},{(rng.Next(2) == 0 ? "male" : "female")},{(1940 + rng.Next(65))},");
            line.Append(CultureInfo.InvariantCulture, $"{year}-{(1 + rng.Next(12)):00}-{(1 + rng.Next(28)):00},{Prisons[rng.Next(Prisons.Length)]},{year + 1},{(1 + rng.Next(14))} years");
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    private static string Report(int people, double shellSeconds, double habeasSeconds, int exit, long csvBytes, long dbBytes, string reportJson)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"# Import benchmark: {people:N0} people, two events each, from CSV on SQLite");
        s.AppendLine();
        s.AppendLine(inv, $"- Machine: {Machine.Cpu()}, {Machine.Memory()}; {Environment.OSVersion}, .NET {Environment.Version}");
        s.AppendLine(inv, $"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; `dotnet run -c Release --project bench/Habeas.Bench -- import --people {people}`");
        s.AppendLine(inv, $"- File: {csvBytes / 1024.0 / 1024.0:0.0} MB CSV; database after import {dbBytes / 1024.0 / 1024.0:0.0} MB");
        s.AppendLine();
        s.AppendLine("| | seconds | rows per second |");
        s.AppendLine("|---|---:|---:|");
        s.AppendLine(inv, $"| `sqlite3` shell `.import` into a bare table (one TEXT column per CSV column) | {shellSeconds:0.00} | {people / shellSeconds:N0} |");
        s.AppendLine(inv, $"| `habeas import` (exit {exit}): validation, names with script and folding, 2 events, places, versions, search entries, audit entries, custody periods, one transaction | {habeasSeconds:0.0} | {people / habeasSeconds:N0} |");
        s.AppendLine(inv, $"| target (issue 6) | {people / 50_000.0:0.0} | 50,000 |");
        s.AppendLine();
        s.AppendLine(inv, $"Habeas is {habeasSeconds / shellSeconds:0}× slower than the bare `.import` and {(people / habeasSeconds) / 50_000.0:P0} of the target.");
        s.AppendLine();
        s.AppendLine("The import report:");
        s.AppendLine();
        s.AppendLine("```json");
        s.AppendLine(reportJson.Length > 3000 ? reportJson[..3000] + "\n…" : reportJson);
        s.AppendLine("```");
        return s.ToString();
    }
}
