using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Events;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

public static class CasesApi
{
    public sealed record CaseSummary(Guid Id, string Title, string? CourtCaseNumber, string Stage, int People);

    public sealed record ParticipantDto(Guid PersonId, string DisplayName, string Role);

    public sealed record ChargeDto(Guid Id, string Description, string State, Guid? PersonId, string? Provision);

    public sealed record CaseDetail(
        Guid Id,
        int Version,
        string Level,
        string Title,
        string? CourtCaseNumber,
        IReadOnlyDictionary<string, string> Summary,
        string Stage,
        IReadOnlyList<ParticipantDto> People,
        IReadOnlyList<ChargeDto> Charges,
        IReadOnlyList<EventRef> Events
    );

    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("/", ListAsync).WithSummary("List cases, filtered by words of the title or the court case number.");
        cases.MapGet("/{id:guid}", GetAsync).WithSummary("One case with its people, charges, events and procedural stage.");
        cases
            .MapPost("/", CreateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Create a case; only a title is required.");
        cases
            .MapPut("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Replace a case's fields; send the version you read.");
        cases
            .MapPost("/{id:guid}/charges", AddChargeAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Add a charge, under an existing legal provision or one described in the request; provisionOffenceClass (felony or misdemeanour) sets the provision's class."
            );
    }

#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() and Contains() to SQL; no culture applies.
    public static IQueryable<Case> Filter(HabeasDb db, string? q)
    {
        var query = db.Cases.AsQueryable();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(c =>
                c.Title.ToLower().Contains(text) || (c.CourtCaseNumber != null && c.CourtCaseNumber.ToLower().Contains(text))
            );
        }
        return query;
    }
#pragma warning restore CA1304, CA1311, CA1862

    private static async Task<IResult> ListAsync(HabeasDb db, string? q, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        var query = Filter(db, q);
        var total = await query.CountAsync(cancellationToken);
        var cases = await query
            .OrderBy(c => c.Title)
            .Skip(offset ?? 0)
            .Take(limit ?? Paging.DefaultLimit)
            .Select(c => new
            {
                c.Id,
                c.Title,
                c.CourtCaseNumber,
                People = c.Participants.Count,
            })
            .ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        var types = await db
            .Events.Where(e => e.CaseId != null && ids.Contains(e.CaseId.Value))
            .Select(e => new
            {
                e.CaseId,
                e.Type,
                e.Decision,
                e.SortDate,
            })
            .ToListAsync(cancellationToken);
        var items = cases
            .Select(c => new CaseSummary(
                c.Id,
                c.Title,
                c.CourtCaseNumber,
                CaseStages.Of(types.Where(t => t.CaseId == c.Id).OrderBy(t => t.SortDate).Select(t => (t.Type, t.Decision))),
                c.People
            ))
            .ToList();
        return Results.Ok(new { items, total });
    }

    private static async Task<IResult> GetAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        var file = await CaseFile.LoadAsync(db, id, cancellationToken);
        if (file is null)
        {
            return NotFound(id);
        }
        var c = file.Case;
        return Results.Ok(
            new CaseDetail(
                c.Id,
                c.Version,
                c.Level,
                c.Title,
                c.CourtCaseNumber,
                c.Summary,
                file.Stage,
                c.Participants.Select(p => new ParticipantDto(p.PersonId, p.Person!.DisplayName, p.Role)).ToList(),
                // A charge's defendant is named only when the reader may see them (review finding 14).
                c.Charges.Select(ch => new ChargeDto(
                        ch.Id,
                        ch.Description,
                        ch.State,
                        ch.PersonId is { } p && file.VisiblePeople.Contains(p) ? p : null,
                        ch.Provision?.Label
                    ))
                    .ToList(),
                file.Events.Select(e => new EventRef(e.Id, e.Type, e.Date?.ToString(), e.CaseId)).ToList()
            )
        );
    }

    private static async Task<IResult> CreateAsync(
        CaseInput input,
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
        var c = new Case { Title = "" };
        input.ApplyTo(c, db.Viewer);
        db.Cases.Add(c);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/v1/cases/{c.Id}", new Created(c.Id, c.Version));
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        CaseInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var c = await db.Cases.Include(x => x.Participants).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return NotFound(id);
        }
        return await Saving.UpdateAsync(
            db,
            c,
            await input.ValidateAsync(db, vocabularies, cancellationToken),
            input.Version,
            () => input.ApplyTo(c, db.Viewer),
            cancellationToken
        );
    }

    private static async Task<IResult> AddChargeAsync(
        Guid id,
        ChargeInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound(id);
        }
        var validation = await input.ValidateAsync(db, vocabularies, id, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var charge = await SaveChargeAsync(db, id, input, cancellationToken);
        return Results.Created($"/api/v1/cases/{id}", new Created(charge.Id, charge.Version));
    }

    /// <summary>Adds a validated charge (and its provision when new) in one save.</summary>
    public static async Task<Charge> SaveChargeAsync(HabeasDb db, Guid caseId, ChargeInput input, CancellationToken cancellationToken)
    {
        var provision = await input.ResolveProvisionAsync(db, cancellationToken);
        var charge = new Charge
        {
            CaseId = caseId,
            Description = "",
            State = "pending",
        };
        input.ApplyTo(charge, provision);
        db.Charges.Add(charge);
        await db.SaveChangesAsync(cancellationToken);
        if (input.ProvisionClassChanged)
        {
            // Rare (a provision's class is set once): every case charged under it may now follow other limits.
            await Habeas.Records.Deadlines.DeadlineRebuild.RebuildAllAsync(db, cancellationToken);
        }
        return charge;
    }

    private static IResult NotFound(Guid id) => Problems.NotFound("case", id);
}
