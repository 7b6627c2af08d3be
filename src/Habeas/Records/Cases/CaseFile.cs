using Habeas.Platform.Storage;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

/// <summary>Everything the case page and GET /api/v1/cases/{id} show.</summary>
public sealed class CaseFile
{
    public required Case Case { get; init; }
    public required IReadOnlyList<Event> Events { get; init; }
    public required IReadOnlyList<Intervention> Interventions { get; init; }
    public required IReadOnlyList<Sources.Citation> Citations { get; init; }
    public required string Stage { get; init; }

    /// <summary>The charged people the reader may see (the others stay unnamed, their ids too).</summary>
    public required IReadOnlySet<Guid> VisiblePeople { get; init; }

    public static async Task<CaseFile?> LoadAsync(HabeasDb db, Guid id, CancellationToken cancellationToken)
    {
        var c = await db
            .Cases.AsNoTracking()
            .Include(x => x.Participants)
                .ThenInclude(p => p.Person)
                    .ThenInclude(p => p!.Names)
            .Include(x => x.Charges)
                .ThenInclude(ch => ch.Provision)
            .Include(x => x.Jurisdiction)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return null;
        }
        var events = PersonProfile.Chronological(
            await db
                .Events.AsNoTracking()
                .Where(e => e.CaseId == id)
                .Include(e => e.Place)
                .Include(e => e.People)
                .Include(e => e.Actors)
                    .ThenInclude(a => a.Organisation)
                .AsSplitQuery()
                .ToListAsync(cancellationToken)
        );
        var interventions = await db
            .Interventions.AsNoTracking()
            .Include(i => i.Organisation)
            .Where(i => i.CaseId == id)
            .ToListAsync(cancellationToken);
        var targets = events.Select(e => e.Id).Concat(c.Charges.Select(ch => ch.Id)).Append(id).ToList();
        var citations = await db
            .Citations.AsNoTracking()
            .Include(x => x.Source)
            .Where(x => targets.Contains(x.TargetId))
            .ToListAsync(cancellationToken);
        var defendants = c.Charges.Where(ch => ch.PersonId is not null).Select(ch => ch.PersonId!.Value).Distinct().ToList();
        var visiblePeople = (
            await db.People.Where(p => defendants.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)
        ).ToHashSet();
        return new CaseFile
        {
            Case = c,
            Events = events,
            Interventions = interventions,
            Citations = citations,
            VisiblePeople = visiblePeople,
            Stage = CaseStages.Of(events.Select(e => (e.Type, e.Decision))),
        };
    }
}
