using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Events;

public static class EventsApi
{
    public sealed record EventDetail(
        Guid Id,
        int Version,
        string Level,
        string Type,
        string? Date,
        string? EndDate,
        Guid? CaseId,
        Guid? PlaceId,
        IReadOnlyList<Guid> PersonIds,
        IReadOnlyDictionary<string, string> Description,
        string? Decision,
        string? ReleaseReason,
        int? SentenceYears,
        int? SentenceMonths,
        int? SentenceDays,
        int? SuspendedYears,
        int? SuspendedMonths,
        int? SuspendedDays,
        string? Fine,
        string? State,
        IReadOnlyList<string> PostponedFrom
    );

    public static void Map(RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");
        events.MapGet("/", ListAsync).WithSummary("List events by date, filtered by person, case, type or words of the description.");
        events.MapGet("/{id:guid}", GetAsync).WithSummary("One event.");
        events
            .MapPost("/", CreateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Create an event; the custody timeline of the people it concerns is recomputed at once.");
        events
            .MapPut("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Replace an event's fields; send the version you read.");
        events
            .MapPut("/{id:guid}/state", SetStateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Say what happened to a scheduled event: held, cancelled, scheduled, or postponed (with a new date, which moves the event and keeps the old date in postponedFrom); send the version you read."
            );
    }

    private static async Task<IResult> SetStateAsync(Guid id, EventStateInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        var e = await db.Events.Include(x => x.People).Include(x => x.Actors).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null)
        {
            return NotFound(id);
        }
        return await Saving.UpdateAsync(db, e, input.Validate(e), input.Version, () => input.ApplyTo(e), cancellationToken);
    }

    private static async Task<IResult> ListAsync(
        HabeasDb db,
        Guid? personId,
        Guid? caseId,
        string? type,
        string? q,
        int? limit,
        int? offset,
        CancellationToken cancellationToken
    )
    {
        if (Paging.Check(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        var query = db.Events.AsNoTracking();
        if (personId is { } p)
        {
            query = query.Where(e => e.People.Any(x => x.PersonId == p));
        }
        if (caseId is { } c)
        {
            query = query.Where(e => e.CaseId == c);
        }
        if (!string.IsNullOrWhiteSpace(type))
        {
            query = query.Where(e => e.Type == type);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = Core.Names.NameFolding.Fold(q);
            query = query.Where(e => e.SearchText.Contains(text) || e.Type == q.Trim());
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(e => e.SortDate)
            .ThenBy(e => e.Id)
            .Skip(offset ?? 0)
            .Take(limit ?? Paging.DefaultLimit)
            .Include(e => e.People)
            .ToListAsync(cancellationToken);
        return Results.Ok(new { items = items.Select(ToDetail), total });
    }

    private static async Task<IResult> GetAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        var e = await db.Events.AsNoTracking().Include(x => x.People).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return e is null ? NotFound(id) : Results.Ok(ToDetail(e));
    }

    private static async Task<IResult> CreateAsync(
        EventInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var validation = await input.ValidateAsync(db, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var e = new Event { Type = input.Type! };
        input.ApplyTo(e, await input.PeopleConcernedAsync(db, cancellationToken), db.Viewer, db.Time.Today());
        db.Events.Add(e);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/v1/events/{e.Id}", new Created(e.Id, e.Version));
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        EventInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var e = await db.Events.Include(x => x.People).Include(x => x.Actors).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null)
        {
            return NotFound(id);
        }
        var validation = await input.ValidateAsync(db, vocabularies, cancellationToken);
        var people = await input.PeopleConcernedAsync(db, cancellationToken);
        return await Saving.UpdateAsync(
            db,
            e,
            validation,
            input.Version,
            () => input.ApplyTo(e, people, db.Viewer, db.Time.Today()),
            cancellationToken
        );
    }

    private static EventDetail ToDetail(Event e) =>
        new(
            e.Id,
            e.Version,
            e.Level,
            e.Type,
            e.Date?.ToString(),
            e.EndDate?.ToString(),
            e.CaseId,
            e.PlaceId,
            e.People.Select(p => p.PersonId).ToList(),
            e.Description,
            e.Decision,
            e.ReleaseReason,
            e.SentenceYears,
            e.SentenceMonths,
            e.SentenceDays,
            e.SuspendedYears,
            e.SuspendedMonths,
            e.SuspendedDays,
            e.Fine,
            e.State,
            e.PostponedDates.Select(d => d.ToString()).ToList()
        );

    private static IResult NotFound(Guid id) => Problems.NotFound("event", id);
}
