using Habeas.Custody;
using Habeas.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Statistics;

/// <summary>Who was deprived of liberty on a day, counted from the derived custody timelines.</summary>
public sealed class IndexModel(HabeasDb db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? On { get; set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<(Guid Id, string Name, string Status)> Detained { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Day = On ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var periods = await db.CustodyPeriods.AsNoTracking().CoveringDay(Day).Where(p => p.DeprivedOfLiberty)
            .Select(p => new { p.PersonId, p.Status }).ToListAsync(cancellationToken);
        var ids = periods.Select(p => p.PersonId).ToList();
        var people = await db.People.AsNoTracking().Include(p => p.Names).Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        Detained = people.Select(p => (p.Id, p.DisplayName, periods.First(x => x.PersonId == p.Id).Status))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList();
    }
}
