using Habeas.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns;

/// <summary>One action: its cases (those the reader may see), targets, further-information updates and what was sent.</summary>
public sealed class DetailsModel(HabeasDb db) : PageModel
{
    public ActionsApi.ActionDetail Action { get; private set; } = null!;
    public ActionsApi.Counts Counts { get; private set; } = null!;
    /// <summary>Cards to the prisoner waiting, approved and rejected (letters and cards).</summary>
    public Cards.CardModeration.CardCounts CardCounts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }
        Action = await ActionsApi.DetailAsync(db, action, cancellationToken);
        Counts = await ActionsApi.CountAsync(db, id, cancellationToken);
        CardCounts = await Cards.CardModeration.CountAsync(db, id, cancellationToken);
        return Page();
    }
}
