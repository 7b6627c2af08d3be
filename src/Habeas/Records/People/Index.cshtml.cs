using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.People;

public sealed class IndexModel(HabeasDb db, Search.PeopleNameIndex index, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<Habeas.Records.People.PersonSummary> Results { get; private set; } = new([], 0);
    public DateOnly Day { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Day = On ?? time.Today();
        PageNumber = Math.Max(1, PageNumber);
        Results = await PeopleList.PageAsync(
            db,
            await PeopleList.FilterAsync(db, index, Q, Status, Day, Tag, cancellationToken),
            Day,
            PageSize,
            (PageNumber - 1) * PageSize,
            cancellationToken
        );
    }
}
