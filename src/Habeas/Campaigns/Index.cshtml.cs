using Habeas.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns;

/// <summary>The campaign actions, newest first.</summary>
public sealed class IndexModel(HabeasDb db) : PageModel
{
    public IReadOnlyList<CampaignAction> Actions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Actions = await db.CampaignActions.AsNoTracking().OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Take(500).ToListAsync(cancellationToken);
}
