using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Act;

/// <summary>The public page of an action (anonymous): the case as published, what to do, the letter builder and the card form.</summary>
public sealed class IndexModel(HabeasDb db) : PageModel
{
    public PublicAction Action { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await PublicAction.LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }
        Action = action;
        return Page();
    }
}
