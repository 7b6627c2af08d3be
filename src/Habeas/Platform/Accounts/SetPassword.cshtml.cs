using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Accounts;

/// <summary>
/// The page an invitation or reset link opens (<see cref="PasswordLinks"/>): the account's owner chooses their
/// password, then signs in. A used, replaced, expired or unknown link gets 404 and the same page for all.
/// </summary>
public sealed class SetPasswordModel(HabeasDb db, UserManager<HabeasUser> users, TimeProvider time, Localization.Texts texts) : PageModel
{
    [BindProperty]
    public string? New { get; set; }
    public string? Email { get; private set; }
    public string? Purpose { get; private set; }
    public bool Invalid { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await PasswordLinks.FindAsync(db, token, time, cancellationToken) is { } found ? Show(found.Link, found.User) : Gone();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var chosen = New;
        New = null;
        ModelState.Clear(); // never shown back in the page
        if (await PasswordLinks.FindAsync(db, token, time, cancellationToken) is not { } found)
        {
            return Gone();
        }
        var errors = await PasswordLinks.UseAsync(db, users, found.Link, found.User, chosen, time, texts);
        if (errors.Count > 0)
        {
            Errors = errors;
            return Show(found.Link, found.User);
        }
        return LocalRedirect("/login?passwordSet=true");
    }

    private PageResult Show(PasswordLink link, HabeasUser user)
    {
        Email = user.Email;
        Purpose = link.Purpose;
        return Page();
    }

    private PageResult Gone()
    {
        Invalid = true;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
