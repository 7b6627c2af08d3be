using System.Globalization;
using Habeas.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Authenticator-app codes for Identity, in place of its own provider (which accepts t-2…t+2 and lets a code be
/// used again): the current 30-second step and one either side, and each step at most once per account. The
/// last step used is kept in Identity's user tokens table (login provider "Habeas", name "LastTotpStep").
/// </summary>
public sealed class TotpTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<HabeasUser>
{
    public const string ProviderName = "HabeasAuthenticator";
    public const string LoginProvider = "Habeas";
    public const string LastStepName = "LastTotpStep";

    // Two requests with the same code must not both read the old last step before either stores the new one: within
    // one process this lock; across servers (docs/operations.md, "Several servers") saving the step updates the account,
    // whose concurrency stamp lets only one of two simultaneous saves succeed.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public Task<string> GenerateAsync(string purpose, UserManager<HabeasUser> manager, HabeasUser user) =>
        throw new NotSupportedException("Authenticator codes are made by the user's app, never by the server.");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<HabeasUser> manager, HabeasUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || Totp.Normalize(token) is null)
        {
            return false;
        }
        await OneAtATime.WaitAsync();
        try
        {
            var stored = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
            var lastStep = long.TryParse(stored, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var last)
                ? last
                : long.MinValue;
            var step = Totp.Match(Base32.Decode(key), token, time.GetUtcNow(), lastStep);
            if (step is null)
            {
                return false;
            }
            var saved = await manager.SetAuthenticationTokenAsync(
                user,
                LoginProvider,
                LastStepName,
                step.Value.ToString(CultureInfo.InvariantCulture)
            );
            return saved.Succeeded;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<HabeasUser> manager, HabeasUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }
}
