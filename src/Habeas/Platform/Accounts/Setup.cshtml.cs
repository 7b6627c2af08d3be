using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Accounts;

/// <summary>Creates the first administrator with the one-time link printed at start; closed once an administrator exists.</summary>
public sealed class SetupModel(
    HabeasDb db,
    UserManager<HabeasUser> users,
    SignInManager<HabeasUser> signIn,
    SetupToken setup,
    TimeProvider time
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Closed = await SetupToken.AdministratorExistsAsync(db, cancellationToken) || !setup.Matches(Token);
        return Closed ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await SetupToken.AdministratorExistsAsync(db, cancellationToken) || !setup.Matches(Token))
        {
            return NotFound();
        }
        var (user, errors) = await UserAccounts.CreateAsync(users, Email, Password, Roles.Administrator, time);
        if (user is null)
        {
            Errors = errors;
            Password = null;
            return Page();
        }
        setup.MarkUsed();
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/");
    }
}
