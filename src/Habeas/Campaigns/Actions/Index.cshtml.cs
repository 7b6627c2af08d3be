using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>The campaign actions, newest first.</summary>
public sealed class IndexModel(HabeasDb db, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<CampaignAction> Actions { get; private set; } = [];

    /// <summary>Whether the reader runs campaigns (and is offered the form for a new action).</summary>
    public bool MayCampaign { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Actions = await db
            .CampaignActions.AsNoTracking()
            .OrderByDescending(a => a.CreatedAt)
            .ThenBy(a => a.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        MayCampaign = (await authorization.AuthorizeAsync(User, Policies.Campaign)).Succeeded;
    }
}
