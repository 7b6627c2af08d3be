using System.Diagnostics;
using System.Globalization;
using System.Text;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Organisations;
using Habeas.Records.Pickers;
using Habeas.Records.Places;
using Habeas.Records.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Habeas.Bench;

/// <summary>
/// pickers: the server time of each picker's search step (Records/Pickers: the finders the forms and /pickers/{kind}
/// call) at N people on SQLite. The people are the name benchmark's (<see cref="Population"/>, written by
/// <see cref="Loader"/> with their search entries); one case per four people titled after one of them ("Case of Sok
/// Yoeun", a court case number "KS-2019-000123"), one source per eight people ("LICADHO report on …"), 2,000 places and
/// 1,000 organisations, all written straight into the tables with their search entries as SearchIndexing writes them.
/// Each query is timed with a fresh context per call (a request's), as a signed-in staff reader (the visibility
/// filters apply), after warm-up calls that are not counted.
/// </summary>
public static class PickersBenchmark
{
    private static readonly string[] Publishers =
    [
        "LICADHO",
        "Adhoc",
        "CCHR",
        "Amnesty International",
        "Human Rights Watch",
        "RFA",
        "VOD",
        "Phnom Penh Post",
        "UN OHCHR",
        "Cambodia Daily",
    ];

    public static async Task<int> RunAsync(string[] args, string command, CancellationToken cancellationToken)
    {
        long people = 1_000_000;
        var runs = 50;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--people":
                    people = long.Parse(Value().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    runs = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = Value();
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        var started = TimeProvider.System.GetUtcNow();
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Trim() : "?";
        var databases = await BenchDatabases.CreateAsync(null, cancellationToken);
        try
        {
            var population = new Population(20240501);
            var names = new List<string>();
            var watch = Stopwatch.StartNew();
            await using (
                var loader = await Loader.OpenAsync(databases, sqlite: true, postgres: false, cancellationToken, searchEntries: true)
            )
            {
                for (long i = 0; i < people; i++)
                {
                    var person = population.Generate(i);
                    loader.Add(person, Habeas.Platform.Access.RecordLevels.Internal);
                    if (i % 4 == 0)
                    {
                        names.Add(person.Stored[^1].Text);
                    }
                }
                await loader.CompleteAsync(cancellationToken);
            }
            var peopleSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var (caseNumbers, sourceCount) = await WriteRecordsAsync(databases, names, cancellationToken);
            var recordsSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine(
                $"Loaded {people:N0} people in {peopleSeconds:F0} s; {names.Count:N0} cases, {sourceCount:N0} sources, places and organisations in {recordsSeconds:F0} s."
            );

            var storage = databases.Sqlite;
            HabeasDb Open()
            {
                var db = BenchDatabases.Open(storage);
                db.Viewer = new Habeas.Platform.Access.Viewer(
                    "bench-staff",
                    SignedIn: true,
                    SeesAllRestricted: false,
                    Confidential: false,
                    MayPublish: false
                );
                return db;
            }
            using var index = new PeopleNameIndex();
            watch.Restart();
            await using (var db = BenchDatabases.Open(storage))
            {
                await index.SyncAsync(db, cancellationToken);
            }
            var indexSeconds = watch.Elapsed.TotalSeconds;

            var rng = Rng.For(7, 7, 0);
            string Name() => names[rng.Next(names.Count)];
            var cases = new (string Picker, string Query, Func<HabeasDb, IRecordFinder> Finder, Func<string> Text)[]
            {
                ("person", "a stored name", db => new PersonFinder(db, index), Name),
                ("case", "the name of the case's person (two or three words)", db => new CaseFinder(db), () => Name()),
                ("case", "one common word (\"case\": every case)", db => new CaseFinder(db), () => "case"),
                ("case", "a court case number", db => new CaseFinder(db), () => caseNumbers[rng.Next(caseNumbers.Count)]),
                ("case", "a word no case has (the whole index read)", db => new CaseFinder(db), () => "zzqx" + rng.Next(1000)),
                ("source", "the name of the source's person", db => new SourceFinder(db), Name),
                ("source", "a publisher and a word", db => new SourceFinder(db), () => Publishers[rng.Next(Publishers.Length)] + " report"),
                ("source", "a word no source has (the whole index read)", db => new SourceFinder(db), () => "zzqx" + rng.Next(1000)),
                ("place", "part of a name", db => new PlaceFinder(db), () => "district " + rng.Next(100)),
                ("organisation", "part of a name", db => new OrganisationFinder(db), () => "court " + rng.Next(100)),
            };
            var rows = new List<string>();
            foreach (var (picker, query, finder, text) in cases)
            {
                var times = new List<double>();
                var found = 0;
                for (var run = -5; run < runs; run++)
                {
                    var q = text();
                    await using var db = Open();
                    var start = Stopwatch.GetTimestamp();
                    var hits = await finder(db).FindAsync(q, RecordPicker.MaxOptions + 1, cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (run >= 0)
                    {
                        times.Add(elapsed);
                        found += hits.Count;
                    }
                }
                times.Sort();
                double At(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
                rows.Add(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {picker} | {query} | {At(0.5):F1} | {At(0.95):F1} | {times[^1]:F1} | {found / (double)runs:F1} | {(At(0.95) < 100 ? "met" : "**missed**")} |"
                    )
                );
                Console.Error.WriteLine(rows[^1]);
            }

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"# Pickers at {people:N0} people (SQLite)");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"- command: `dotnet run --project bench/Habeas.Bench -- {command}`");
            report.AppendLine(
                CultureInfo.InvariantCulture,
                $"- started {started:yyyy-MM-dd HH:mm} UTC, commit {Machine.Commit()}; load average at the start: {load}"
            );
            report.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Machine.Cpu()}, {Machine.Memory()}, {Machine.OperatingSystem()}");
            report.AppendLine(
                CultureInfo.InvariantCulture,
                $"- data: {people:N0} people ({peopleSeconds:F0} s to write), {names.Count:N0} cases, {sourceCount:N0} sources, 2,000 places, 1,000 organisations ({recordsSeconds:F0} s); name index built in {indexSeconds:F0} s"
            );
            report.AppendLine(
                CultureInfo.InvariantCulture,
                $"- {runs} timed calls per row after 5 untimed, a fresh context each, as a signed-in staff reader; at most 11 asked (10 shown, one more to say \"type more\")"
            );
            report.AppendLine();
            report.AppendLine("| picker | query | p50 ms | p95 ms | max ms | found (mean) | p95 < 100 ms |");
            report.AppendLine("|---|---|---:|---:|---:|---:|---|");
            foreach (var row in rows)
            {
                report.AppendLine(row);
            }
            var written = report.ToString();
            Console.WriteLine(written);
            if (output is not null)
            {
                await File.WriteAllTextAsync(output, written, cancellationToken);
            }
            return 0;
        }
        finally
        {
            await databases.DropAsync();
        }
    }

    /// <summary>Cases (one per name given), sources (one per ten), places and organisations with their search entries and words.</summary>
    private static async Task<(List<string> CaseNumbers, int Sources)> WriteRecordsAsync(
        BenchDatabases databases,
        List<string> names,
        CancellationToken cancellationToken
    )
    {
        var dates = new DateTimeOffsetToBinaryConverter();
        var at = (long)dates.ConvertToProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))!;
        var numbers = new List<string>();
        var sources = 0;
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(databases.DataDirectory, "habeas.db")}"))
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var insertCase = Command(
                connection,
                transaction,
                "INSERT INTO cases (id, version, title, court_case_number, summary, created_at, updated_at, level) VALUES ($id, 1, $title, $number, '{}', $at, $at, 'internal')",
                "$id",
                "$title",
                "$number",
                "$at"
            );
            var insertSource = Command(
                connection,
                transaction,
                "INSERT INTO sources (id, version, title, publisher, created_at, updated_at, level) VALUES ($id, 1, $title, $publisher, $at, $at, 'internal')",
                "$id",
                "$title",
                "$publisher",
                "$at"
            );
            var insertEntry = Command(
                connection,
                transaction,
                "INSERT INTO search_entries (record_type, record_id, text) VALUES ($type, $id, $text)",
                "$type",
                "$id",
                "$text"
            );
            var insertWord = Command(
                connection,
                transaction,
                "INSERT INTO search_words (record_type, record_id, word) VALUES ($type, $id, $word)",
                "$type",
                "$id",
                "$word"
            );
            // The entry and its indexed words, as the write path keeps them (SearchSaving).
            void Entry(string type, string id, string text)
            {
                Run(insertEntry, type, id, text);
                foreach (var word in SearchWordIndex.RowsOf(type, Guid.Parse(id), text))
                {
                    Run(insertWord, type, id, word.Word);
                }
            }
            for (var i = 0; i < names.Count; i++)
            {
                var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
                var title = "Case of " + names[i];
                var number = string.Create(CultureInfo.InvariantCulture, $"KS-{2000 + i % 25}-{i:000000}");
                if (i % 1000 == 0)
                {
                    numbers.Add(number);
                }
                Run(insertCase, id, title, number, at);
                Entry("case", id, SearchWords.Stored([title, number]));
                if (i % 2 == 0)
                {
                    var source = Guid.CreateVersion7().ToString().ToUpperInvariant();
                    var publisher = Publishers[i % Publishers.Length];
                    var sourceTitle = $"{publisher} report on {names[i]}";
                    Run(insertSource, source, sourceTitle, publisher, at);
                    Entry("source", source, SearchWords.Stored([sourceTitle, publisher]));
                    sources++;
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await using (var db = BenchDatabases.Open(databases.Sqlite))
        {
            for (var p = 0; p < 25; p++)
            {
                var province = new Place { Kind = "province", Names = LocalizedText.Of("en", $"Province {p}") };
                db.Places.Add(province);
                for (var d = 0; d < 79; d++)
                {
                    db.Places.Add(
                        new Place
                        {
                            Kind = "district",
                            ParentId = province.Id,
                            Names = LocalizedText.Of("en", $"District {p * 79 + d}"),
                        }
                    );
                }
            }
            for (var o = 0; o < 1000; o++)
            {
                db.Organisations.Add(
                    new Organisation
                    {
                        Kind = o % 2 == 0 ? "court" : "police",
                        Names = LocalizedText.Of("en", $"{(o % 2 == 0 ? "Court" : "Police unit")} {o}"),
                    }
                );
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return (numbers, sources);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The statements are this file's constants.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }
}
