using Habeas.Custody;
using Habeas.Shared;
using Habeas.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas;

public sealed class IndexModel(HabeasDb db, TimeProvider time) : PageModel
{
    public int People { get; private set; }
    public int Cases { get; private set; }
    public int Sources { get; private set; }
    public int DetainedToday { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        People = await db.People.CountAsync(cancellationToken);
        Cases = await db.Cases.CountAsync(cancellationToken);
        Sources = await db.Sources.CountAsync(cancellationToken);
        DetainedToday = await CustodyQueries.DetainedOn(db, time.Today()).CountAsync(cancellationToken);
    }
}
