using Habeas.Platform.Accounts;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Custody;
using Habeas.Work.Attention;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Host;

/// <summary>
/// The start page: the reader's work list (Work/Attention/WorkList.cs, docs/work-list.md) — this week, overdue, limbo,
/// campaigns, review queues, theirs first — with done, snooze and assign on each item, as forms. Open to anyone in the
/// page table, because a signed-out visitor (or an account without a role) at <c>/</c> is sent to the public site.
/// </summary>
public sealed class IndexModel(
    HabeasDb db,
    TimeProvider time,
    IAuthorizationService authorization,
    WorkList workList,
    UserManager<HabeasUser> users
) : PageModel
{
    public IReadOnlyList<AttentionItem> Items { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Staff { get; private set; } = new Dictionary<string, string>();
    public int DetainedToday { get; private set; }

    /// <summary>Only the reader's own items (watched, their teams', assigned to them).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Read)).Succeeded)
        {
            return Redirect("/public");
        }
        var items = await workList.ItemsAsync(users.GetUserId(User), cancellationToken);
        Items = Mine ? items.Where(i => i.Mine).ToList() : items;
        Staff = await db
            .Users.AsNoTracking()
            .OrderBy(u => u.UserName)
            .Take(200)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.UserName ?? u.Id, cancellationToken);
        DetainedToday = await CustodyQueries.DetainedOn(db, time.Today()).CountAsync(cancellationToken);
        return Page();
    }

    /// <summary>Done, snooze, assign or reopen an item; back to the work list.</summary>
    public async Task<IActionResult> OnPostMarkAsync(
        string? key,
        string? act,
        int? days,
        string? assignee,
        CancellationToken cancellationToken
    )
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Contribute)).Succeeded)
        {
            return Forbid();
        }
        if (!await Marking.MarkAsync(db, users.GetUserId(User)!, key, act, days, assignee, cancellationToken))
        {
            return BadRequest();
        }
        return Redirect(Mine ? "/?mine=true" : "/");
    }
}
