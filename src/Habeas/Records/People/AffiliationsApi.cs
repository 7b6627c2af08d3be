using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>A person's affiliations (organisation, role, from, to): added to a person the writer may see, and edited from
/// the version of the person read (409 otherwise). An affiliation is part of its person, so both are a new version of the
/// person through the one write path (history and audit).</summary>
public static class AffiliationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/people/{id:guid}/affiliations", CreateAsync)
            .WithTags("People")
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Record that the person belongs or belonged to an organisation: organisationId, role, from, to (fuzzy dates); version (the person's, optional) is checked when sent."
            );
        api.MapPut("/people/{id:guid}/affiliations/{affiliationId:guid}", UpdateAsync)
            .WithTags("People")
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Replace an affiliation's fields; send the version of the person you read. Answers the person's id and new version."
            );
    }

    /// <summary>The person (tracked) with every part its history version holds, or null when the reader may not see it.</summary>
    public static Task<Person?> LoadPersonAsync(HabeasDb db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db
            .People.Include(p => p.Names)
            .Include(p => p.Tags)
            .Include(p => p.Affiliations)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>Adds a validated affiliation to the person, if the person is still at <paramref name="version"/>: the affiliation
    /// added, or null when someone saved the person since.</summary>
    public static async Task<Affiliation?> TryAddAsync(
        HabeasDb db,
        Person person,
        AffiliationInput input,
        int? version,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(input);
        var affiliation = new Affiliation { PersonId = person.Id };
        var saved = await Saving.TrySaveAsync(
            db,
            person,
            version,
            () =>
            {
                input.ApplyTo(affiliation);
                person.Affiliations.Add(affiliation);
            },
            cancellationToken
        );
        return saved ? affiliation : null;
    }

    private static async Task<IResult> CreateAsync(Guid id, AffiliationInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        var person = await LoadPersonAsync(db, id, cancellationToken);
        if (person is null)
        {
            return Problems.NotFound("person", id);
        }
        var validation = await input.ValidateAsync(db, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var version = input.Version ?? person.Version;
        if (await TryAddAsync(db, person, input, version, cancellationToken) is not { } affiliation)
        {
            return Saving.ConflictProblem(await Saving.SavedSinceAsync(db, person, version, cancellationToken), person.RecordType, version);
        }
        return Results.Created($"/api/v1/people/{id}", new { id = affiliation.Id, version = person.Version });
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        Guid affiliationId,
        AffiliationInput input,
        HabeasDb db,
        CancellationToken cancellationToken
    )
    {
        var person = await LoadPersonAsync(db, id, cancellationToken);
        var affiliation = person?.Affiliations.FirstOrDefault(a => a.Id == affiliationId);
        if (person is null || affiliation is null)
        {
            return Problems.NotFound("affiliation", affiliationId);
        }
        return await Saving.UpdateAsync(
            db,
            person,
            await input.ValidateAsync(db, cancellationToken),
            input.Version,
            () => input.ApplyTo(affiliation),
            cancellationToken
        );
    }
}
