using Habeas.Core.Accounts;
using Habeas.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Habeas.Accounts;

/// <summary>
/// Two-factor authentication for the signed-in account: enrol an authenticator app (QR code and key, then a first
/// code), see the recovery codes once, make new ones, or turn it off. Every change needs a current code, counts
/// wrong codes towards the sign-in limits, is audited in the same save, and re-issues the session so the grant
/// claims follow at once.
/// </summary>
public sealed class TwoFactorModel(UserManager<HabeasUser> users, SignInManager<HabeasUser> signIn, IUserStore<HabeasUser> store, HabeasDb db, SignInThrottle throttle) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty] public string? Code { get; set; }
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
        Required = await users.IsInRoleAsync(user, Roles.Administrator)
            || (await users.GetClaimsAsync(user)).Any(c => c.Type == Access.Grants.ClaimType);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
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
        using var data = generator.CreateQrCode(Totp.KeyUri("Habeas", user.Email ?? user.UserName ?? user.Id, key), QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(6));
        return Page();
    }
}
