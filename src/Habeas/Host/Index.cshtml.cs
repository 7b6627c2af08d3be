using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Custody;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Host;

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
