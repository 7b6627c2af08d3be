using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>Designations of a person by an organisation: added to a person the writer may see, and edited from the
/// version read (409 otherwise). Both go through the one write path (history and audit).</summary>
public static class DesignationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/people/{id:guid}/designations", CreateAsync)
            .WithTags("People")
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Record that an organisation designated the person: organisationId, category (designation vocabulary), date, criteria, rationale, withdrawnOn, withdrawalReason."
            );
        api.MapPut("/designations/{id:guid}", UpdateAsync)
            .WithTags("People")
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Replace a designation's fields (a withdrawal included); send the version you read.");
    }

    private static async Task<IResult> CreateAsync(
        Guid id,
        DesignationInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        if (!await db.People.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("person", id);
        }
        var validation = await input.ValidateAsync(db, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var designation = await SaveNewAsync(db, id, input, cancellationToken);
        return Results.Created($"/api/v1/people/{id}", new Created(designation.Id, designation.Version));
    }

    /// <summary>Adds a validated designation to a person in one save.</summary>
    public static async Task<Designation> SaveNewAsync(
        HabeasDb db,
        Guid personId,
        DesignationInput input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var designation = new Designation { PersonId = personId, Category = "" };
        input.ApplyTo(designation);
        db.Designations.Add(designation);
        await db.SaveChangesAsync(cancellationToken);
        return designation;
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        DesignationInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var designation = await db.Designations.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (designation is null)
        {
            return Problems.NotFound("designation", id);
        }
        return await Saving.UpdateAsync(
            db,
            designation,
            await input.ValidateAsync(db, vocabularies, cancellationToken),
            input.Version,
            () => input.ApplyTo(designation),
            cancellationToken
        );
    }
}
