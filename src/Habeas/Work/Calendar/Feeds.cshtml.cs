using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Work.Calendar;

/// <summary>/calendar/feeds: the signed-in user's secret iCalendar links: make one (its address shown on this answer only), list,
/// revoke.</summary>
public sealed class FeedsModel(HabeasDb db, UserManager<HabeasUser> users, TimeProvider time) : PageModel
{
    [BindProperty]
    public bool Discreet { get; set; } = true;

    public IReadOnlyList<CalendarFeed> Feeds { get; private set; } = [];

    /// <summary>The address of the link just made, shown once.</summary>
    public string? NewUrl { get; private set; }
    public bool Revoked { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var secret = await CalendarFeeds.CreateAsync(db, users.GetUserId(User)!, Discreet, time, cancellationToken);
        NewUrl = CalendarFeeds.Url(Request, secret);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await CalendarFeeds.RevokeAsync(db, users.GetUserId(User)!, id, time, cancellationToken))
        {
            return NotFound();
        }
        Revoked = true;
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Feeds = await CalendarFeeds.ListAsync(db, users.GetUserId(User)!, cancellationToken);
        return Page();
    }
}
