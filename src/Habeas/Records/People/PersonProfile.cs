using Habeas.Core.Custody;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>Everything the person page and GET /api/v1/people/{id} show, read in one place.</summary>
public sealed class PersonProfile
{
    public required Person Person { get; init; }
    public required IReadOnlyList<Event> Events { get; init; }
    public required IReadOnlyList<CaseParticipant> Cases { get; init; }
    public required IReadOnlyList<Designation> Designations { get; init; }
    public required IReadOnlyList<Intervention> Interventions { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
    public required CustodyTimeline Custody { get; init; }

    public static async Task<PersonProfile?> LoadAsync(HabeasDb db, Guid id, CancellationToken cancellationToken = default)
    {
        var person = await db
            .People.AsNoTracking()
            .Include(p => p.Names)
            .Include(p => p.Tags)
            .Include(p => p.Affiliations)
                .ThenInclude(a => a.Organisation)
            // One query, not one per collection: a person's names, tags and affiliations are few, so their product is
            // small, and each query saved is a statement prepared and an access check run less on every page view.
            .AsSingleQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return null;
        }
        var events = await db
            .Events.AsNoTracking()
            .Where(e => e.People.Any(p => p.PersonId == id))
            .Include(e => e.Place)
                .ThenInclude(p => p!.Parent)
            .Include(e => e.Case)
            .Include(e => e.Actors)
                .ThenInclude(a => a.Organisation)
            .AsSingleQuery()
            .ToListAsync(cancellationToken);
        events = Chronological(events);
        var cases = await db
            .CaseParticipants.AsNoTracking()
            .Include(p => p.Case)
            .Where(p => p.PersonId == id)
            .ToListAsync(cancellationToken);
        var designations = await db
            .Designations.AsNoTracking()
            .Include(d => d.Organisation)
            .Where(d => d.PersonId == id)
            .ToListAsync(cancellationToken);
        var caseIds = cases.Select(c => c.CaseId).ToList();
        var interventions = await db
            .Interventions.AsNoTracking()
            .Include(i => i.Organisation)
            .Where(i => i.PersonId == id || (i.CaseId != null && caseIds.Contains(i.CaseId.Value)))
            .ToListAsync(cancellationToken);
        var eventIds = events.Select(e => e.Id).ToList();
        var citations = await db
            .Citations.AsNoTracking()
            .Include(c => c.Source)
            .Where(c => (c.TargetType == "person" && c.TargetId == id) || (c.TargetType == "event" && eventIds.Contains(c.TargetId)))
            .ToListAsync(cancellationToken);

        return new PersonProfile
        {
            Person = person,
            Events = events,
            Cases = cases,
            Designations = designations,
            Interventions = interventions,
            Citations = citations,
            Custody = CustodyTimelineBuilder.Build(events.Select(e => e.ToCustodyEvent())),
        };
    }

    /// <summary>Events by date (undated last), then in the order they were recorded.</summary>
    public static List<Event> Chronological(IEnumerable<Event> events) =>
        events
            .OrderBy(e => e.SortDate ?? DateOnly.MaxValue)
            .ThenBy(e => e.Date?.Precision)
            .ThenBy(e => Core.Custody.ProceduralOrder.Rank(e.Type))
            .ThenBy(e => e.CreatedAt)
            .ThenBy(e => e.Id)
            .ToList();
}
