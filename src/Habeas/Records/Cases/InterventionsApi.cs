using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

/// <summary>Interventions in a case (legal aid, mediation, visits): added to a case the writer may see, and edited from
/// the version read (409 otherwise). Both go through the one write path (history and audit).</summary>
public static class InterventionsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:guid}/interventions", CreateAsync)
            .WithTags("Cases")
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Record an intervention in the case: kind (intervention-kind vocabulary), organisationId, lawyer, startDate, endDate, status, outcome."
            );
        api.MapPut("/interventions/{id:guid}", UpdateAsync)
            .WithTags("Cases")
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Replace an intervention's fields; send the version you read.");
    }

    private static async Task<IResult> CreateAsync(
        Guid id,
        InterventionInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound("case", id);
        }
        var validation = await input.ValidateAsync(db, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var intervention = await SaveNewAsync(db, id, input, cancellationToken);
        return Results.Created($"/api/v1/cases/{id}", new Created(intervention.Id, intervention.Version));
    }

    /// <summary>Adds a validated intervention to a case in one save.</summary>
    public static async Task<Intervention> SaveNewAsync(
        HabeasDb db,
        Guid caseId,
        InterventionInput input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var intervention = new Intervention
        {
            CaseId = caseId,
            Kind = "",
            Status = "",
        };
        input.ApplyTo(intervention);
        db.Interventions.Add(intervention);
        await db.SaveChangesAsync(cancellationToken);
        return intervention;
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        InterventionInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var intervention = await db.Interventions.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (intervention is null)
        {
            return Problems.NotFound("intervention", id);
        }
        return await Saving.UpdateAsync(
            db,
            intervention,
            await input.ValidateAsync(db, vocabularies, cancellationToken),
            input.Version,
            () => input.ApplyTo(intervention),
            cancellationToken
        );
    }
}
