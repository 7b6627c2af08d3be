using Habeas.Core.Accounts;
using Habeas.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Accounts;

/// <summary>
/// The second step after a correct password: a code from the authenticator app (current 30-second step ±1, each
/// step once) or one of the account's recovery codes (each works once). Failures count towards the account's
/// lockout and the sign-in limits like wrong passwords, and are audited.
/// </summary>
[AllowAnonymous]
public sealed class LoginTwoFactorModel(SignInManager<HabeasUser> signIn, UserManager<HabeasUser> users, HabeasDb db, SignInThrottle throttle) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }
    public int? WaitMinutes { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? LocalRedirect("/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return LocalRedirect("/login");
        }
        var code = Code?.Trim() ?? "";
        Code = null;
        ModelState.Remove(nameof(Code)); // never shown back in the page
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(client, user.UserName) is { } wait)
        {
            SignInAudit.Log(db, SignInAudit.SignInRefused, user, HttpContext, "too many failed sign-ins");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return LoginModel.TooManyFailures(this, wait, m => WaitMinutes = m);
        }
        var authenticator = Totp.Normalize(code);
        var result = authenticator is not null
            ? await signIn.TwoFactorAuthenticatorSignInAsync(authenticator, isPersistent: false, rememberClient: false)
            : await RecoveryCodeSignInAsync(user, code);
        if (result.Succeeded)
        {
            db.Actor = user.UserName;
            SignInAudit.Log(db, SignInAudit.SignedIn, user, HttpContext, authenticator is not null ? "password and authenticator code" : "password and recovery code");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            throttle.Succeeded(user.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        throttle.Failed(client, user.UserName);
        SignInAudit.Log(db, SignInAudit.SignInFailed, user, HttpContext, result.IsLockedOut ? "locked out" : "wrong two-factor code");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Failed = true;
        return Page();
    }

    /// <summary>Identity's recovery-code sign-in neither looks at nor counts towards the lockout; this does both.</summary>
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> RecoveryCodeSignInAsync(HabeasUser user, string code)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        var result = code.Length is > 0 and <= 64
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (!result.Succeeded)
        {
            await users.AccessFailedAsync(user);
        }
        return result;
    }
}
