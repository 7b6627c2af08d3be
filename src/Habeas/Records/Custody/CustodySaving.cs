using Habeas.Core.Custody;
using Habeas.Platform.Access;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Deadlines;
using Habeas.Records.Events;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Custody;

/// <summary>
/// The stored custody periods of everyone whose events a save changes, rebuilt in the same transaction: a part of every
/// save (Storage/RecordSaving.cs), after the audit entries.
/// </summary>
public sealed class CustodySaving : ISavePart
{
    public int Order => 10;

    public bool AfterAudit => true;

    /// <summary>The people whose timelines a save changes, noted before it is written.</summary>
    private sealed class Changed : HashSet<Guid>;

    /// <summary>The cases whose deadlines a save changes: those of changed events, charges and jurisdictions.</summary>
    private sealed class ChangedCases : HashSet<Guid>;

    /// <summary>What the bulk writer gathers over a whole import: stored people to rebuild after each chunk, and the
    /// day counts of new people's periods, written once at the end (<see cref="FinishBulkAsync"/>).</summary>
    private sealed class Bulk
    {
        public List<Guid> Stored { get; } = [];
        public HashSet<Guid> NewPeople { get; } = [];
        public HashSet<Guid> Cases { get; } = [];
        public List<(DateOnly From, DateOnly? To)> Detained { get; } = [];
        public List<(DateOnly From, DateOnly? To)> DetainedPublic { get; } = [];
    }

    public async Task<bool> PrepareAsync(HabeasDb db, SaveBatch save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(save);
        var people = save.State<Changed>();
        var cases = save.State<ChangedCases>();
        foreach (
            var entry in db
                .ChangeTracker.Entries<Event>()
                .Where(e => e.State is EntityState.Modified or EntityState.Deleted or EntityState.Added)
                .ToList()
        )
        {
            if (entry.State != EntityState.Added)
            {
                await RecordSaving.LoadPartsAsync(db, entry, cancellationToken);
            }
            people.UnionWith(entry.Entity.People.Select(p => p.PersonId));
            if (entry.Entity.CaseId is { } caseId)
            {
                cases.Add(caseId);
            }
            if (entry.State == EntityState.Modified && entry.Property(e => e.CaseId).OriginalValue is { } before)
            {
                cases.Add(before);
            }
        }
        foreach (
            var entry in db
                .ChangeTracker.Entries<Habeas.Records.Cases.Charge>()
                .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
        )
        {
            cases.Add(entry.Entity.CaseId);
        }
        foreach (
            var entry in db
                .ChangeTracker.Entries<Habeas.Records.Cases.Case>()
                .Where(e =>
                    e.State == EntityState.Modified
                    && (e.Property(c => c.JurisdictionId).IsModified || e.Property(c => c.RetractedAt).IsModified)
                )
        )
        {
            cases.Add(entry.Entity.Id);
        }
        foreach (
            var entry in db
                .ChangeTracker.Entries<EventPerson>()
                .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
        )
        {
            people.Add(entry.Entity.PersonId);
        }
        // Publishing a person, taking them off the public site, merging or retracting them changes their timelines.
        foreach (
            var entry in db
                .ChangeTracker.Entries<Person>()
                .Where(e =>
                    e.State == EntityState.Modified
                    && (
                        e.Property(p => p.Level).IsModified
                        || e.Property(p => p.MergedIntoId).IsModified
                        || e.Property(p => p.RetractedAt).IsModified
                    )
                )
        )
        {
            people.Add(entry.Entity.Id);
        }
        return people.Count > 0 || cases.Count > 0;
    }

    public void PrepareNew(HabeasDb db, IReadOnlyList<IVersioned> records) { }

    public async Task WriteAsync(HabeasDb db, SaveBatch save, SaveRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.AllNew)
        {
            await RebuildCustodyAsync(db, save.State<Changed>(), cancellationToken);
            await DeadlineRebuild.RebuildCasesAsync(db, save.State<ChangedCases>(), cancellationToken);
            return;
        }
        // New events: the periods of new people come from their events in memory; stored people are rebuilt from the
        // database by the caller once the chunk is written.
        var bulk = rows.State<Bulk>();
        var newPeople = save.Changed.Select(c => c.Record).OfType<Person>().ToDictionary(p => p.Id);
        var events = save
            .Changed.Select(c => c.Record)
            .OfType<Event>()
            .Where(e => e.Counts)
            .SelectMany(e => e.People.Select(p => (p.PersonId, Event: e)))
            .ToLookup(x => x.PersonId, x => x.Event);
        bulk.Cases.UnionWith(save.Changed.Select(c => c.Record).OfType<Event>().Where(e => e.CaseId != null).Select(e => e.CaseId!.Value));
        foreach (var personId in events.Select(g => g.Key))
        {
            if (!newPeople.TryGetValue(personId, out var person))
            {
                bulk.Stored.Add(personId);
                continue;
            }
            bulk.NewPeople.Add(personId);
            var published = person.Level == RecordLevels.Public && person.MergedIntoId is null;
            var (shared, publicCopy) = StoredPeriods(personId, events[personId], published);
            foreach (var period in shared)
            {
                await rows.AddAsync(period, cancellationToken);
            }
            foreach (var period in publicCopy)
            {
                await rows.AddAsync(period, cancellationToken);
            }
            bulk.Detained.AddRange(shared.Where(p => p.DeprivedOfLiberty).Select(p => (p.FromDay, p.ToDay)));
            bulk.DetainedPublic.AddRange(publicCopy.Where(p => p.DeprivedOfLiberty).Select(p => (p.FromDay, p.ToDay)));
        }
    }

    /// <summary>The stored people whose new events the bulk writer wrote since the last call: the caller rebuilds them.</summary>
    public static List<Guid> TakeStored(SaveRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var stored = rows.State<Bulk>().Stored;
        var taken = stored.ToList();
        stored.Clear();
        return taken;
    }

    /// <summary>After the last chunk of a bulk write, in the same transaction: the per-day starts and ends of every new
    /// person's periods (a chunk touches nearly as many days as the whole file does). They are increments, so they add
    /// up with those the save path wrote for stored people meanwhile.</summary>
    public static async Task FinishBulkAsync(HabeasDb db, SaveRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var bulk = rows.State<Bulk>();
        await CustodyDayChanges.ApplyAsync(db, CustodyDayChanges.Shared, [], bulk.Detained, cancellationToken);
        await CustodyDayChanges.ApplyAsync(db, CustodyDayChanges.Published, [], bulk.DetainedPublic, cancellationToken);
        bulk.Detained.Clear();
        bulk.DetainedPublic.Clear();
        await DeadlineRebuild.RebuildPeopleAsync(db, bulk.NewPeople, cancellationToken);
        await DeadlineRebuild.RebuildCasesAsync(db, bulk.Cases, cancellationToken);
        bulk.NewPeople.Clear();
        bulk.Cases.Clear();
    }

    /// <summary>Migration 0010 made the public timeline: it is filled for the public people already recorded.</summary>
    [DataStep("0010_published_custody")]
    public static async Task FillPublishedCustodyAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var published = await db
            .People.IgnoreQueryFilters()
            .Where(p => p.Level == RecordLevels.Public && p.MergedIntoId == null)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        foreach (var chunk in published.Chunk(500))
        {
            await RebuildCustodyAsync(db, chunk, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Rebuilds the stored custody periods of these people from their events: the shared timeline (every event but
    /// restricted ones, whoever saves; a reader who may see restricted events gets them counted on the person's own
    /// page, where PersonProfile builds from what it shows) and, for a public person, the public timeline from their
    /// public events only.
    /// </summary>
    public static async Task RebuildCustodyAsync(
        HabeasDb db,
        IReadOnlyCollection<Guid> personIds,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personIds);
        foreach (var personId in personIds)
        {
            // A retracted person has no custody; a retracted event counts for no one.
            var standing = await db.Set<Person>()
                .IgnoreQueryFilters()
                .AnyAsync(p => p.Id == personId && p.RetractedAt == null, cancellationToken);
            var events = standing
                ? await db.Set<EventPerson>()
                    .IgnoreQueryFilters()
                    .Where(ep => ep.PersonId == personId)
                    .Join(
                        db.Set<Event>()
                            .IgnoreQueryFilters()
                            .Where(e =>
                                e.Level != RecordLevels.Restricted
                                && e.RetractedAt == null
                                && (e.State == null || e.State != EventStates.Cancelled)
                            ),
                        ep => ep.EventId,
                        e => e.Id,
                        (_, e) => e
                    )
                    .AsNoTracking()
                    .ToListAsync(cancellationToken)
                : [];
            var published = await db.Set<Person>()
                .IgnoreQueryFilters()
                .AnyAsync(
                    p => p.Id == personId && p.Level == RecordLevels.Public && p.MergedIntoId == null && p.RetractedAt == null,
                    cancellationToken
                );
            var (shared, publicCopy) = StoredPeriods(personId, events, published);
            await ReplacePeriodsAsync(db, personId, shared, cancellationToken);
            await ReplacePeriodsAsync(db, personId, publicCopy, cancellationToken);
        }
        await DeadlineRebuild.RebuildPeopleAsync(db, personIds, cancellationToken);
    }

    /// <summary>Replaces a person's stored periods in one timeline, and its day changes by the difference (same transaction).</summary>
    private static async Task ReplacePeriodsAsync<T>(HabeasDb db, Guid personId, List<T> periods, CancellationToken cancellationToken)
        where T : StoredCustodyPeriod
    {
        var stored = db.Set<T>().IgnoreQueryFilters().Where(p => p.PersonId == personId);
        var before = (await stored.Where(p => p.DeprivedOfLiberty).Select(p => new { p.FromDay, p.ToDay }).ToListAsync(cancellationToken))
            .Select(p => (p.FromDay, p.ToDay))
            .ToList();
        await stored.ExecuteDeleteAsync(cancellationToken);
        db.Set<T>().AddRange(periods);
        await CustodyDayChanges.ApplyAsync(
            db,
            CustodyDayChanges.Edition<T>(),
            before,
            periods.Where(p => p.DeprivedOfLiberty).Select(p => (p.FromDay, p.ToDay)),
            cancellationToken
        );
    }

    /// <summary>The stored custody periods of one person from their events: the shared timeline (restricted events left
    /// out) and, when the person is <paramref name="published"/> (public, not merged), the public timeline from their
    /// public events only.</summary>
    private static (List<CustodyPeriod> Shared, List<PublishedCustodyPeriod> Published) StoredPeriods(
        Guid personId,
        IEnumerable<Event> events,
        bool published
    )
    {
        var counted = events.Where(e => e.Level != RecordLevels.Restricted).ToList();
        return (
            Periods<CustodyPeriod>(personId, counted).ToList(),
            published ? Periods<PublishedCustodyPeriod>(personId, counted.Where(e => e.Level == RecordLevels.Public)).ToList() : []
        );
    }

    /// <summary>The public timeline a person would have from these events (a staff preview of a page before it is public:
    /// the same periods the save would store once they are the person's public events).</summary>
    public static IReadOnlyList<PublishedCustodyPeriod> PublicTimeline(Guid personId, IEnumerable<Event> publicEvents) =>
        Periods<PublishedCustodyPeriod>(personId, publicEvents).ToList();

    private static IEnumerable<T> Periods<T>(Guid personId, IEnumerable<Event> events)
        where T : StoredCustodyPeriod, new()
    {
        var timeline = CustodyTimelineBuilder.Build(
            events.OrderBy(e => e.SortDate).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id).Select(e => e.ToCustodyEvent())
        );
        var sequence = 0;
        foreach (var interval in timeline.Intervals)
        {
            yield return new T
            {
                PersonId = personId,
                Sequence = sequence++,
                Status = CustodyStatuses.Code(interval.Status),
                DeprivedOfLiberty = CustodyStatuses.IsDeprivedOfLiberty(interval.Status),
                FromDay = interval.FromDay,
                ToDay = interval.ToDay,
                FromDate = interval.From.ToString(),
                ToDate = interval.To?.ToString(),
                Presumed = interval.Presumed,
            };
        }
    }
}
