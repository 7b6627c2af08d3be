using Habeas.Campaigns.Actions;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Cards;

/// <summary>Greeting cards written on the public page, for campaigners to read and approve or reject (campaign policy).</summary>
public static class CardsApi
{
    public sealed record CardDto(
        Guid Id,
        string Message,
        string SignedAs,
        string? Country,
        string Language,
        string Status,
        string? Reason,
        string? ModeratedBy,
        DateTimeOffset? ModeratedAt,
        Guid? BatchId,
        DateTimeOffset CreatedAt
    );

    public sealed record RejectInput(string? Reason);

    public static void Map(RouteGroupBuilder api)
    {
        var cards = api.MapGroup("/actions/{id:guid}/cards")
            .WithTags("Campaigns")
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign);
        cards
            .MapGet("/", ListAsync)
            .WithSummary("The action's cards to the prisoner, oldest first, filtered by status (pending, approved, rejected).");
        cards
            .MapPost("/{cardId:guid}/approve", (Guid id, Guid cardId, HabeasDb db, TimeProvider time, CancellationToken ct) =>
                DecideAsync(db, time, id, cardId, true, null, ct)
            )
            .WithSummary("Approve a pending card: it is counted as a card to the prisoner and goes in the next batch.");
        cards
            .MapPost(
                "/{cardId:guid}/reject",
                (Guid id, Guid cardId, RejectInput input, HabeasDb db, TimeProvider time, CancellationToken ct) =>
                    DecideAsync(db, time, id, cardId, false, input.Reason, ct)
            )
            .WithSummary("Reject a pending card with the reason (reason required).");
    }

    private static async Task<IResult> ListAsync(Guid id, string? status, HabeasDb db, CancellationToken cancellationToken)
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NoAction(id);
        }
        var cards = await db
            .GreetingCards.AsNoTracking()
            .Where(c => c.ActionId == id && (status == null || c.Status == status))
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
        return Results.Ok(new { items = cards.Select(Dto), counts = await CardModeration.CountAsync(db, id, cancellationToken) });
    }

    private static async Task<IResult> DecideAsync(
        HabeasDb db,
        TimeProvider time,
        Guid id,
        Guid cardId,
        bool approve,
        string? reason,
        CancellationToken cancellationToken
    )
    {
        var card = await db.GreetingCards.FirstOrDefaultAsync(c => c.Id == cardId && c.ActionId == id, cancellationToken);
        if (card is null)
        {
            return Habeas.Platform.Api.Problems.Said(404, "cards.problem.notFound", "cards.problem.notFoundDetail", cardId, id);
        }
        var validation = await CardModeration.DecideAsync(db, time, id, card, approve, reason, cancellationToken);
        return validation.IsValid ? Results.Ok(Dto(card)) : validation.Problem();
    }

    private static CardDto Dto(GreetingCard c) =>
        new(c.Id, c.Message, c.SignedAs, c.Country, c.Language, c.Status, c.Reason, c.ModeratedBy, c.ModeratedAt, c.BatchId, c.CreatedAt);

    private static IResult NoAction(Guid id) => Habeas.Platform.Api.Problems.NotFound("action", id);
}
