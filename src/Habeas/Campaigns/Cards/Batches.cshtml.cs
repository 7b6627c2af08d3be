using Habeas.Campaigns.Actions;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Cards;

/// <summary>The batches of approved cards, and making the next one from the approved cards not yet batched.</summary>
public sealed class BatchesModel(HabeasDb db, TimeProvider time) : PageModel
{
    public sealed record BatchRow(CardBatch Batch, int Cards);

    public CampaignAction Action { get; private set; } = null!;
    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];
    public int Waiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await db.CampaignActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }
        Action = action;
        var batches = await db
            .CardBatches.AsNoTracking()
            .Where(b => b.ActionId == id)
            .OrderByDescending(b => b.Number)
            .ToListAsync(cancellationToken);
        var counts = await db
            .GreetingCards.AsNoTracking()
            .Where(c => c.ActionId == id && c.BatchId != null)
            .GroupBy(c => c.BatchId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Batches = batches.Select(b => new BatchRow(b, counts.FirstOrDefault(c => c.Key == b.Id)?.Count ?? 0)).ToList();
        Waiting = await db.GreetingCards.CountAsync(
            c => c.ActionId == id && c.Status == GreetingCard.Approved && c.BatchId == null,
            cancellationToken
        );
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFound();
        }
        var batch = await CardModeration.MakeBatchAsync(db, time, id, cancellationToken);
        return Redirect(batch is null ? $"/actions/{id}/cards/batches" : $"/actions/{id}/cards/batches/{batch.Id}");
    }
}
