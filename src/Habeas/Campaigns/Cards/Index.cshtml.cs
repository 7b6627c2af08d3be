using Habeas.Campaigns.Actions;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Cards;

/// <summary>Reading the cards supporters wrote: approve, or reject with the reason (campaign policy).</summary>
public sealed class IndexModel(HabeasDb db, TimeProvider time) : PageModel
{
    public CampaignAction Action { get; private set; } = null!;
    public IReadOnlyList<GreetingCard> Pending { get; private set; } = [];
    public IReadOnlyList<GreetingCard> Decided { get; private set; } = [];
    public CardModeration.CardCounts Counts { get; private set; } = null!;
    public Guid? FailedCard { get; private set; }
    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid cardId, CancellationToken cancellationToken) =>
        DecideAsync(id, cardId, true, null, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, Guid cardId, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(id, cardId, false, reason, cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, Guid cardId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        var card = await db.GreetingCards.FirstOrDefaultAsync(c => c.Id == cardId && c.ActionId == id, cancellationToken);
        if (card is null)
        {
            return NotFound();
        }
        var validation = await CardModeration.DecideAsync(db, time, id, card, approve, reason, cancellationToken);
        if (validation.IsValid)
        {
            return Redirect($"/actions/{id}/cards");
        }
        validation.CopyTo(ModelState, "Card");
        (FailedCard, Reason) = (cardId, reason);
        await LoadAsync(id, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await db.CampaignActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return false;
        }
        Action = action;
        var cards = await db
            .GreetingCards.AsNoTracking()
            .Where(c => c.ActionId == id)
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
        Pending = cards.Where(c => c.Status == GreetingCard.Pending).ToList();
        Decided = cards.Where(c => c.Status != GreetingCard.Pending).OrderByDescending(c => c.ModeratedAt).Take(50).ToList();
        Counts = await CardModeration.CountAsync(db, id, cancellationToken);
        return true;
    }
}
