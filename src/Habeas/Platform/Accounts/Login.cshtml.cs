using System.Globalization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Sign in with email and password. A wrong email and a wrong password get the same answer, and take as long:
/// every attempt runs exactly one PBKDF2 verification, against a stand-in hash when the account is unknown,
/// locked, disabled or has no password yet, or the password is empty (review finding 8); five failures lock the account for 15
/// minutes; ten failures from one address or for one account name within 15 minutes get 429 (SignInThrottle).
/// An account with two-factor authentication goes on to /login/two-factor. Every outcome is audited.
/// </summary>
public sealed class LoginModel(HabeasSignInManager signIn, UserManager<HabeasUser> users, HabeasDb db, SignInThrottle throttle) : PageModel
{
    private static string? _standInHash;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Arrived from a one-time link after choosing a password.</summary>
    [BindProperty(SupportsGet = true)]
    public bool PasswordSet { get; set; }
    public bool Failed { get; private set; }

    /// <summary>Minutes to wait, when refused for too many failures.</summary>
    public int? WaitMinutes { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim();
        var password = Password;
        Password = null;
        ModelState.Remove(nameof(Password)); // never shown back in the page
        var client = HttpContext.Connection.RemoteIpAddress;
        var user = string.IsNullOrEmpty(email) ? null : await users.FindByNameAsync(email);
        if (throttle.RetryAfter(client, email) is { } wait)
        {
            SignInAudit.Log(db, SignInAudit.SignInRefused, user, HttpContext, "too many failed sign-ins");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return TooManyFailures(this, wait, m => WaitMinutes = m);
        }

        var result = await CheckPasswordAsync(user, password);
        if (result.Succeeded)
        {
            db.Actor = user!.UserName;
            SignInAudit.Log(db, SignInAudit.SignedIn, user, HttpContext, "password");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            throttle.Succeeded(email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Platform/Accounts/LoginTwoFactor", new { ReturnUrl });
        }
        throttle.Failed(client, email);
        SignInAudit.Log(
            db,
            SignInAudit.SignInFailed,
            user,
            HttpContext,
            user is null ? null
                : result.IsLockedOut ? "locked out"
                : result.IsNotAllowed ? "not allowed"
                : "wrong password"
        );
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Failed = true;
        return Page();
    }

    /// <summary>
    /// Exactly one hash verification whatever the account's state, then the decision: the account's own hash only
    /// when it exists, may sign in and a password was typed; otherwise the stand-in, and the answer is a failure.
    /// </summary>
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> CheckPasswordAsync(HabeasUser? user, string? password)
    {
        var lockedOut = user is not null && await users.IsLockedOutAsync(user);
        var candidate = user is { PasswordHash.Length: > 0 } && !lockedOut && !string.IsNullOrEmpty(password) ? user : null;
        _standInHash ??= users.PasswordHasher.HashPassword(new HabeasUser(), Guid.NewGuid().ToString());
        var verdict = users.PasswordHasher.VerifyHashedPassword(
            candidate ?? new HabeasUser(),
            candidate?.PasswordHash ?? _standInHash,
            password ?? ""
        );
        if (user is null || string.IsNullOrEmpty(password) || user.PasswordHash is null)
        {
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        if (lockedOut)
        {
            return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        if (verdict == PasswordVerificationResult.Failed)
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut
                : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password); // saved with the next update
            await users.UpdateAsync(user);
        }
        if (!await signIn.IsTwoFactorEnabledAsync(user))
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        return await signIn.SignInAfterPasswordAsync(user);
    }

    /// <summary>Ends the session here and, through a new security stamp, every copy of it within the validation interval.</summary>
    public async Task<IActionResult> OnPostLogoutAsync()
    {
        var user = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        if (user is not null)
        {
            SignInAudit.Log(db, SignInAudit.SignedOut, user, HttpContext);
            await users.UpdateSecurityStampAsync(user); // saves the audit entry with it
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/login");
    }

    /// <summary>The page again with 429 and Retry-After; the same for known and unknown accounts.</summary>
    public static IActionResult TooManyFailures(PageModel page, TimeSpan wait, Action<int> setMinutes)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(setMinutes);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        page.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        setMinutes((seconds + 59) / 60);
        var result = page.Page();
        result.StatusCode = StatusCodes.Status429TooManyRequests;
        return result;
    }
}
