using Habeas.Campaigns.Actions;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Supporters;

/// <summary>The supporters list for campaigners (page and API): search by name or email, with counts.</summary>
public static class SupporterQueries
{
    public sealed record Row(
        Guid Id,
        string Name,
        string Email,
        string Country,
        string? Group,
        string Language,
        string Status,
        DateTimeOffset CreatedAt,
        int Follows,
        int Outreach
    );

    public static async Task<(IReadOnlyList<Row> Items, int Total)> ListAsync(
        HabeasDb db,
        string? q,
        int limit,
        int offset,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Supporters.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(): the database compares, not this culture
            query = query.Where(s => s.Email.Contains(term) || s.Name.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Id)
            .Skip(offset)
            .Take(limit)
            .Select(s => new Row(
                s.Id,
                s.Name,
                s.Email,
                s.Country,
                s.Group,
                s.Language,
                s.Status,
                s.CreatedAt,
                s.Follows.Count,
                db.Set<Outreach>().Where(o => o.SupporterId == s.Id).Sum(o => (int?)o.Count) ?? 0
            ))
            .ToListAsync(cancellationToken);
        return (items, total);
    }
}

public static class SupportersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/supporters", async (HabeasDb db, string? q, int? limit, int? offset, CancellationToken cancellationToken) =>
            {
                if (Habeas.Platform.Api.Paging.Check(limit, offset) is { } invalid)
                {
                    return invalid.Problem();
                }
                var (items, total) = await SupporterQueries.ListAsync(
                    db,
                    q,
                    limit ?? Habeas.Platform.Api.Paging.DefaultLimit,
                    offset ?? 0,
                    cancellationToken
                );
                return Results.Ok(new { items, total });
            })
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithTags("Campaigns")
            .WithSummary(
                "Supporters (campaign policy): name, email, country, group, language, status, actions followed and outreach counted; q searches name and email."
            );
    }
}
