using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Identity's sign-in manager with two changes: a passkey counts as a second factor (so an account with only a
/// passkey goes on to /login/two-factor), and the password step can be finished after the page checked the
/// password itself (LoginModel runs exactly one hash verification whatever the account's state).
/// </summary>
public sealed class HabeasSignInManager(
    UserManager<HabeasUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HabeasUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HabeasUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HabeasUser> confirmation,
    Storage.HabeasDb db
) : SignInManager<HabeasUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Every session begins in the account's own language and formats (issue 18), whatever the browser last chose.</summary>
    public override async Task SignInWithClaimsAsync(
        HabeasUser user,
        AuthenticationProperties? authenticationProperties,
        IEnumerable<System.Security.Claims.Claim> additionalClaims
    )
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        if (user.Language is { } language && Localization.Texts.Languages.Contains(language))
        {
            Localization.LanguageCookie.Set(Context.Response, language);
        }
        if (user.ReaderFormat is not null)
        {
            Localization.LanguageCookie.SetFormat(Context.Response, Localization.ReaderFormat.Read(user.ReaderFormat));
        }
    }

    public override async Task<bool> IsTwoFactorEnabledAsync(HabeasUser user) =>
        await base.IsTwoFactorEnabledAsync(user) || await Passkeys.AnyAsync(db, user.Id);

    /// <summary>After a password the caller verified: a session, or the two-factor step when the account has a second factor.</summary>
    public Task<SignInResult> SignInAfterPasswordAsync(HabeasUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);

    /// <summary>The second step done with a passkey: ends the two-factor cookie, forgets failed attempts, starts the session.</summary>
    public async Task SignInWithPasskeyAsync(HabeasUser user)
    {
        await UserManager.ResetAccessFailedCountAsync(user);
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim("amr", "mfa")]);
    }
}
