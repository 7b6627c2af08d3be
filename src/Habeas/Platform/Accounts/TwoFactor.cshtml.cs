using Habeas.Core.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Two-factor authentication for the signed-in account: enrol an authenticator app (QR code and key, then a first
/// code), see the recovery codes once, make new ones, or turn it off. Every change needs a current code, counts
/// wrong codes towards the sign-in limits, is audited in the same save, and re-issues the session so the grant
/// claims follow at once.
/// </summary>
public sealed class TwoFactorModel(
    UserManager<HabeasUser> users,
    SignInManager<HabeasUser> signIn,
    IUserStore<HabeasUser> store,
    HabeasDb db,
    SignInThrottle throttle,
    Passkeys passkeys
) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public sealed record PasskeyRow(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? PasskeyName { get; set; }

    [BindProperty]
    public string? PasskeyState { get; set; }

    [BindProperty]
    public string? PasskeyResponse { get; set; }
    public IReadOnlyList<PasskeyRow> PasskeyList { get; private set; } = [];

    /// <summary>Options for navigator.credentials.create (wwwroot/js/passkeys.js).</summary>
    public string? PasskeyOptions { get; private set; }
    public bool Administrator { get; private set; }
    public bool WrongPassword { get; private set; }
    public bool PasskeyRefused { get; private set; }

    [BindProperty]
    public string? Code { get; set; }
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string? Key { get; private set; }
    public string? QrCode { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    public bool WrongCode { get; private set; }
    public int? WaitMinutes { get; private set; }

    /// <summary>The interface string that says what was just done.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : await ShowAsync(user);
    }

    public Task<IActionResult> OnPostEnableAsync() => ChangeAsync(enabled: false, SignInAudit.TwoFactorEnabled, async user =>
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
            Done = "twoFactor.enabled";
        });

    public Task<IActionResult> OnPostDisableAsync() => ChangeAsync(enabled: true, SignInAudit.TwoFactorDisabled, async user =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await users.ResetAuthenticatorKeyAsync(user); // a new app enrolment starts from a new key
            Done = "twoFactor.disabled";
        });

    public Task<IActionResult> OnPostRecoveryCodesAsync() => ChangeAsync(enabled: true, SignInAudit.RecoveryCodesRegenerated, async user =>
        {
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
            Done = "twoFactor.newCodes";
        });

    /// <summary>
    /// Registers a passkey after the browser's ceremony, with the current password (a stolen session alone cannot
    /// add a factor). The first second factor of an account also brings its recovery codes.
    /// </summary>
    public Task<IActionResult> OnPostPasskeyAsync() =>
        WithPasswordAsync(async user =>
        {
            var first = !user.TwoFactorEnabled && !await Passkeys.AnyAsync(db, user.Id);
            if (
                await passkeys.CompleteRegistrationAsync(
                    db,
                    Request,
                    user,
                    PasskeyState,
                    PasskeyResponse,
                    PasskeyName,
                    HttpContext.RequestAborted
                )
                is null
            )
            {
                PasskeyRefused = true;
                return;
            }
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            if (first)
            {
                RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
            }
            Done = "passkeys.added";
        });

    /// <summary>Removes one of the account's passkeys, with the current password.</summary>
    public Task<IActionResult> OnPostRemovePasskeyAsync(Guid passkeyId) =>
        WithPasswordAsync(async user =>
        {
            var passkey = await db.Passkeys.FirstOrDefaultAsync(p => p.Id == passkeyId && p.UserId == user.Id, HttpContext.RequestAborted);
            if (passkey is null)
            {
                return;
            }
            db.Passkeys.Remove(passkey);
            db.LogAction(
                Passkeys.RemovedAction,
                SignInAudit.RecordType,
                Guid.Parse(user.Id),
                null,
                new Dictionary<string, string?> { ["passkey"] = passkey.Name }
            );
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            Done = "passkeys.removed";
        });

    private async Task<IActionResult> WithPasswordAsync(Func<HabeasUser, Task> change)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var password = Password;
        Password = null;
        ModelState.Clear(); // never shown back in the page
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(client, user.UserName) is { } wait)
        {
            await ShowAsync(user);
            return LoginModel.TooManyFailures(this, wait, m => WaitMinutes = m);
        }
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            throttle.Failed(client, user.UserName);
            await users.AccessFailedAsync(user);
            WrongPassword = true;
            return await ShowAsync(user);
        }
        await change(user);
        // A new stamp: other sessions end, and this one is re-issued with the claims that follow from the change.
        await users.UpdateSecurityStampAsync(user);
        await signIn.RefreshSignInAsync(user);
        return await ShowAsync(user);
    }

    /// <summary>Checks the code, queues the audit entry (saved by the change's first update) and makes the change.</summary>
    private async Task<IActionResult> ChangeAsync(bool enabled, string action, Func<HabeasUser, Task> change)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var code = Code;
        Code = null;
        ModelState.Remove(nameof(Code)); // never shown back in the page
        if (user.TwoFactorEnabled != enabled)
        {
            return await ShowAsync(user);
        }
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(client, user.UserName) is { } wait)
        {
            await ShowAsync(user);
            return LoginModel.TooManyFailures(this, wait, m => WaitMinutes = m);
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code ?? ""))
        {
            throttle.Failed(client, user.UserName);
            WrongCode = true;
            return await ShowAsync(user);
        }
        SignInAudit.Log(db, action, user, HttpContext);
        await change(user);
        await signIn.RefreshSignInAsync(user);
        return await ShowAsync(user);
    }

    private async Task<IActionResult> ShowAsync(HabeasUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        Administrator = await users.IsInRoleAsync(user, Roles.Administrator);
        PasskeyList = await db
            .Passkeys.Where(p => p.UserId == user.Id)
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyRow(p.Id, p.Name, p.CreatedAt, p.LastUsedAt))
            .ToListAsync(HttpContext.RequestAborted);
        // Required, and not yet met by an authenticator app or a passkey.
        Required =
            (Administrator || (await users.GetClaimsAsync(user)).Any(c => c.Type == Access.Grants.ClaimType)) && PasskeyList.Count == 0;
        (PasskeyOptions, PasskeyState) = await passkeys.BeginRegistrationAsync(db, Request, user);
        if (Enabled || PasskeyList.Count > 0)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        }
        if (Enabled)
        {
            return Page();
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Through the store: UserManager.ResetAuthenticatorKeyAsync would also change the security stamp and so
            // end the session that is enrolling.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<HabeasUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
        }
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(
            Totp.KeyUri("Habeas", user.Email ?? user.UserName ?? user.Id, key),
            QRCodeGenerator.ECCLevel.M
        );
        using var png = new PngByteQRCode(data);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(6));
        return Page();
    }
}
