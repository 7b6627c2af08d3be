using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Any signed-in account changes its own password with the current one (ASVS 5 V6.2.2): the policy of
/// docs/security.md 11, wrong current passwords count towards the sign-in limits and the lockout, and the change is
/// audited in the same save as a new security stamp, which ends the account's other sessions within a minute
/// while this one is re-issued. An account whose password someone else chose is sent here until it changes it.
/// </summary>
public sealed class ChangePasswordModel(
    UserManager<HabeasUser> users,
    HabeasSignInManager signIn,
    HabeasDb db,
    SignInThrottle throttle,
    Localization.Texts texts
) : PageModel
{
    public const string PagePath = "/account/password";

    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? New { get; set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Forced { get; private set; }
    public bool Changed { get; private set; }
    public bool WrongCurrent { get; private set; }
    public int? WaitMinutes { get; private set; }
    public int MinimumLength { get; private set; } = PasswordLength.Minimum;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var current = Current;
        var chosen = New;
        Current = New = null;
        ModelState.Clear(); // never shown back in the page
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(client, user.UserName) is { } wait)
        {
            await ShowAsync(user);
            return LoginModel.TooManyFailures(this, wait, m => WaitMinutes = m);
        }
        if (string.IsNullOrEmpty(current) || !await users.CheckPasswordAsync(user, current))
        {
            throttle.Failed(client, user.UserName);
            await users.AccessFailedAsync(user);
            WrongCurrent = true;
            return await ShowAsync(user);
        }
        if (current == chosen)
        {
            Errors = [texts["password.same"]];
            return await ShowAsync(user);
        }
        var errors = await UserAccounts.ValidatePasswordAsync(users, user, chosen, texts);
        if (errors.Count > 0)
        {
            Errors = errors;
            return await ShowAsync(user);
        }
        SignInAudit.Log(db, PasswordLinks.PasswordChanged, user, HttpContext);
        UserAccounts.StorePassword(users, user, chosen!);
        var result = await users.UpdateSecurityStampAsync(user); // saves the hash and the audit entry together
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(e => e.Description).ToList();
            return await ShowAsync(user);
        }
        await signIn.RefreshSignInAsync(user); // this session goes on with the new stamp; the others end
        Changed = true;
        return await ShowAsync(user);
    }

    private async Task<IActionResult> ShowAsync(HabeasUser user)
    {
        Forced = user.MustChangePassword;
        MinimumLength =
            user.TwoFactorEnabled || await Passkeys.AnyAsync(db, user.Id) ? PasswordLength.MinimumWithSecondFactor : PasswordLength.Minimum;
        return Page();
    }
}
