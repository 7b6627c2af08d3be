using System.Security.Claims;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Infrastructure;

/// <summary>Accounts of any role, with or without the confidential grant, each with an API client of its own.</summary>
public static class TestAccounts
{
    public sealed record Account(HabeasUser User, string Email, string Token, HttpClient Client);

    public static async Task<Account> AccountAsync(this TestApp app, string role, bool confidential = false)
    {
        var user = await app.CreateUserAsync(role);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        if (confidential || role == Roles.Administrator)
        {
            // Administrators and grant holders must have two-factor authentication (docs/security.md 12).
            await users.ResetAuthenticatorKeyAsync(stored);
            await users.SetTwoFactorEnabledAsync(stored, true);
        }
        if (confidential)
        {
            await users.AddClaimAsync(stored, new Claim(Grants.ClaimType, Grants.Confidential));
        }
        var token = await ApiTokens.CreateAsync(
            scope.ServiceProvider.GetRequiredService<HabeasDb>(),
            stored,
            "tests",
            TimeSpan.FromDays(1),
            TimeProvider.System,
            CancellationToken.None
        );
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return new Account(stored, stored.Email!, token, client);
    }
}
