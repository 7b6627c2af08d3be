using System.Globalization;
using Habeas.Core.Statistics;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Cases;
using Habeas.Records.Custody;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Statistics;

/// <summary>A person behind a figure, with what made them count (their periods, the event, the group).</summary>
public sealed record RecordLine(Guid PersonId, string Name, string Detail);

/// <summary>
/// Computes the figures from the stored custody periods and the events, never from a number typed in. The internal
/// edition reads the shared timeline (custody_periods) as the signed-in reader sees the records; the public edition
/// reads the public timeline (published_custody_periods) as an anonymous visitor, whoever asks, so it counts published
/// people and published events only. Every query is written once, generic over the two period tables.
/// </summary>
public sealed class Figures(HabeasDb db, Texts texts, Vocabularies vocabularies, TimeProvider time)
{
    /// <summary>Event types whose place says where a person was held (the latest one on or before the day counts).</summary>
    public static readonly string[] PlaceEventTypes =
    [
        "arrest",
        "pre-trial-detention-order",
        "detention-extension",
        "transfer",
        "verdict",
        "administrative-detention",
        "house-arrest",
    ];

    /// <summary>Roles that make a person answer to a case's charges.</summary>
    public static readonly string[] DefendantRoles = ["defendant", "co-defendant"];

    public const string NoGroup = "none";

    private bool _published;

    public DateOnly Today => time.Today();

    /// <summary>From now on, count published records only, as an anonymous visitor.</summary>
    public Figures Published()
    {
        _published = true;
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        return this;
    }

    public static bool Exists(string? id) => Figure.Ids.Contains(id);

    public Task<Figure> BuildAsync(string id, FigureRange range, CancellationToken cancellationToken) =>
        _published
            ? BuildAsync(db.PublishedCustodyPeriods, id, range, cancellationToken)
            : BuildAsync(db.CustodyPeriods, id, range, cancellationToken);

    /// <summary>People deprived of liberty on a day, in this edition.</summary>
    public async Task<int> DetainedOnAsync(DateOnly day, CancellationToken cancellationToken) =>
        (
            _published
                ? await DailyAsync<PublishedCustodyPeriod>(db, day, day, cancellationToken)
                : await DailyAsync<CustodyPeriod>(db, day, day, cancellationToken)
        )[0].Count;

    public Task<IReadOnlyList<RecordLine>> RecordsAsync(string id, FigureRange range, string? key, CancellationToken cancellationToken) =>
        _published
            ? RecordsAsync(db.PublishedCustodyPeriods, id, range, key, cancellationToken)
            : RecordsAsync(db.CustodyPeriods, id, range, key, cancellationToken);

    private async Task<Figure> BuildAsync<T>(IQueryable<T> periods, string id, FigureRange range, CancellationToken ct)
        where T : StoredCustodyPeriod
    {
        var rows = id switch
        {
            "detained" => await DetainedSeriesAsync<T>(range, ct),
            "arrests-releases" => await ArrestsAndReleasesAsync(range, ct),
            "time-detained" => await TimeDetainedAsync(periods, range, ct),
            _ => await GroupedAsync(periods, id, range, ct),
        };
        var headers = id switch
        {
            "detained" => [texts["statistics.column.detained"]],
            "arrests-releases" => [texts["statistics.column.arrests"], texts["statistics.column.releases"]],
            "time-detained" =>
            [
                texts["statistics.column.people"],
                texts["statistics.column.median"],
                texts["statistics.column.minimum"],
                texts["statistics.column.maximum"],
            ],
            _ => new[] { texts["statistics.column.people"] },
        };
        var keyHeader = id switch
        {
            "detained" or "arrests-releases" => texts["statistics.column.period"],
            "time-detained" => texts["statistics.column.group"],
            _ => texts[$"statistics.key.{id}"],
        };
        var note = texts[$"statistics.note.{id}"] + "\n" + texts[_published ? "statistics.note.public" : "statistics.note.internal"];
        return new Figure(id, texts[$"statistics.figure.{id}"], note, keyHeader, headers, rows, range, _published, time.GetUtcNow());
    }

    // ---- People deprived of liberty over time: the sweep ----

    /// <summary>
    /// The daily count over the range, summed in <see cref="DetentionSweep"/> from the starts and ends of every stored
    /// detention period per day, read from custody_day_changes (a few thousand rows, kept equal to the aggregate over the
    /// periods in the same transaction as every rebuild: <see cref="CustodyDayChanges"/>). That counts every stored period,
    /// with no check of the person's visibility; the periods of the people this reader may not see (restricted people
    /// without a grant, merged records; for the public table, anyone not public) are then counted from the periods
    /// themselves and taken off. Those people are few, so the result is exactly that of the filtered query over the
    /// periods, at the price of reading the day table.
    /// </summary>
    public static async Task<IReadOnlyList<DailyCount>> DailyAsync<T>(HabeasDb db, DateOnly from, DateOnly to, CancellationToken ct)
        where T : StoredCustodyPeriod
    {
        var (open, starts, ends) = DayChanges.Sweep(
            await CustodyDayChanges.UpToAsync(db, CustodyDayChanges.Edition<T>(), to, ct),
            from,
            to
        );
        var all = db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(p => p.DeprivedOfLiberty);
        var hidden = await HiddenPeopleAsync<T>(db, ct);
        if (hidden.Count > 0)
        {
            var (hiddenOpen, hiddenStarts, hiddenEnds) = await AggregatesAsync(all.Where(p => hidden.Contains(p.PersonId)), from, to, ct);
            open -= hiddenOpen;
            Subtract(starts, hiddenStarts);
            Subtract(ends, hiddenEnds);
        }
        return DetentionSweep.Daily(from, to, open, starts, ends);
    }

    private static async Task<(int Open, Dictionary<DateOnly, int> Starts, Dictionary<DateOnly, int> Ends)> AggregatesAsync<T>(
        IQueryable<T> deprived,
        DateOnly from,
        DateOnly to,
        CancellationToken ct
    )
        where T : StoredCustodyPeriod
    {
        var open = await deprived.CountAsync(p => p.FromDay <= from && (p.ToDay == null || p.ToDay > from), ct);
        var starts = await deprived
            .Where(p => p.FromDay > from && p.FromDay <= to)
            .GroupBy(p => p.FromDay)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Day, g => g.Count, ct);
        var ends = await deprived
            .Where(p => p.ToDay > from && p.ToDay <= to)
            .GroupBy(p => p.ToDay!.Value)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Day, g => g.Count, ct);
        return (open, starts, ends);
    }

    private static void Subtract(Dictionary<DateOnly, int> counts, Dictionary<DateOnly, int> taken)
    {
        foreach (var (day, n) in taken)
        {
            counts[day] = counts.GetValueOrDefault(day) - n;
        }
    }

    /// <summary>People with stored periods in <typeparamref name="T"/> whom the reader may not see. Candidates: for the
    /// shared timeline, restricted and merged people (both indexed); for the public one, everyone in it (public people only).</summary>
    private static async Task<List<Guid>> HiddenPeopleAsync<T>(HabeasDb db, CancellationToken ct)
        where T : StoredCustodyPeriod
    {
        var candidates =
            typeof(T) == typeof(CustodyPeriod)
                ? db
                    .People.IgnoreQueryFilters()
                    .Where(p => p.Level == Habeas.Platform.Access.RecordLevels.Restricted || p.MergedIntoId != null)
                    .Select(p => p.Id)
                : db.Set<T>().IgnoreQueryFilters().Select(p => p.PersonId).Distinct();
        // Two queries: IgnoreQueryFilters would also lift the filter of a subquery asking which of them are visible.
        var found = await candidates.ToListAsync(ct);
        if (found.Count == 0)
        {
            return found;
        }
        var visible = await db.People.Where(p => found.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        return found.Except(visible).ToList();
    }

    private async Task<List<FigureRow>> DetainedSeriesAsync<T>(FigureRange range, CancellationToken ct)
        where T : StoredCustodyPeriod
    {
        var daily = await DailyAsync<T>(db, range.From, range.To, ct);
        return Series
            .Group(daily, range.Interval, range.Measure)
            .Select(p => new FigureRow(
                Series.Label(p.Start, range.Interval),
                BucketLabel(p, range.Interval),
                [p.Value],
                range.Interval == Interval.Day || range.Measure == BucketMeasure.LastDay
                    ? $"from={Iso(p.End)}&to={Iso(p.End)}"
                    : $"from={Iso(p.Start)}&to={Iso(p.End)}"
            ))
            .ToList();
    }

    /// <summary>"February 2020" as the reader writes a month (their month names, era and digits).</summary>
    private static string MonthLabel(DateOnly month) =>
        Display.Date(Habeas.Core.Dates.FuzzyDate.OfMonth(month.Year, month.Month), Habeas.Platform.Api.Problems.Texts);

    private static string BucketLabel(SeriesPoint point, Interval interval) =>
        interval switch
        {
            Interval.Day => Display.Day(point.Start),
            Interval.Month => MonthLabel(point.Start),
            _ => $"{Display.Day(point.Start)} – {Display.Day(point.End)}",
        };

    // ---- Arrests and releases per month ----

    private async Task<List<(Guid PersonId, string Type, DateOnly Day)>> ArrestsAndReleasesAsync(
        DateOnly from,
        DateOnly to,
        CancellationToken ct
    ) => (
            await db
                .EventPeople.AsNoTracking()
                .Join(
                    db.Events.Where(e => (e.Type == "arrest" || e.Type == "release") && e.SortDate >= from && e.SortDate <= to),
                    p => p.EventId,
                    e => e.Id,
                    (p, e) =>
                        new
                        {
                            p.PersonId,
                            e.Type,
                            Day = e.SortDate!.Value,
                        }
                )
                .ToListAsync(ct)
        ).Select(e => (e.PersonId, e.Type, e.Day)).ToList();

    private async Task<List<FigureRow>> ArrestsAndReleasesAsync(FigureRange range, CancellationToken ct)
    {
        var events = await ArrestsAndReleasesAsync(range.From, range.To, ct);
        var arrests = Series.Monthly(events.Where(e => e.Type == "arrest").Select(e => e.Day), range.From, range.To);
        var releases = Series.Monthly(events.Where(e => e.Type == "release").Select(e => e.Day), range.From, range.To);
        return arrests
            .Zip(releases, (a, r) =>
            {
                var first = a.Month < range.From ? range.From : a.Month;
                var last = a.Month.AddMonths(1).AddDays(-1) > range.To ? range.To : a.Month.AddMonths(1).AddDays(-1);
                return new FigureRow(
                    Series.Label(a.Month, Interval.Month),
                    MonthLabel(a.Month),
                    [a.Count, r.Count],
                    $"from={Iso(first)}&to={Iso(last)}"
                );
            })
            .ToList();
    }

    // ---- Median time deprived of liberty ----

    private static async Task<Dictionary<Guid, List<(DateOnly From, DateOnly? To)>>> DetentionPeriodsAsync<T>(
        IQueryable<T> periods,
        DateOnly on,
        CancellationToken ct
    )
        where T : StoredCustodyPeriod => (
            await periods
                .AsNoTracking()
                .Where(p => p.DeprivedOfLiberty && p.FromDay <= on)
                .Select(p => new
                {
                    p.PersonId,
                    p.FromDay,
                    p.ToDay,
                })
                .ToListAsync(ct)
        ).GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.Select(p => (p.FromDay, p.ToDay)).ToList());

    private async Task<List<FigureRow>> TimeDetainedAsync<T>(IQueryable<T> periods, FigureRange range, CancellationToken ct)
        where T : StoredCustodyPeriod
    {
        var summary = TimeDetained.Summarise((await DetentionPeriodsAsync(periods, range.On, ct)).Values, range.On);
        FigureRow Row(string key, DaysSummary s) =>
            new(key, texts[$"statistics.time.{key}"], [s.People, s.Median, s.Minimum, s.Maximum], $"on={Iso(range.On)}&group={key}");
        return [Row("completed", summary.Completed), Row("ongoing", summary.Ongoing), Row("all", summary.All)];
    }

    // ---- People deprived of liberty on a day, by group ----

    private static IQueryable<Guid> DetainedOn<T>(IQueryable<T> periods, DateOnly on)
        where T : StoredCustodyPeriod => periods.CoveringDay(on).Where(p => p.DeprivedOfLiberty).Select(p => p.PersonId);

    /// <summary>Each person detained on the day with the groups they fall in (a person may be in several; none: the "none"
    /// group).</summary>
    private async Task<Dictionary<Guid, HashSet<(string Key, string Label)>>> GroupsAsync<T>(
        IQueryable<T> periods,
        string id,
        DateOnly on,
        CancellationToken ct
    )
        where T : StoredCustodyPeriod
    {
        var detained = DetainedOn(periods, on);
        var people = (await detained.Distinct().ToListAsync(ct)).ToDictionary(p => p, _ => new HashSet<(string, string)>());
        switch (id)
        {
            case "by-tag":
                foreach (var t in await db.PersonTags.AsNoTracking().Where(t => detained.Contains(t.PersonId)).ToListAsync(ct))
                {
                    people[t.PersonId].Add((t.Tag, vocabularies.Label("person-tag", t.Tag)));
                }
                break;
            case "by-designation":
                var designations = await db
                    .Designations.AsNoTracking()
                    .Where(d => detained.Contains(d.PersonId))
                    .Select(d => new
                    {
                        d.PersonId,
                        d.Category,
                        d.Date,
                        d.WithdrawnOn,
                    })
                    .ToListAsync(ct);
                foreach (
                    var d in designations.Where(d =>
                        (d.Date is not { } given || given.Earliest <= on) && (d.WithdrawnOn is not { } withdrawn || withdrawn.Earliest > on)
                    )
                )
                {
                    people[d.PersonId].Add((d.Category, vocabularies.Label("designation", d.Category)));
                }
                break;
            case "by-charge":
                var cases = await db
                    .CaseParticipants.AsNoTracking()
                    .Where(p => DefendantRoles.Contains(p.Role) && detained.Contains(p.PersonId))
                    .Select(p => new { p.CaseId, p.PersonId })
                    .ToListAsync(ct);
                var caseIds = cases.Select(c => c.CaseId).Distinct().ToList();
                var charges = await db
                    .Charges.AsNoTracking()
                    .Include(c => c.Provision)
                    .Where(c => caseIds.Contains(c.CaseId))
                    .ToListAsync(ct);
                foreach (var c in cases)
                {
                    foreach (var charge in charges.Where(ch => ch.CaseId == c.CaseId && (ch.PersonId is null || ch.PersonId == c.PersonId)))
                    {
                        var key = charge.Provision is { } p ? $"provision:{p.Label}" : $"charge:{charge.Description.Trim()}";
                        people[c.PersonId].Add((key, charge.Provision?.Label ?? charge.Description.Trim()));
                    }
                }
                break;
            case "by-place":
                var located = await db
                    .EventPeople.AsNoTracking()
                    .Where(p => detained.Contains(p.PersonId))
                    .Join(
                        db.Events.Where(e => e.PlaceId != null && e.SortDate <= on && PlaceEventTypes.Contains(e.Type)),
                        p => p.EventId,
                        e => e.Id,
                        (p, e) =>
                            new
                            {
                                p.PersonId,
                                e.SortDate,
                                e.CreatedAt,
                                PlaceId = e.PlaceId!.Value,
                            }
                    )
                    .ToListAsync(ct);
                var latest = located
                    .GroupBy(l => l.PersonId)
                    .Select(g => g.OrderBy(l => l.SortDate).ThenBy(l => l.CreatedAt).Last())
                    .ToList();
                var placeIds = latest.Select(l => l.PlaceId).Distinct().ToList();
                var places = await db
                    .Places.AsNoTracking()
                    .Include(p => p.Parent)
                    .Where(p => placeIds.Contains(p.Id))
                    .ToDictionaryAsync(p => p.Id, ct);
                foreach (var l in latest)
                {
                    people[l.PersonId]
                        .Add((l.PlaceId.ToString(), places.TryGetValue(l.PlaceId, out var place) ? place.FullName : l.PlaceId.ToString()));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, null);
        }
        foreach (var groups in people.Values.Where(g => g.Count == 0))
        {
            groups.Add((NoGroup, texts["statistics.group.none"]));
        }
        return people;
    }

    private async Task<List<FigureRow>> GroupedAsync<T>(IQueryable<T> periods, string id, FigureRange range, CancellationToken ct)
        where T : StoredCustodyPeriod
    {
        var people = await GroupsAsync(periods, id, range.On, ct);
        return people
            .SelectMany(p => p.Value)
            .GroupBy(g => g.Key)
            .Select(g => new FigureRow(g.Key, g.First().Label, [g.Count()], $"on={Iso(range.On)}&group={Uri.EscapeDataString(g.Key)}"))
            .OrderByDescending(r => r.Values[0])
            .ThenBy(r => r.Key == NoGroup)
            .ThenBy(r => r.Label, StringComparer.CurrentCulture)
            .ToList();
    }

    // ---- The records behind each figure ----

    private async Task<IReadOnlyList<RecordLine>> RecordsAsync<T>(
        IQueryable<T> periods,
        string id,
        FigureRange range,
        string? key,
        CancellationToken ct
    )
        where T : StoredCustodyPeriod
    {
        Dictionary<Guid, string> details;
        switch (id)
        {
            case "detained":
                // A day (on=), or everyone detained at some time in a bucket (from= to=, for the peak measure).
                var inRange = await periods
                    .AsNoTracking()
                    .Where(p => p.DeprivedOfLiberty && p.FromDay <= range.To && (p.ToDay == null || p.ToDay > range.From))
                    .OrderBy(p => p.FromDay)
                    .ToListAsync(ct);
                details = inRange.GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(Describe)));
                break;
            case "arrests-releases":
                var events = await ArrestsAndReleasesAsync(range.From, range.To, ct);
                details = events
                    .GroupBy(e => e.PersonId)
                    .ToDictionary(
                        g => g.Key,
                        g =>
                            string.Join(
                                "; ",
                                g.OrderBy(e => e.Day).Select(e => $"{vocabularies.Label("event-type", e.Type)} {Display.Day(e.Day)}")
                            )
                    );
                break;
            case "time-detained":
                var all = await DetentionPeriodsAsync(periods, range.On, ct);
                details = [];
                foreach (var (person, spells) in all)
                {
                    if (TimeDetained.Of(spells, range.On) is { } found && (key is null or "all" || (key == "ongoing") == found.Ongoing))
                    {
                        details[person] = texts.Plural(
                            found.Ongoing ? "statistics.records.daysOngoing" : "statistics.records.days",
                            found.Days
                        );
                    }
                }
                break;
            default:
                var groups = await GroupsAsync(periods, id, range.On, ct);
                details = groups
                    .Where(g => key is null || g.Value.Any(x => x.Key == key))
                    .ToDictionary(g => g.Key, g => string.Join("; ", g.Value.Select(x => x.Label).Order(StringComparer.CurrentCulture)));
                break;
        }
        var ids = details.Keys.ToList();
        var people = await db.People.AsNoTracking().Include(p => p.Names).Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return people
            .Select(p => new RecordLine(p.Id, p.NameFor(Texts.CurrentLanguage), details[p.Id]))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    private string Describe(StoredCustodyPeriod p) =>
        $"{vocabularies.Label("custody-status", p.Status)} {Display.Day(p.FromDay)} – {(p.ToDay is { } to ? Display.Day(to.AddDays(-1)) : texts["statistics.records.ongoing"])}"
        + (p.Presumed ? $" ({texts["statistics.records.presumed"]})" : "");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
