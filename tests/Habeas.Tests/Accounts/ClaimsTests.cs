using System.Security.Claims;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Habeas.Tests.Accounts;

/// <summary>
/// Habeas makes a signed-in user's claims in one query (every token request goes through it): they must be exactly
/// those ASP.NET Identity's own factory makes from the same account, and the two-factor rule must still apply.
/// </summary>
public sealed class ClaimsTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Claims_AreIdentitysOwn_ForEveryKindOfAccount(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<HabeasUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var identitys = new UserClaimsPrincipalFactory<HabeasUser, IdentityRole>(
            users,
            roles,
            services.GetRequiredService<IOptions<IdentityOptions>>()
        );
        var habeas = services.GetRequiredService<IUserClaimsPrincipalFactory<HabeasUser>>();
        Assert.IsType<HabeasClaimsPrincipalFactory>(habeas);

        // A monitor with a user claim and two roles, one of which carries a role claim; two-factor on, so nothing is taken away.
        var (monitor, errors) = await UserAccounts.CreateAsync(
            users,
            "claims-monitor@example.org",
            TestApp.Password,
            Roles.Monitor,
            TimeProvider.System
        );
        Assert.True(monitor is not null, string.Join(" ", errors));
        Assert.True((await users.AddToRoleAsync(monitor, Roles.Campaigner)).Succeeded);
        Assert.True((await users.AddClaimAsync(monitor, new Claim("habeas:test-claim", "ស្រុក"))).Succeeded);
        var campaigner = (await roles.FindByNameAsync(Roles.Campaigner))!;
        Assert.True((await roles.AddClaimAsync(campaigner, new Claim("habeas:role-claim", "letters"))).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(monitor, true)).Succeeded);
        // A viewer with nothing else: no claims of its own, one role.
        var (viewer, _) = await UserAccounts.CreateAsync(
            users,
            "claims-viewer@example.org",
            TestApp.Password,
            Roles.Viewer,
            TimeProvider.System
        );

        foreach (var user in new[] { monitor, viewer! })
        {
            var expected = Claims(await identitys.CreateAsync(user));
            var actual = Claims(await habeas.CreateAsync(user));
            if (user == viewer)
            {
                // Identity's factory knows nothing of Habeas's rule; a viewer without two-factor has nothing to take away.
                Assert.DoesNotContain(actual, c => c.StartsWith(HabeasClaimsPrincipalFactory.MustEnrolClaim, StringComparison.Ordinal));
            }
            Assert.Equal(expected, actual);
        }
        Assert.Contains($"{ClaimTypes.Role}={Roles.Campaigner}", Claims(await habeas.CreateAsync(monitor)));
        Assert.Contains("habeas:role-claim=letters", Claims(await habeas.CreateAsync(monitor)));
        Assert.Contains("habeas:test-claim=ស្រុក", Claims(await habeas.CreateAsync(monitor)));

        // An administrator without two-factor must enrol: the claim that says so, as before.
        var (administrator, _) = await UserAccounts.CreateAsync(
            users,
            "claims-admin@example.org",
            TestApp.Password,
            Roles.Administrator,
            TimeProvider.System
        );
        var principal = await habeas.CreateAsync(administrator!);
        Assert.True(TwoFactorRules.MustEnrol(principal));
        Assert.Equal(
            Claims(await identitys.CreateAsync(administrator!))
                .Append($"{HabeasClaimsPrincipalFactory.MustEnrolClaim}=two-factor")
                .Order(StringComparer.Ordinal),
            Claims(principal)
        );
    }

    private static List<string> Claims(ClaimsPrincipal principal)
    {
        var identity = Assert.Single(principal.Identities);
        Assert.Equal(IdentityConstants.ApplicationScheme, identity.AuthenticationType);
        Assert.Equal(ClaimTypes.Name, identity.NameClaimType);
        Assert.Equal(ClaimTypes.Role, identity.RoleClaimType);
        return identity.Claims.Select(c => $"{c.Type}={c.Value}").Order(StringComparer.Ordinal).ToList();
    }
}
