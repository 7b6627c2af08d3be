using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Organisations;

/// <summary>Organisations: listed by name or acronym (at most 50 at a time), read, created and edited with their history.</summary>
public static class OrganisationsApi
{
    public sealed record OrganisationDto(
        Guid Id,
        int Version,
        string Kind,
        string? Acronym,
        Guid? CountryId,
        IReadOnlyDictionary<string, string> Names
    );

    public static void Map(RouteGroupBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Places");
        organisations
            .MapGet("/", ListAsync)
            .WithSummary(
                "Organisations whose names or acronym hold q, in name order: at most 50 at a time (limit, offset), with the total."
            );
        organisations.MapGet("/{id:guid}", GetAsync).WithSummary("One organisation.");
        organisations
            .MapPost("/", CreateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Create an organisation: names (at least one), kind (organisation-kind), acronym, countryId (a place).");
        organisations
            .MapPut("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Replace an organisation's names, kind, acronym and place; send the version you read.");
    }

    /// <summary>The organisations whose names or acronym hold <paramref name="q"/>, in name order (see <see cref="PlaceDirectory"/>
    /// for why the match is made in memory).</summary>
    public static async Task<IReadOnlyList<Organisation>> SearchAsync(HabeasDb db, string? q, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = await db.Organisations.AsNoTracking().ToListAsync(cancellationToken);
        return all.Where(o => GazetteerInput.Matches(o.Names, q, o.Acronym))
            .OrderBy(o => o.Name, StringComparer.CurrentCulture)
            .ThenBy(o => o.Id)
            .ToList();
    }

    private static async Task<IResult> ListAsync(HabeasDb db, string? q, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (PlacesApi.CheckPage(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        var matching = await SearchAsync(db, q, cancellationToken);
        var items = matching.Skip(offset ?? 0).Take(limit ?? PlaceDirectory.PageSize).Select(ToDto);
        return Results.Ok(new { items, total = matching.Count });
    }

    private static async Task<IResult> GetAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return organisation is null ? NotFound(id) : Results.Ok(ToDto(organisation));
    }

    private static async Task<IResult> CreateAsync(
        OrganisationInput input,
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
        var organisation = new Organisation { Kind = "" };
        input.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/v1/organisations/{organisation.Id}", new Created(organisation.Id, organisation.Version));
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        OrganisationInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return NotFound(id);
        }
        return await Saving.UpdateAsync(
            db,
            organisation,
            await input.ValidateAsync(db, vocabularies, cancellationToken),
            input.Version,
            () => input.ApplyTo(organisation),
            cancellationToken
        );
    }

    private static OrganisationDto ToDto(Organisation o) => new(o.Id, o.Version, o.Kind, o.Acronym, o.CountryId, o.Names);

    private static IResult NotFound(Guid id) => Problems.NotFound("organisation", id);
}
