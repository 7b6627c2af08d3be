using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Places;

/// <summary>Places: listed by name (at most 50 at a time), read, created and edited with their history.</summary>
public static class PlacesApi
{
    public sealed record PlaceDto(
        Guid Id,
        int Version,
        Guid? ParentId,
        string Kind,
        IReadOnlyDictionary<string, string> Names,
        string? Code
    );

    public static void Map(RouteGroupBuilder api)
    {
        var places = api.MapGroup("/places").WithTags("Places");
        places
            .MapGet("/", ListAsync)
            .WithSummary("Places whose names hold q, any language, in name order: at most 50 at a time (limit, offset), with the total.");
        places.MapGet("/{id:guid}", GetAsync).WithSummary("One place.");
        places
            .MapPost("/", CreateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Create a place: names (language: text, at least one), kind (place-kind), parentId (optional), code (optional: for a country, its ISO 3166-1 alpha-2 code, e.g. KH)."
            );
        places
            .MapPut("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Replace a place's names, kind, parent and code; send the version you read.");
    }

    /// <summary>Checks a gazetteer list's limit (1 to 50) and offset; null when both are acceptable.</summary>
    public static Validation? CheckPage(int? limit, int? offset)
    {
        var validation = new Validation();
        validation.Range("limit", limit, 1, PlaceDirectory.PageSize, "validation.label.limit");
        validation.Range("offset", offset, 0, int.MaxValue, "validation.label.offset");
        return validation.IsValid ? null : validation;
    }

    private static async Task<IResult> ListAsync(HabeasDb db, string? q, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (CheckPage(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        var directory = await PlaceDirectory.LoadAsync(db, cancellationToken);
        var matching = directory.Search(q);
        var ids = matching.Skip(offset ?? 0).Take(limit ?? PlaceDirectory.PageSize).Select(e => e.Id).ToList();
        var items = await db.Places.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        return Results.Ok(new { items = items.OrderBy(p => ids.IndexOf(p.Id)).Select(ToDto), total = matching.Count });
    }

    private static async Task<IResult> GetAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return place is null ? NotFound(id) : Results.Ok(ToDto(place));
    }

    private static async Task<IResult> CreateAsync(
        PlaceInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var validation = await input.ValidateAsync(db, vocabularies, null, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var place = new Place { Kind = "" };
        input.ApplyTo(place);
        db.Places.Add(place);
        await db.SaveChangesAsync(cancellationToken);
        if (place.Code is not null)
        {
            await Habeas.Records.Deadlines.DeadlineRebuild.RebuildAllAsync(db, cancellationToken);
        }
        return Results.Created($"/api/v1/places/{place.Id}", new Created(place.Id, place.Version));
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        PlaceInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var place = await db.Places.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (place is null)
        {
            return NotFound(id);
        }
        var codeChanged = place.Code != input.CodeValue;
        var result = await Saving.UpdateAsync(
            db,
            place,
            await input.ValidateAsync(db, vocabularies, id, cancellationToken),
            input.Version,
            () => input.ApplyTo(place),
            cancellationToken
        );
        if (codeChanged && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            // Rare (a country's code is set once): every case under the place may now find other limits.
            await Habeas.Records.Deadlines.DeadlineRebuild.RebuildAllAsync(db, cancellationToken);
        }
        return result;
    }

    private static PlaceDto ToDto(Place p) => new(p.Id, p.Version, p.ParentId, p.Kind, p.Names, p.Code);

    private static IResult NotFound(Guid id) => Problems.NotFound("place", id);
}
