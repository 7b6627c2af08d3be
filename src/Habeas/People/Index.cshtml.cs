using Habeas.Api;
using Habeas.Shared;
using Habeas.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.People;

public sealed class IndexModel(HabeasDb db, Search.PeopleNameIndex index, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? On { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<PeopleApi.PersonSummary> Results { get; private set; } = new([], 0);
    public DateOnly Day { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Day = On ?? time.Today();
        PageNumber = Math.Max(1, PageNumber);
        Results = await PeopleApi.PageAsync(db, await PeopleApi.FilterAsync(db, index, Q, Status, Day, Tag, cancellationToken), Day, PageSize, (PageNumber - 1) * PageSize, cancellationToken);
    }
}
