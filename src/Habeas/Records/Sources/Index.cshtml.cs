using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Sources;

public sealed class IndexModel(HabeasDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }
    public IReadOnlyList<Source> Sources { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = SourcesApi.Filter(db, Q).AsNoTracking();
        Total = await query.CountAsync(cancellationToken);
        Sources = await query.OrderBy(s => s.Title).Take(200).ToListAsync(cancellationToken);
    }
}
