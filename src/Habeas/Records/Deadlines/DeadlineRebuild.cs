using Habeas.Core.Deadlines;
using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Deadlines;

/// <summary>
/// Rebuilds the stored deadlines (<see cref="StoredDeadline"/>) from the events, inside the save that changed them
/// (Custody/CustodySaving.cs calls it with the people and cases a save touches) and, for everyone, after the limits are
/// edited, after the shipped limits are seeded (a database from before 0034 gets them at its first start) and after an
/// import of an export. Like the shared custody timeline, it counts every standing event but restricted and
/// cancelled ones, whoever saves.
/// </summary>
public static class DeadlineRebuild
{
    private const int Chunk = 400;

    public static async Task<LimitBook> LimitsAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.TimeLimits.AsNoTracking().ToListAsync(cancellationToken);
        return new LimitBook(rows.Select(r => r.ToLimit()));
    }

    /// <summary>The country (ISO code of the jurisdiction or of a place above it) and the gravest offence class of the
    /// charges of each case; a class is known only when every charge's provision has one.</summary>
    public static async Task<Dictionary<Guid, CaseLaw>> CaseLawsAsync(
        HabeasDb db,
        IReadOnlyCollection<Guid> caseIds,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        var laws = new Dictionary<Guid, CaseLaw>();
        if (caseIds.Count == 0)
        {
            return laws;
        }
        var places = await db.Set<Place>()
            .AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.ParentId,
                p.Code,
            })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var chunk in caseIds.Chunk(Chunk))
        {
            var cases = await db.Set<Case>()
                .IgnoreQueryFilters()
                .Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, c.JurisdictionId })
                .ToListAsync(cancellationToken);
            var charges = (
                await db.Set<Charge>()
                    .IgnoreQueryFilters()
                    .Where(c => chunk.Contains(c.CaseId) && c.RetractedAt == null)
                    .Select(c => new { c.CaseId, Class = c.Provision == null ? null : c.Provision.OffenceClass })
                    .ToListAsync(cancellationToken)
            ).ToLookup(c => c.CaseId, c => c.Class);
            foreach (var c in cases)
            {
                string? country = null;
                var placeId = c.JurisdictionId;
                for (var depth = 0; depth < 10 && placeId is { } id && places.TryGetValue(id, out var place); depth++)
                {
                    country = place.Code;
                    if (country is not null)
                    {
                        break;
                    }
                    placeId = place.ParentId;
                }
                // The gravest charge decides; a charge of unknown class leaves the class unknown unless another is a felony.
                var classes = charges[c.Id].ToList();
                var offenceClass =
                    classes.Contains(OffenceClasses.Felony) ? OffenceClasses.Felony
                    : classes.Count > 0 && classes.All(x => x == OffenceClasses.Misdemeanour) ? OffenceClasses.Misdemeanour
                    : null;
                laws[c.Id] = new CaseLaw(country, offenceClass);
            }
        }
        return laws;
    }

    /// <summary>Replaces the deadlines of these people from their events.</summary>
    public static async Task RebuildPeopleAsync(HabeasDb db, IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personIds);
        if (personIds.Count == 0)
        {
            return;
        }
        var book = await LimitsAsync(db, cancellationToken);
        foreach (var chunk in personIds.Distinct().Chunk(Chunk))
        {
            var standing = await db.Set<Person>()
                .IgnoreQueryFilters()
                .Where(p => chunk.Contains(p.Id) && p.RetractedAt == null)
                .Select(p => p.Id)
                .ToListAsync(cancellationToken);
            var rows = await db.Set<EventPerson>()
                .IgnoreQueryFilters()
                .Where(ep => standing.Contains(ep.PersonId))
                .Join(Counted(db), ep => ep.EventId, e => e.Id, (ep, e) => new { ep.PersonId, Event = e })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            var byPerson = rows.ToLookup(r => r.PersonId, r => r.Event);
            var laws = await CaseLawsAsync(
                db,
                rows.Where(r => r.Event.CaseId != null).Select(r => r.Event.CaseId!.Value).Distinct().ToList(),
                cancellationToken
            );
            await db
                .Deadlines.IgnoreQueryFilters()
                .Where(d => d.PersonId != null && chunk.Contains(d.PersonId.Value))
                .ExecuteDeleteAsync(cancellationToken);
            foreach (var personId in standing)
            {
                var deadlines = DeadlineRules.ForPerson(
                    byPerson[personId].Select(e => new DeadlineEvent(e.ToCustodyEvent(), e.CaseId)),
                    book,
                    id => id is { } c && laws.TryGetValue(c, out var law) ? law : CaseLaw.Unknown
                );
                db.Deadlines.AddRange(deadlines.Select(d => Stored(d, personId)));
            }
        }
    }

    /// <summary>Replaces the deadlines of these cases (appeal, limbo) from their events.</summary>
    public static async Task RebuildCasesAsync(HabeasDb db, IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caseIds);
        if (caseIds.Count == 0)
        {
            return;
        }
        var book = await LimitsAsync(db, cancellationToken);
        foreach (var chunk in caseIds.Distinct().Chunk(Chunk))
        {
            var standing = await db.Set<Case>()
                .IgnoreQueryFilters()
                .Where(c => chunk.Contains(c.Id) && c.RetractedAt == null)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
            var events = (
                await Counted(db)
                    .Where(e => e.CaseId != null && standing.Contains(e.CaseId.Value))
                    .AsNoTracking()
                    .ToListAsync(cancellationToken)
            ).ToLookup(e => e.CaseId!.Value);
            var laws = await CaseLawsAsync(db, standing, cancellationToken);
            await db
                .Deadlines.IgnoreQueryFilters()
                .Where(d => d.PersonId == null && d.CaseId != null && chunk.Contains(d.CaseId.Value))
                .ExecuteDeleteAsync(cancellationToken);
            foreach (var caseId in standing)
            {
                var deadlines = DeadlineRules.ForCase(
                    caseId,
                    events[caseId].Select(e => e.ToCustodyEvent()),
                    book,
                    laws.GetValueOrDefault(caseId) ?? CaseLaw.Unknown
                );
                db.Deadlines.AddRange(deadlines.Select(d => Stored(d, null)));
            }
        }
    }

    /// <summary>Every person's and case's deadlines, after the limits change (or a database from before 0034).</summary>
    public static async Task RebuildAllAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = await db.Set<EventPerson>().IgnoreQueryFilters().Select(ep => ep.PersonId).Distinct().ToListAsync(cancellationToken);
        foreach (var chunk in people.Chunk(Chunk * 5))
        {
            await RebuildPeopleAsync(db, chunk, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        var cases = await db.Set<Case>().IgnoreQueryFilters().Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var chunk in cases.Chunk(Chunk * 5))
        {
            await RebuildCasesAsync(db, chunk, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The events that count for deadlines: standing, not restricted, not cancelled.</summary>
    private static IQueryable<Event> Counted(HabeasDb db) =>
        db.Set<Event>()
            .IgnoreQueryFilters()
            .Where(e =>
                e.Level != RecordLevels.Restricted && e.RetractedAt == null && (e.State == null || e.State != EventStates.Cancelled)
            );

    private static StoredDeadline Stored(Deadline d, Guid? personId) =>
        new()
        {
            PersonId = personId,
            CaseId = d.CaseId,
            Kind = d.Kind,
            Due = d.Due,
            DueLatest = d.DueLatest,
            EventId = d.EventId,
            EventType = d.EventType,
            FromDate = d.From.ToString(),
            LimitCode = d.Limit?.Code,
            ClassAssumed = d.ClassAssumed,
        };
}
