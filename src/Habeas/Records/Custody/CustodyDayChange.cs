using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Habeas.Core.Statistics;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Custody;

/// <summary>
/// How many detention periods of an edition's timeline start and end on a day (custody_day_changes): derived from the
/// stored custody periods, kept in step with them in the same transaction as every rebuild (<see cref="CustodyDayChanges"/>),
/// so the detained-over-time series reads a few thousand rows instead of every period.
/// </summary>
public sealed class CustodyDayChange
{
    /// <summary><see cref="CustodyDayChanges.Shared"/> (custody_periods) or <see cref="CustodyDayChanges.Published"/>
    /// (published_custody_periods).</summary>
    public string Edition { get; set; } = "";
    public DateOnly Day { get; set; }
    public int Starts { get; set; }
    public int Ends { get; set; }
}

/// <summary>Keeps custody_day_changes equal to the per-day starts and ends of the detention periods of each timeline.</summary>
public static class CustodyDayChanges
{
    public const string Shared = "shared";
    public const string Published = "published";

    public static string Edition<T>()
        where T : StoredCustodyPeriod => typeof(T) == typeof(PublishedCustodyPeriod) ? Published : Shared;

    /// <summary>Days written by one statement (four parameters each).</summary>
    private const int DaysPerStatement = 250;

    /// <summary>
    /// Applies the difference between a person's detention periods before and after a rebuild, in the caller's
    /// transaction. Each day is an atomic upsert (an increment, never a read then a write), so concurrent rebuilds of
    /// other people add up; the days go in order, so two writers lock shared rows in the same order. Up to
    /// <see cref="DaysPerStatement"/> days go in one statement (an import's chunk touches a thousand days at once);
    /// the days of one call are distinct, as ON CONFLICT on PostgreSQL requires.
    /// </summary>
    public static async Task ApplyAsync(
        HabeasDb db,
        string edition,
        IEnumerable<(DateOnly From, DateOnly? To)> before,
        IEnumerable<(DateOnly From, DateOnly? To)> after,
        CancellationToken cancellationToken
    )
    {
        var changes = DayChanges.Between(before, after);
        for (var first = 0; first < changes.Count; first += DaysPerStatement)
        {
            var count = Math.Min(DaysPerStatement, changes.Count - first);
            var sql = new StringBuilder("INSERT INTO custody_day_changes (edition, day, starts, ends) VALUES ");
            var values = new object[count * 4];
            for (var i = 0; i < count; i++)
            {
                var change = changes[first + i];
                sql.Append(
                    CultureInfo.InvariantCulture,
                    $"{(i == 0 ? "" : ", ")}({{{4 * i}}}, {{{(4 * i) + 1}}}, {{{(4 * i) + 2}}}, {{{(4 * i) + 3}}})"
                );
                (values[4 * i], values[(4 * i) + 1], values[(4 * i) + 2], values[(4 * i) + 3]) = (
                    edition,
                    change.Day,
                    change.Starts,
                    change.Ends
                );
            }
            sql.Append(
                " ON CONFLICT (edition, day) DO UPDATE SET starts = custody_day_changes.starts + excluded.starts, ends = custody_day_changes.ends + excluded.ends"
            );
            // Placeholders only: every value goes as a parameter.
            await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(sql.ToString(), values), cancellationToken);
        }
    }

    /// <summary>
    /// Recomputes the whole table from the stored periods of both timelines, in one transaction (the caller's, or its
    /// own): the data step of migration 0018, and how a bulk load that writes periods straight into the tables fills it.
    /// </summary>
    [DataStep("0018_statistics_and_public_list")]
    public static async Task RebuildAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync("DELETE FROM custody_day_changes", cancellationToken);
            foreach (var (edition, table) in new[] { (Shared, "custody_periods"), (Published, "published_custody_periods") })
            {
                // Constant table names of this program; the edition is a constant too.
#pragma warning disable EF1002, CA2100
                await db.Database.ExecuteSqlRawAsync(
                    $"""
                    INSERT INTO custody_day_changes (edition, day, starts, ends)
                    SELECT '{edition}', day, SUM(starts), SUM(ends) FROM (
                        SELECT from_day AS day, 1 AS starts, 0 AS ends FROM {table} WHERE deprived_of_liberty
                        UNION ALL
                        SELECT to_day AS day, 0 AS starts, 1 AS ends FROM {table} WHERE deprived_of_liberty AND to_day IS NOT NULL
                    ) AS changes
                    GROUP BY day
                    """,
                    cancellationToken
                );
#pragma warning restore EF1002, CA2100
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>The day changes of an edition up to <paramref name="to"/>, in day order.</summary>
    public static async Task<List<DayChange>> UpToAsync(HabeasDb db, string edition, DateOnly to, CancellationToken cancellationToken) => (
            await db
                .CustodyDayChanges.AsNoTracking()
                .Where(c => c.Edition == edition && c.Day <= to)
                .Select(c => new
                {
                    c.Day,
                    c.Starts,
                    c.Ends,
                })
                .ToListAsync(cancellationToken)
        ).Select(c => new DayChange(c.Day, c.Starts, c.Ends)).ToList();
}
