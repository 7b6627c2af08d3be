using Habeas.Platform.Storage;
using Habeas.Records.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Places;

/// <summary>Places and organisations, read-only here: they come from the demonstration data or imports.</summary>
public static class PlacesApi
{
    public sealed record PlaceDto(Guid Id, Guid? ParentId, string Kind, IReadOnlyDictionary<string, string> Names);

    public sealed record OrganisationDto(Guid Id, string Kind, string? Acronym, IReadOnlyDictionary<string, string> Names);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/places", async (HabeasDb db, CancellationToken ct) =>
            {
                var items = await db.Places.AsNoTracking().Select(p => new PlaceDto(p.Id, p.ParentId, p.Kind, p.Names)).ToListAsync(ct);
                return Results.Ok(new { items, total = items.Count });
            })
            .WithTags("Places")
            .WithSummary("All places, with their parents (country › province › district › commune; prisons and courts).");
        api.MapGet("/organisations", async (HabeasDb db, CancellationToken ct) =>
            {
                var items = await db
                    .Organisations.AsNoTracking()
                    .Select(o => new OrganisationDto(o.Id, o.Kind, o.Acronym, o.Names))
                    .ToListAsync(ct);
                return Results.Ok(new { items, total = items.Count });
            })
            .WithTags("Places")
            .WithSummary("All organisations (parties, NGOs, courts, police, prisons, UN bodies…).");
    }
}
