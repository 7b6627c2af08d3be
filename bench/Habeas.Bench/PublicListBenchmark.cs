using System.Diagnostics;
using System.Globalization;
using System.Text;
using Habeas.Platform.Storage;
using Habeas.Publishing.Public;
using Habeas.Records.Custody;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Bench;

/// <summary>
/// The public list's target: the published list page at 1,000,000 people in under 50 ms of server time. Fills
/// both databases with a population written by the databases themselves (INSERT … SELECT over a series of numbers, the
/// same rows on SQLite and PostgreSQL): people, 70 % of them public, each with a name, 12.5 % journalists, 16 % land activists, 1 % monks;
/// an arrest event at
/// a district for the 60 % ever detained, half of them released, and the public custody timeline those events give
/// (published_custody_periods, derived data, written as the timeline builder would); a case charging half of the
/// detained under one of 20 legal provisions. Then times <see cref="PublicList.PageAsync"/>, the queries of /public,
/// for the default list, each filter and each sort, with a fresh context per run.
/// </summary>
public static class PublicListBenchmark
{
    private const int Provinces = 25;
    private const int DistrictsPerProvince = 8;
    private const int Provisions = 20;
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static readonly string[] Families =
    [
        "Chan",
        "Sok",
        "Kim",
        "Heng",
        "Chea",
        "Meas",
        "Nguon",
        "Phan",
        "Lim",
        "Seng",
        "Ouk",
        "Prak",
        "Tep",
        "Ly",
        "Keo",
        "Hun",
        "Sam",
        "Yim",
        "Vann",
        "Pov",
        "Ros",
        "Chhim",
        "Hem",
        "Nhem",
        "Touch",
        "Sar",
        "Mao",
        "Long",
        "Pich",
        "Rath",
    ];
    private static readonly string[] Givens =
    [
        "Dara",
        "Vanna",
        "Sophea",
        "Bopha",
        "Rithy",
        "Sokha",
        "Chenda",
        "Vuthy",
        "Sreymom",
        "Piseth",
        "Kosal",
        "Malis",
        "Narin",
        "Theary",
        "Samnang",
        "Sothea",
        "Kunthea",
        "Vibol",
        "Sovann",
        "Leakhena",
        "Makara",
        "Channary",
        "Ratana",
        "Sopheak",
        "Visal",
        "Nimol",
        "Phalla",
        "Rachana",
        "Seyha",
        "Thida",
    ];

    public static async Task<int> RunAsync(string[] args, string commandLine, CancellationToken cancellationToken)
    {
        long people = 1_000_000;
        var runs = 20;
        string? postgres = "Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres";
        string? output = null;
        var keep = false;
        string? reuseData = null;
        string? reuseDatabase = null;
        var gatherLimit = PublicList.GatherLimit;
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
                case "--postgres":
                    postgres = Value();
                    break;
                case "--no-postgres":
                    postgres = null;
                    break;
                case "--out":
                    output = Value();
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--reuse":
                    reuseData = Value();
                    break;
                case "--reuse-database":
                    reuseDatabase = Value();
                    break;
                case "--gather-limit":
                    gatherLimit = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        var report = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }
        Say("# Public list benchmark: /public at " + people.ToString("N0", CultureInfo.InvariantCulture) + " people");
        Say("");
        Say($"- command: `dotnet run -c Release --project bench/Habeas.Bench -- {commandLine}`");
        Say($"- machine: {Machine.Cpu()}, {Machine.Memory()}, {Machine.OperatingSystem()}; commit {Machine.Commit()}");
        Say(
            $"- people: {people:N0}; runs per case: {runs} (after one warm-up run); the day of the status filter: {Today:yyyy-MM-dd}; gather limit {gatherLimit:N0} (0: every filter checked along the order)"
        );
        // --reuse (and --reuse-database) take a population kept by an earlier run with --keep: migrated to this build, not
        // written again (writing takes most of a run at a million people).
        var databases = reuseData is null
            ? await BenchDatabases.CreateAsync(postgres, cancellationToken)
            : await BenchDatabases.ReuseAsync(reuseData, reuseDatabase is null ? null : postgres, reuseDatabase, cancellationToken);
        try
        {
            var province = Id(2, 3);
            var provision = Id(9, 7);
            var cases = new (string Name, PublicList.Query Query)[]
            {
                ("default (by name, page 1)", Query()),
                ("by name, page 200", Query() with { Page = 200 }),
                ("status: pre-trial detention", Query() with { Status = "pre-trial-detention" }),
                ("status: serving a sentence", Query() with { Status = "serving-sentence" }),
                ("status: free", Query() with { Status = "free" }),
                ("tag: journalist", Query() with { Tag = "journalist" }),
                ("tag: monk (rarer)", Query() with { Tag = "monk" }),
                ("place: a province (its 8 districts)", Query() with { Place = province }),
                ("place: a district", Query() with { Place = Id(2, Provinces + 3 * DistrictsPerProvince) }),
                ("legal provision", Query() with { Provision = provision }),
                ("sort: first detention, newest", Query() with { Sort = PublicList.ByArrestNewest }),
                ("sort: first detention, oldest", Query() with { Sort = PublicList.ByArrestOldest }),
                ("status detained + tag + province", Query() with { Status = "pre-trial-detention", Tag = "journalist", Place = province }),
                ("tag + sort: first detention, newest", Query() with { Tag = "journalist", Sort = PublicList.ByArrestNewest }),
            };
            var results = new Dictionary<string, List<string>>();
            foreach (var (name, storage) in new[] { ("SQLite", databases.Sqlite), ("PostgreSQL", databases.Postgres) })
            {
                if (storage is null)
                {
                    continue;
                }
                var load = Stopwatch.StartNew();
                if (reuseData is null)
                {
                    await LoadAsync(storage, people, cancellationToken);
                    Say($"- {name}: population written in {load.Elapsed.TotalSeconds:F0} s");
                }
                else
                {
                    await AnalyzeAsync(storage, cancellationToken);
                    Say($"- {name}: population of an earlier run (--reuse), migrated and analysed in {load.Elapsed.TotalSeconds:F0} s");
                }
                await using (var db = BenchDatabases.Open(storage))
                {
                    var publicPeople = await db
                        .People.IgnoreQueryFilters()
                        .CountAsync(p => p.Level == Habeas.Platform.Access.RecordLevels.Public, cancellationToken);
                    var periods = await db.PublishedCustodyPeriods.IgnoreQueryFilters().CountAsync(cancellationToken);
                    Say($"  ({publicPeople:N0} public people, {periods:N0} public custody periods)");
                }
                foreach (var (caseName, query) in cases)
                {
                    var times = new List<double>();
                    var rows = 0;
                    var hasNext = false;
                    for (var run = 0; run <= runs; run++)
                    {
                        await using var db = BenchDatabases.Open(storage);
                        var watch = Stopwatch.StartNew();
                        var page = await PublicList.PageAsync(db, query, "en", cancellationToken, gatherLimit);
                        watch.Stop();
                        (rows, hasNext) = (page.Rows.Count, page.HasNext);
                        if (run > 0)
                        {
                            times.Add(watch.Elapsed.TotalMilliseconds);
                        }
                    }
                    times.Sort();
                    var line = string.Create(
                        CultureInfo.InvariantCulture,
                        $"{times[times.Count / 2]:F1} | {times[^1]:F1} | {rows}{(hasNext ? "+" : "")}"
                    );
                    Console.WriteLine($"{name} {caseName}: {line}");
                    results.TryAdd(caseName, []);
                    results[caseName].Add(line);
                }
                var choices = new List<double>();
                for (var run = 0; run < 3; run++)
                {
                    var watch = Stopwatch.StartNew();
                    await ChoicesAsync(storage, cancellationToken);
                    choices.Add(watch.Elapsed.TotalMilliseconds);
                }
                Say(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"- {name}: the filters' choices (PublicChoices: places of public events, provisions of public charges; kept for a minute), read afresh: {choices.Min():F0} to {choices.Max():F0} ms"
                    )
                );
            }
            Say("");
            var names = databases.Postgres is null ? new[] { "SQLite" } : ["SQLite", "PostgreSQL"];
            Say("| list | " + string.Join(" | ", names.Select(n => $"{n} p50 ms | {n} max ms | {n} rows")) + " |");
            Say("|---|" + string.Concat(names.Select(_ => "---:|---:|---:|")));
            foreach (var (caseName, _) in cases)
            {
                Say($"| {caseName} | {string.Join(" | ", results[caseName])} |");
            }
            Say("");
            Say("Rows: the rows the page shows (50 a page); + when there is a next page.");
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine(
                    $"Kept: --reuse {databases.DataDirectory}" + (databases.DatabaseName is { } kept ? $" --reuse-database {kept}" : "")
                );
            }
            else if (reuseData is null)
            {
                await databases.DropAsync();
            }
        }
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString(), cancellationToken);
        }
        return 0;

        static PublicList.Query Query() => new(null, Today, null, null, null, PublicList.ByName, 1);
    }

    /// <summary>The choices as <see cref="PublicChoices"/> reads them (without its one-minute cache).</summary>
    private static async Task ChoicesAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        await using var db = BenchDatabases.Open(storage);
        _ = await PublicChoices.ReadAsync(db, cancellationToken);
    }

    /// <summary>The id of the n-th record of a kind, the same on both databases (version 4 layout, readable in the rows).</summary>
    private static Guid Id(int kind, long n) =>
        Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"{n:X8}-{kind:X4}-4000-8000-000000000000"));

    /// <summary>The SQL of one database for what differs: ids, days, booleans, timestamps and the series of numbers.</summary>
    private sealed class Dialect(bool postgres)
    {
        public string Id(int kind, string n) =>
            postgres
                ? $"CAST(lpad(to_hex(CAST({n} AS bigint)), 8, '0') || '-{kind:X4}-4000-8000-000000000000' AS uuid)"
                : $"printf('%08X-{kind:X4}-4000-8000-000000000000', {n})";

        public string Day(string offset) =>
            postgres ? $"(DATE '2000-01-01' + CAST({offset} AS integer))" : $"date('2000-01-01', '+' || ({offset}) || ' days')";

        public string DayText(string offset) => postgres ? $"to_char({Day(offset)}, 'YYYY-MM-DD')" : Day(offset);

        public string True => postgres ? "true" : "1";

        public string False => postgres ? "false" : "0";

        public string Now => postgres ? "TIMESTAMPTZ '2024-01-01 00:00:00+00'" : "0";

        public string Numbers(long count) =>
            postgres
                ? $"generate_series(CAST(0 AS bigint), {count - 1}) AS n(i)"
                : $"(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {count - 1}) SELECT i FROM s) AS n";

        public static string Word(string[] words, string i) =>
            $"CASE CAST(({i}) % {words.Length} AS integer) {string.Concat(words.Select((w, k) => $"WHEN {k} THEN '{w}' "))}END";
    }

    private static async Task AnalyzeAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        await using var db = BenchDatabases.Open(storage);
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
    }

    private static async Task LoadAsync(StorageOptions storage, long people, CancellationToken cancellationToken)
    {
        await using var db = BenchDatabases.Open(storage);
        var postgres = db.Database.IsNpgsql();
        var d = new Dialect(postgres);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        async Task ExecuteAsync(string sql, System.Data.Common.DbTransaction? transaction = null)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = 0;
#pragma warning disable CA2100 // The bench's own SQL, built from constants.
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (!postgres)
        {
            await ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;");
        }
        var districts = Provinces * DistrictsPerProvince;
        // Who is who, from the person's number i alone: multiplicative hashes, so that being public, detained, released,
        // charged, tagged and where do not follow one another.
        var isPublic = "(i * 2654435761) % 1000 < 700";
        var detained = "(i * 40503 + 17) % 1000 < 600";
        var released = $"{detained} AND (i * 69069 + 5) % 1000 < 500";
        var arrest = "((i * 7919) % 9000)";
        var release = $"({arrest} + 30 + (i * 31) % 1500)";
        var status = "CASE WHEN (i * 31337) % 3 = 0 THEN 'serving-sentence' ELSE 'pre-trial-detention' END";
        var level = $"CASE WHEN {isPublic} THEN 'public' ELSE 'internal' END";
        var charged = $"{detained} AND (i * 48271) % 1000 < 500";
        string[] statements =
        [
            $"INSERT INTO places (id, version, parent_id, kind, names) SELECT {d.Id(2, "i")}, 1, NULL, 'province', '{{\"en\":\"Province ' || i || '\"}}' FROM {d.Numbers(Provinces)}",
            $"INSERT INTO places (id, version, parent_id, kind, names) SELECT {d.Id(2, $"{Provinces} + i")}, 1, {d.Id(2, $"i / {DistrictsPerProvince}")}, 'district', '{{\"en\":\"District ' || i || '\"}}' FROM {d.Numbers(districts)}",
            $"INSERT INTO legal_provisions (id, version, code, article, title) SELECT {d.Id(9, "i")}, 1, 'Criminal Code', 'Art. ' || (400 + i), '{{}}' FROM {d.Numbers(Provisions)}",
            $"INSERT INTO people (id, version, level, biography, created_at, updated_at) SELECT {d.Id(1, "i")}, 1, {level}, '{{}}', {d.Now}, {d.Now} FROM {d.Numbers(people)}",
            $"INSERT INTO person_names (id, person_id, text, script, kind, sort_order, search_text) SELECT {d.Id(3, "i")}, {d.Id(1, "i")}, name, 'Latn', 'primary', 0, lower(name) FROM "
                + $"(SELECT i, {Dialect.Word(Families, "i * 2654435761 / 7")} || ' ' || {Dialect.Word(Givens, "i * 40503 / 3")} AS name FROM {d.Numbers(people)}) AS named",
            $"INSERT INTO person_tags (person_id, tag) SELECT {d.Id(1, "i")}, 'journalist' FROM {d.Numbers(people)} WHERE (i * 7907) % 1000 < 125",
            $"INSERT INTO person_tags (person_id, tag) SELECT {d.Id(1, "i")}, 'monk' FROM {d.Numbers(people)} WHERE (i * 6007 + 3) % 1000 < 10",
            $"INSERT INTO person_tags (person_id, tag) SELECT {d.Id(1, "i")}, 'land-activist' FROM {d.Numbers(people)} WHERE (i * 5381 + 11) % 1000 < 160",
            $"INSERT INTO events (id, version, level, type, date, sort_date, place_id, description, search_text, created_at, updated_at) SELECT {d.Id(4, "i")}, 1, {level}, 'arrest', "
                + $"{d.DayText(arrest)}, {d.Day(arrest)}, {d.Id(2, $"{Provinces} + (i * 104729) % ({districts} * 1000) / 1000")}, '{{}}', '', {d.Now}, {d.Now} FROM {d.Numbers(people)} WHERE {detained}",
            $"INSERT INTO event_people (event_id, person_id) SELECT {d.Id(4, "i")}, {d.Id(1, "i")} FROM {d.Numbers(people)} WHERE {detained}",
            $"INSERT INTO events (id, version, level, type, date, sort_date, description, search_text, created_at, updated_at) SELECT {d.Id(5, "i")}, 1, {level}, 'release', "
                + $"{d.DayText(release)}, {d.Day(release)}, '{{}}', '', {d.Now}, {d.Now} FROM {d.Numbers(people)} WHERE {released}",
            $"INSERT INTO event_people (event_id, person_id) SELECT {d.Id(5, "i")}, {d.Id(1, "i")} FROM {d.Numbers(people)} WHERE {released}",
            $"INSERT INTO cases (id, version, level, title, summary, created_at, updated_at) SELECT {d.Id(6, "i")}, 1, {level}, 'Case ' || i, '{{}}', {d.Now}, {d.Now} FROM {d.Numbers(people)} WHERE {charged}",
            $"INSERT INTO case_participants (id, case_id, person_id, role) SELECT {d.Id(7, "i")}, {d.Id(6, "i")}, {d.Id(1, "i")}, 'defendant' FROM {d.Numbers(people)} WHERE {charged}",
            $"INSERT INTO charges (id, version, case_id, person_id, provision_id, description, state) SELECT {d.Id(8, "i")}, 1, {d.Id(6, "i")}, NULL, {d.Id(9, $"(i * 9973) % ({Provisions} * 1000) / 1000")}, '', 'pending' "
                + $"FROM {d.Numbers(people)} WHERE {charged}",
            // The public timeline the builder would derive from those public events: detained from the arrest, free from the release.
            $"INSERT INTO published_custody_periods (person_id, sequence, status, deprived_of_liberty, from_day, to_day, from_date, to_date, presumed) SELECT {d.Id(1, "i")}, 0, {status}, {d.True}, "
                + $"{d.Day(arrest)}, CASE WHEN {released} THEN {d.Day(release)} END, {d.DayText(arrest)}, CASE WHEN {released} THEN {d.DayText(release)} END, {d.False} "
                + $"FROM {d.Numbers(people)} WHERE {isPublic} AND {detained}",
            $"INSERT INTO published_custody_periods (person_id, sequence, status, deprived_of_liberty, from_day, to_day, from_date, to_date, presumed) SELECT {d.Id(1, "i")}, 1, 'free', {d.False}, "
                + $"{d.Day(release)}, NULL, {d.DayText(release)}, NULL, {d.False} FROM {d.Numbers(people)} WHERE {isPublic} AND {released}",
        ];
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var sql in statements)
            {
                await ExecuteAsync(sql, transaction);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await ExecuteAsync(postgres ? "VACUUM ANALYZE" : "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
    }
}
