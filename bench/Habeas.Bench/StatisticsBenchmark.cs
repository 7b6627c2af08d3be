using System.Diagnostics;
using System.Globalization;
using System.Text;
using Habeas.Publishing.Statistics;
using Habeas.Records.Custody;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Habeas.Bench;

/// <summary>
/// The detained-over-time target: the daily series over ten years, for 1,000,000 people, in under 500 ms.
/// Generates the people and their custody periods, writes them straight into people and custody_periods (the periods are
/// derived data: Habeas would have built the same rows from arrest, detention-order, verdict and release events, but
/// building them through the timeline builder would time the loader, not the figure), fills custody_day_changes from them
/// with the code of migration 0018's data step (the app keeps it in step at every rebuild), then times
/// <see cref="Figures.DailyAsync{T}"/> exactly as the statistics page calls it (a fresh context per run, as a
/// signed-in staff reader, so the people-level query filter is part of the query).
/// </summary>
public static class StatisticsBenchmark
{
    private static readonly DateOnly From = new(2016, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    private sealed record Period(string Status, bool Deprived, DateOnly FromDay, DateOnly? ToDay, bool Presumed);

    public static async Task<int> RunAsync(string[] args, string commandLine, CancellationToken cancellationToken)
    {
        long people = 1_000_000;
        var runs = 10;
        string? postgres = "Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres";
        string? output = null;
        ulong seed = 20240501;
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
                case "--seed":
                    seed = ulong.Parse(Value(), CultureInfo.InvariantCulture);
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
        Say($"# Statistics benchmark: people deprived of liberty, daily, {From:yyyy-MM-dd} to {To:yyyy-MM-dd}");
        Say("");
        Say($"- command: `dotnet run -c Release --project bench/Habeas.Bench -- {commandLine}`");
        Say($"- machine: {Machine.Cpu()}, {Machine.Memory()}, {Machine.OperatingSystem()}; commit {Machine.Commit()}");
        Say($"- people: {people:N0}; runs: {runs} (after one warm-up run); seed {seed}");
        var databases = await BenchDatabases.CreateAsync(postgres, cancellationToken);
        try
        {
            var load = Stopwatch.StartNew();
            var (periods, deprived) = await LoadAsync(databases, people, seed, cancellationToken);
            Say(
                $"- custody periods written: {periods:N0} ({deprived:N0} deprived of liberty), in {load.Elapsed.TotalSeconds:F0} s, straight into the tables (derived data; see above)"
            );
            foreach (var (name, storage) in new[] { ("SQLite", databases.Sqlite), ("PostgreSQL", databases.Postgres) })
            {
                if (storage is null)
                {
                    continue;
                }
                var fill = Stopwatch.StartNew();
                await using var db = BenchDatabases.Open(storage);
                await CustodyDayChanges.RebuildAsync(db, cancellationToken);
                var rows = await db.CustodyDayChanges.CountAsync(cancellationToken);
                Say(
                    $"- custody_day_changes filled from those periods by `CustodyDayChanges.RebuildAsync` (migration 0018's data step), {name}: {rows:N0} rows in {fill.Elapsed.TotalSeconds:F1} s"
                );
            }
            Say("");
            Say("| database | days | p50 ms | max ms | min ms | people detained on the last day |");
            Say("|---|---:|---:|---:|---:|---:|");
            foreach (var (name, storage) in new[] { ("SQLite", databases.Sqlite), ("PostgreSQL", databases.Postgres) })
            {
                if (storage is null)
                {
                    continue;
                }
                var times = new List<double>();
                var last = 0;
                for (var run = 0; run <= runs; run++)
                {
                    await using var db = BenchDatabases.Open(storage);
                    db.Viewer = new Habeas.Platform.Access.Viewer(
                        "bench-staff",
                        SignedIn: true,
                        SeesAllRestricted: false,
                        Confidential: false,
                        MayPublish: false
                    );
                    var watch = Stopwatch.StartNew();
                    var daily = await Figures.DailyAsync<CustodyPeriod>(db, From, To, cancellationToken);
                    watch.Stop();
                    last = daily[^1].Count;
                    if (run > 0)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
                times.Sort();
                Say(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {name} | {To.DayNumber - From.DayNumber + 1:N0} | {times[times.Count / 2]:F0} | {times[^1]:F0} | {times[0]:F0} | {last:N0} |"
                    )
                );
            }
        }
        finally
        {
            await databases.DropAsync();
        }
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString(), cancellationToken);
        }
        return 0;
    }

    /// <summary>
    /// A person's custody, as the timeline builder would derive it: about 60 % are arrested once in the ten years (or
    /// the five before), some twice; police custody of 1 to 3 days, pre-trial detention of 1 to 14 months, then bail or
    /// release (freed), a sentence of 1 to 6 years served until a presumed release, or still held. A free period
    /// follows every release, as in the stored timeline.
    /// </summary>
    private static List<Period> PeriodsOf(ulong seed, long index)
    {
        var rng = Rng.For(seed, 77, index);
        var periods = new List<Period>();
        if (!rng.Chance(0.6))
        {
            return periods;
        }
        var day = From.AddYears(-5).AddDays(rng.Next(15 * 365));
        var spells = rng.Chance(0.15) ? 2 : 1;
        for (var s = 0; s < spells; s++)
        {
            var custodyEnd = day.AddDays(1 + rng.Next(3));
            periods.Add(new Period("police-custody", true, day, custodyEnd, false));
            var roll = rng.NextDouble();
            if (roll < 0.1)
            {
                periods.Add(new Period("free", false, custodyEnd, null, false));
                day = custodyEnd.AddDays(200 + rng.Next(2000));
                continue;
            }
            var trialEnd = custodyEnd.AddDays(30 + rng.Next(400));
            if (roll < 0.15)
            {
                periods.Add(new Period("pre-trial-detention", true, custodyEnd, null, false));
                break;
            }
            periods.Add(new Period("pre-trial-detention", true, custodyEnd, trialEnd, false));
            if (roll < 0.45)
            {
                periods.Add(new Period("bail", false, trialEnd, null, false));
                day = trialEnd.AddDays(200 + rng.Next(2000));
                continue;
            }
            var sentenceEnd = trialEnd.AddDays(365 + rng.Next(5 * 365));
            periods.Add(new Period("serving-sentence", true, trialEnd, sentenceEnd, false));
            periods.Add(new Period("free", false, sentenceEnd, null, true));
            day = sentenceEnd.AddDays(200 + rng.Next(2000));
        }
        // Only the last period may stay open.
        for (var i = 0; i < periods.Count - 1; i++)
        {
            if (periods[i].ToDay is null)
            {
                periods[i] = periods[i] with { ToDay = periods[i + 1].FromDay };
            }
        }
        return periods;
    }

    private static async Task<(long Periods, long Deprived)> LoadAsync(
        BenchDatabases databases,
        long people,
        ulong seed,
        CancellationToken cancellationToken
    )
    {
        await using var lite = new SqliteConnection($"Data Source={databases.Sqlite.SqlitePath};Pooling=False");
        await lite.OpenAsync(cancellationToken);
        await using (var pragma = lite.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var transaction = (SqliteTransaction)await lite.BeginTransactionAsync(cancellationToken);
        await using var person = lite.CreateCommand();
        person.Transaction = transaction;
        person.CommandText =
            "INSERT INTO people (id, version, level, biography, created_at, updated_at) VALUES ($id, 1, 'internal', '{}', 0, 0)";
        person.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        await using var period = lite.CreateCommand();
        period.Transaction = transaction;
        period.CommandText =
            "INSERT INTO custody_periods (person_id, sequence, status, deprived_of_liberty, from_day, to_day, from_date, to_date, presumed) "
            + "VALUES ($person, $sequence, $status, $deprived, $from, $to, $from, $to, $presumed)";
        foreach (var name in new[] { "$person", "$sequence", "$status", "$deprived", "$from", "$to", "$presumed" })
        {
            period.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        NpgsqlConnection? pgPeople = null,
            pgPeriods = null;
        NpgsqlBinaryImporter? peopleCopy = null,
            periodsCopy = null;
        if (databases.PostgresConnectionString is { } cs)
        {
            pgPeople = new NpgsqlConnection(cs);
            await pgPeople.OpenAsync(cancellationToken);
            pgPeriods = new NpgsqlConnection(cs);
            await pgPeriods.OpenAsync(cancellationToken);
            await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", pgPeriods))
            {
                await replica.ExecuteNonQueryAsync(cancellationToken);
            }
            peopleCopy = await pgPeople.BeginBinaryImportAsync(
                "COPY people (id, version, level, biography, created_at, updated_at) FROM STDIN (FORMAT BINARY)",
                cancellationToken
            );
            periodsCopy = await pgPeriods.BeginBinaryImportAsync(
                "COPY custody_periods (person_id, sequence, status, deprived_of_liberty, from_day, to_day, from_date, to_date, presumed) FROM STDIN (FORMAT BINARY)",
                cancellationToken
            );
        }
        long count = 0,
            deprived = 0;
        var epoch = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (long i = 0; i < people; i++)
        {
            var id = Guid.CreateVersion7();
            person.Parameters[0].Value = id.ToString().ToUpperInvariant();
            person.ExecuteNonQuery();
            if (peopleCopy is not null)
            {
                await peopleCopy.StartRowAsync(cancellationToken);
                await peopleCopy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await peopleCopy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await peopleCopy.WriteAsync("internal", NpgsqlDbType.Varchar, cancellationToken);
                await peopleCopy.WriteAsync("{}", NpgsqlDbType.Text, cancellationToken);
                await peopleCopy.WriteAsync(epoch, NpgsqlDbType.TimestampTz, cancellationToken);
                await peopleCopy.WriteAsync(epoch, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            var periods = PeriodsOf(seed, i);
            for (var s = 0; s < periods.Count; s++)
            {
                var p = periods[s];
                var from = p.FromDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var to = p.ToDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                period.Parameters[0].Value = person.Parameters[0].Value;
                period.Parameters[1].Value = s;
                period.Parameters[2].Value = p.Status;
                period.Parameters[3].Value = p.Deprived ? 1 : 0;
                period.Parameters[4].Value = from;
                period.Parameters[5].Value = (object?)to ?? DBNull.Value;
                period.Parameters[6].Value = p.Presumed ? 1 : 0;
                period.ExecuteNonQuery();
                if (periodsCopy is not null)
                {
                    await periodsCopy.StartRowAsync(cancellationToken);
                    await periodsCopy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await periodsCopy.WriteAsync(s, NpgsqlDbType.Integer, cancellationToken);
                    await periodsCopy.WriteAsync(p.Status, NpgsqlDbType.Varchar, cancellationToken);
                    await periodsCopy.WriteAsync(p.Deprived, NpgsqlDbType.Boolean, cancellationToken);
                    await periodsCopy.WriteAsync(p.FromDay, NpgsqlDbType.Date, cancellationToken);
                    if (p.ToDay is { } toDay)
                    {
                        await periodsCopy.WriteAsync(toDay, NpgsqlDbType.Date, cancellationToken);
                    }
                    else
                    {
                        await periodsCopy.WriteNullAsync(cancellationToken);
                    }
                    await periodsCopy.WriteAsync(from, NpgsqlDbType.Varchar, cancellationToken);
                    if (to is null)
                    {
                        await periodsCopy.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await periodsCopy.WriteAsync(to, NpgsqlDbType.Varchar, cancellationToken);
                    }
                    await periodsCopy.WriteAsync(p.Presumed, NpgsqlDbType.Boolean, cancellationToken);
                }
                count++;
                deprived += p.Deprived ? 1 : 0;
            }
        }
        await transaction.CommitAsync(cancellationToken);
        await using (var analyze = lite.CreateCommand())
        {
            analyze.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
        if (peopleCopy is not null && periodsCopy is not null)
        {
            await peopleCopy.CompleteAsync(cancellationToken);
            await peopleCopy.DisposeAsync();
            await periodsCopy.CompleteAsync(cancellationToken);
            await periodsCopy.DisposeAsync();
            foreach (var table in new[] { "people", "custody_periods" })
            {
#pragma warning disable CA2100 // Constant SQL of this program.
                await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", pgPeople) { CommandTimeout = 0 };
#pragma warning restore CA2100
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        if (pgPeople is not null)
        {
            await pgPeople.DisposeAsync();
        }
        if (pgPeriods is not null)
        {
            await pgPeriods.DisposeAsync();
        }
        return (count, deprived);
    }
}
