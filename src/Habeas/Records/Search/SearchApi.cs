using Habeas.Platform.Api;
using Habeas.Platform.Storage;

namespace Habeas.Records.Search;

public static class SearchApi
{
    public sealed record PersonHit(Guid Id, string DisplayName, int Score, string MatchedName, string MatchedKind, string Reason);

    public static void Map(RouteGroupBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Search");
        search
            .MapGet("/people", PeopleAsync)
            .WithSummary(
                "People whose names match q in any spelling or script, best first, with the name that matched and a score (0–100)."
            );
        search
            .MapGet("/", EverythingAsync)
            .WithSummary(
                "People, cases, events and sources matching q, with filters (status on a day, tag, place, period, charge); counts per kind."
            );
    }

    private static async Task<IResult> PeopleAsync(
        HabeasDb db,
        PeopleNameIndex index,
        string? q,
        int? limit,
        CancellationToken cancellationToken
    )
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(q))
        {
            v.Add("q", "search.error.name");
        }
        else if (q.Length > 200)
        {
            v.Add("q", "search.error.nameLength", 200);
        }
        if (limit is < 1 or > 100)
        {
            v.Add("limit", "validation.range", new Validation.Label("validation.label.limit"), 1, 100);
        }
        if (!v.IsValid)
        {
            return v.Problem();
        }
        var hits = await PeopleSearch.SearchAsync(db, index, q!, limit ?? 10, cancellationToken);
        return Results.Ok(
            new { items = hits.Select(h => new PersonHit(h.Id, h.DisplayName, h.Score, h.MatchedName, h.MatchedKind, h.Reason)) }
        );
    }

    private static async Task<IResult> EverythingAsync(
        HabeasDb db,
        PeopleNameIndex index,
        Habeas.Platform.Vocabulary.Vocabularies vocabularies,
        Habeas.Platform.Localization.Texts texts,
        [AsParameters] Query query,
        CancellationToken cancellationToken
    )
    {
        var request = new SiteSearch.Request
        {
            Q = query.Q,
            Type = query.Type,
            Status = query.Status,
            On = query.On,
            Tag = query.Tag,
            Place = query.Place,
            From = query.From,
            To = query.To,
            Charge = query.Charge,
            Limit = query.Limit ?? 20,
        };
        var v = request.Validate();
        if (!v.IsValid)
        {
            return v.Problem();
        }
        var result = await SiteSearch.RunAsync(db, index, request, vocabularies, texts, cancellationToken);
        return Results.Ok(
            new
            {
                words = result.Words,
                counts = result.Groups.ToDictionary(g => g.Type, g => g.Total),
                items = result.Groups.SelectMany(g => g.Items),
            }
        );
    }

    public sealed record Query(
        string? Q,
        string? Type,
        string? Status,
        DateOnly? On,
        string? Tag,
        Guid? Place,
        DateOnly? From,
        DateOnly? To,
        Guid? Charge,
        int? Limit
    );
}
