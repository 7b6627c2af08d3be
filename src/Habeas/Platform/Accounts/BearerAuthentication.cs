using System.Text.Encodings.Web;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Habeas.Platform.Accounts;

/// <summary>
/// "Authorization: Bearer hb_…": the token's user, with that user's roles. A request that carries a token is
/// authenticated by the token alone; cookies are not looked at (see <see cref="AccountsSetup.SelectScheme"/>).
/// </summary>
public sealed class BearerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HabeasDb db,
    IUserClaimsPrincipalFactory<HabeasUser> principals,
    TimeProvider time
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var found = await ApiTokens.FindWithUserAsync(db, header["Bearer ".Length..].Trim(), time.GetUtcNow(), Context.RequestAborted);
        // Only a disabling stops tokens: a lockout after failed web sign-ins, which anyone can cause, does not (review finding 9).
        if (found is not { } signedIn || Admin.AccountChanges.IsDisabled(signedIn.User, time.GetUtcNow()))
        {
            return AuthenticateResult.Fail("The token is unknown, expired, revoked, or its account is disabled.");
        }
        var principal = await principals.CreateAsync(signedIn.User);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(
            new System.Security.Claims.Claim(
                ApiTokens.ExpiresClaim,
                signedIn.Token.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            )
        );
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
