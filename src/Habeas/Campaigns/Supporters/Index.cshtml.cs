using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Supporters;

/// <summary>Campaigners: the supporters, searched by name or email.</summary>
public sealed class IndexModel(HabeasDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }
    public IReadOnlyList<SupporterQueries.Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        (Rows, Total) = await SupporterQueries.ListAsync(db, Q, 500, 0, cancellationToken);
    }
}
