using Habeas.Core.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Accounts;

/// <summary>
/// The second step after a correct password: a code from the authenticator app (current 30-second step ±1, each
/// step once) or one of the account's recovery codes (each works once). Failures count towards the account's
/// lockout and the sign-in limits like wrong passwords, and are audited.
/// </summary>
public sealed class LoginTwoFactorModel(
    HabeasSignInManager signIn,
    UserManager<HabeasUser> users,
    HabeasDb db,
    SignInThrottle throttle,
    Passkeys passkeys
) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? PasskeyState { get; set; }

    [BindProperty]
    public string? PasskeyResponse { get; set; }

    /// <summary>Options for navigator.credentials.get when the account has passkeys (wwwroot/js/passkeys.js).</summary>
    public string? PasskeyOptions { get; private set; }
    public bool HasAuthenticator { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }
    public int? WaitMinutes { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is { } user ? await ShowAsync(user) : LocalRedirect("/login");

    /// <summary>The second step with a passkey: a signature over this page's challenge by one of the account's passkeys.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return LocalRedirect("/login");
        }
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(client, user.UserName) is { } wait)
        {
            SignInAudit.Log(db, SignInAudit.SignInRefused, user, HttpContext, "too many failed sign-ins");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            await ShowAsync(user);
            return LoginModel.TooManyFailures(this, wait, m => WaitMinutes = m);
        }
        if (
            !await users.IsLockedOutAsync(user)
            && await passkeys.CompleteAssertionAsync(db, Request, user, PasskeyState, PasskeyResponse, HttpContext.RequestAborted)
        )
        {
            db.Actor = user.UserName;
            SignInAudit.Log(db, SignInAudit.SignedIn, user, HttpContext, "password and passkey");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            await signIn.SignInWithPasskeyAsync(user);
            throttle.Succeeded(user.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        throttle.Failed(client, user.UserName);
        await users.AccessFailedAsync(user);
        SignInAudit.Log(db, SignInAudit.SignInFailed, user, HttpContext, "passkey refused");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Failed = true;
        return await ShowAsync(user);
    }

    private async Task<IActionResult> ShowAsync(HabeasUser user)
    {
        HasAuthenticator = user.TwoFactorEnabled;
        if (await passkeys.BeginAssertionAsync(db, Request, user) is { } ceremony)
        {
            (PasskeyOptions, PasskeyState) = ceremony;
        }
        return Page();
    }

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
            await ShowAsync(user);
            return LoginModel.TooManyFailures(this, wait, m => WaitMinutes = m);
        }
        var authenticator = Totp.Normalize(code);
        // An account without an enrolled authenticator app (a passkey only) takes no authenticator codes.
        var result =
            authenticator is not null && !user.TwoFactorEnabled ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : authenticator is not null
                ? await signIn.TwoFactorAuthenticatorSignInAsync(authenticator, isPersistent: false, rememberClient: false)
            : await RecoveryCodeSignInAsync(user, code);
        if (result.Succeeded)
        {
            db.Actor = user.UserName;
            SignInAudit.Log(
                db,
                SignInAudit.SignedIn,
                user,
                HttpContext,
                authenticator is not null ? "password and authenticator code" : "password and recovery code"
            );
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            throttle.Succeeded(user.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        throttle.Failed(client, user.UserName);
        SignInAudit.Log(db, SignInAudit.SignInFailed, user, HttpContext, result.IsLockedOut ? "locked out" : "wrong two-factor code");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Failed = true;
        return await ShowAsync(user);
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
