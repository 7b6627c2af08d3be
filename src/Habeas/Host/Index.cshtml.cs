using Habeas.Platform.Accounts;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Custody;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Host;

/// <summary>
/// The start page. Open to anyone in the page table, because a signed-out visitor (or an account without a role) at
/// <c>/</c> is sent to the public site, which the sign-in page links to; staff see their start page.
/// </summary>
public sealed class IndexModel(HabeasDb db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public int People { get; private set; }
    public int Cases { get; private set; }
    public int Sources { get; private set; }
    public int DetainedToday { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Read)).Succeeded)
        {
            return Redirect("/public");
        }
        People = await db.People.CountAsync(cancellationToken);
        Cases = await db.Cases.CountAsync(cancellationToken);
        Sources = await db.Sources.CountAsync(cancellationToken);
        DetainedToday = await CustodyQueries.DetainedOn(db, time.Today()).CountAsync(cancellationToken);
        return Page();
    }
}
