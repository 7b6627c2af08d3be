using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Habeas.Core.Accounts;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Accounts;

public sealed partial class TwoFactorTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Enrolment_ShowsQrCodeAndKey_AFirstCodeTurnsItOn_AndTheRecoveryCodesAreShownOnceAndStoredHashed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, user);

        var page = await client.GetStringAsync("/account/two-factor");
        Assert.Contains("<img class=\"qr\" src=\"data:image/png;base64,", page, StringComparison.Ordinal);
        var shownKey = Key().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            // Stored encrypted (ConfidentialTests.AuthenticatorKeys_…); the shown key is the one the store gives back.
            var storedKey = await db
                .UserTokens.Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey")
                .Select(t => t.Value)
                .SingleAsync();
            Assert.StartsWith("v1.", storedKey, StringComparison.Ordinal);
            using var scope = app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
            Assert.Equal(await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id))!), shownKey);
        }
        Assert.Equal(
            shownKey,
            Key().Match(await client.GetStringAsync("/account/two-factor")).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal)
        );

        var wrong = await TestApp.PostFormAsync(
            client,
            "/account/two-factor?handler=Enable",
            new() { ["Code"] = "12345" },
            "/account/two-factor"
        );
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains(Text(app, "twoFactor.wrongCode"), wrongPage, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"12345\"", wrongPage, StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(app, user));

        var code = Totp.Code(Base32.Decode(shownKey), Totp.StepAt(DateTimeOffset.UtcNow));
        var enabled = await (
            await TestApp.PostFormAsync(client, "/account/two-factor?handler=Enable", new() { ["Code"] = code }, "/account/two-factor")
        ).Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(enabled).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(await TwoFactorEnabledAsync(app, user));

        var later = await client.GetStringAsync("/account/two-factor");
        Assert.Empty(RecoveryCode().Matches(later));
        Assert.Contains(
            app.Services.GetRequiredService<Habeas.Platform.Localization.Texts>()
                .Get("en", "twoFactor.codesLeft")
                .Replace("{0}", "10", StringComparison.Ordinal),
            later,
            StringComparison.Ordinal
        );

        // New recovery codes need a current code, replace the old ones, and are audited.
        var renewed = await (
            await TestApp.PostFormAsync(
                client,
                "/account/two-factor?handler=RecoveryCodes",
                new() { ["Code"] = await app.CurrentCodeAsync(user) },
                "/account/two-factor"
            )
        ).Content.ReadAsStringAsync();
        var newCodes = RecoveryCode().Matches(renewed).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(codes));

        await using var check = app.OpenDb();
        var tokens = await check.UserTokens.Where(t => t.UserId == user.Id).Select(t => t.Value).ToListAsync();
        Assert.DoesNotContain(tokens, t => codes.Concat(newCodes).Any(c => t!.Contains(c, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(tokens, t => t!.Contains(HabeasUserStore.Hash(newCodes[0]), StringComparison.Ordinal));
        var actions = await AccountActionsAsync(check, user);
        Assert.Contains(SignInAudit.TwoFactorEnabled, actions);
        Assert.Contains(SignInAudit.RecoveryCodesRegenerated, actions);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TurningTwoFactorOff_NeedsACurrentCode_IsAudited_AndSignInThenAsksNoCode(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor, twoFactor: true);
        var client = app.CreateAnonymousClient();
        Assert.True(TestApp.WentTo(await app.SignInAsync(client, user), "/"));

        var wrong = await TestApp.PostFormAsync(
            client,
            "/account/two-factor?handler=Disable",
            new() { ["Code"] = "not a code" },
            "/account/two-factor"
        );
        Assert.Contains(Text(app, "twoFactor.wrongCode"), await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await TwoFactorEnabledAsync(app, user));

        await TestApp.PostFormAsync(
            client,
            "/account/two-factor?handler=Disable",
            new() { ["Code"] = await app.CurrentCodeAsync(user) },
            "/account/two-factor"
        );
        Assert.False(await TwoFactorEnabledAsync(app, user));
        // The session that turned it off goes on.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/people")).StatusCode);

        var fresh = app.CreateClient(NoRedirects);
        fresh.DefaultRequestHeaders.Authorization = null;
        var password = await TestApp.PostFormAsync(fresh, "/login", new() { ["Email"] = user.Email!, ["Password"] = TestApp.Password });
        Assert.Equal("/", password.Headers.Location?.OriginalString);
        await using var db = app.OpenDb();
        Assert.Contains(SignInAudit.TwoFactorDisabled, await AccountActionsAsync(db, user));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task SignIn_WithTwoFactor_NeedsACode_ACodeWorksOnce_TwoStepsAwayIsRefused_AndARecoveryCodeWorksOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor, twoFactor: true);
        IReadOnlyList<string> recovery;
        byte[] key;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            recovery = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(stored, 10))!];
            key = Base32.Decode((await users.GetAuthenticatorKeyAsync(stored))!);
        }

        var first = app.CreateAnonymousClient();
        var afterPassword = await TestApp.PostFormAsync(
            first,
            "/login",
            new() { ["Email"] = user.Email!, ["Password"] = TestApp.Password }
        );
        Assert.True(TestApp.WentTo(afterPassword, "/login/two-factor"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/people")).StatusCode);

        // Identity's own provider took t-2 and t+2; ours does not.
        var now = Totp.StepAt(DateTimeOffset.UtcNow);
        foreach (var far in new[] { now - 2, now + 2 })
        {
            var refused = await TestApp.PostFormAsync(first, "/login/two-factor", new() { ["Code"] = Totp.Code(key, far) });
            Assert.Contains(Text(app, "twoFactor.loginFailed"), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var code = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow));
        Assert.True(TestApp.WentTo(await TestApp.PostFormAsync(first, "/login/two-factor", new() { ["Code"] = code }), "/"));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/people")).StatusCode);

        // The same code again, from another client that knows the password: refused.
        var second = app.CreateAnonymousClient();
        await TestApp.PostFormAsync(second, "/login", new() { ["Email"] = user.Email!, ["Password"] = TestApp.Password });
        var replay = await TestApp.PostFormAsync(second, "/login/two-factor", new() { ["Code"] = code });
        Assert.Contains(Text(app, "twoFactor.loginFailed"), await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/people")).StatusCode);

        // A recovery code, typed in lower case with spaces around it, works once.
        Assert.True(
            TestApp.WentTo(
                await TestApp.PostFormAsync(second, "/login/two-factor", new() { ["Code"] = $" {recovery[3].ToLowerInvariant()} " }),
                "/"
            )
        );
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/people")).StatusCode);
        var third = app.CreateAnonymousClient();
        await TestApp.PostFormAsync(third, "/login", new() { ["Email"] = user.Email!, ["Password"] = TestApp.Password });
        var again = await TestApp.PostFormAsync(third, "/login/two-factor", new() { ["Code"] = recovery[3] });
        Assert.Contains(Text(app, "twoFactor.loginFailed"), await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.GetAsync("/api/v1/people")).StatusCode);

        await using var db = app.OpenDb();
        var entries = await db
            .AuditEntries.Where(e => e.RecordType == SignInAudit.RecordType && e.RecordId == Guid.Parse(user.Id))
            .Select(e => e.Entry)
            .ToListAsync();
        Assert.Equal(2, entries.Count(e => e.Contains("\"signed-in\"", StringComparison.Ordinal)));
        Assert.Equal(4, entries.Count(e => e.Contains("wrong two-factor code", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e =>
            e.Contains(code, StringComparison.Ordinal) || e.Contains(recovery[3], StringComparison.OrdinalIgnoreCase)
        );
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ALockedAccount_CannotSignInWithARecoveryCode(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor, twoFactor: true);
        var client = app.CreateAnonymousClient();
        Assert.True(
            TestApp.WentTo(
                await TestApp.PostFormAsync(client, "/login", new() { ["Email"] = user.Email!, ["Password"] = TestApp.Password }),
                "/login/two-factor"
            )
        );
        string recovery;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(stored, 10))!.First();
            await users.SetLockoutEndDateAsync(stored, DateTimeOffset.UtcNow.AddMinutes(15));
        }
        await TestApp.PostFormAsync(client, "/login/two-factor", new() { ["Code"] = recovery });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/people")).StatusCode);
        await using var db = app.OpenDb();
        Assert.Contains(await db.AuditEntries.Where(e => e.Action == SignInAudit.SignInFailed).Select(e => e.Entry).ToListAsync(), e =>
            e.Contains("locked out", StringComparison.Ordinal)
        );
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnAdministratorWithoutTwoFactor_ReachesOnlyEnrolment_ItsTokenGets403_AndEnrollingOpensEverything(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.CreateUserAsync(Roles.Administrator, twoFactor: false);
        string token;
        using (var scope = app.Services.CreateScope())
        {
            token = await ApiTokens.CreateAsync(
                scope.ServiceProvider.GetRequiredService<Habeas.Platform.Storage.HabeasDb>(),
                admin,
                "t",
                TimeSpan.FromDays(1),
                TimeProvider.System,
                CancellationToken.None
            );
        }
        var api = app.CreateAnonymousClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var refused = await api.GetAsync("/api/v1/people");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(
            "Two-factor authentication must be turned on first",
            await refused.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );

        var client = app.CreateClient(NoRedirects);
        client.DefaultRequestHeaders.Authorization = null;
        var signedIn = await TestApp.PostFormAsync(client, "/login", new() { ["Email"] = admin.Email!, ["Password"] = TestApp.Password });
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        foreach (var path in new[] { "/", "/people", "/cases", "/statistics" })
        {
            Assert.Equal("/account/two-factor", (await client.GetAsync(path)).Headers.Location?.OriginalString);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
        var language = await TestApp.PostFormAsync(
            client,
            "/language",
            new() { ["lang"] = "km", ["returnUrl"] = "/account/two-factor" },
            "/account/two-factor"
        );
        Assert.Equal("/account/two-factor", language.Headers.Location?.OriginalString);
        Assert.Contains(
            app.Services.GetRequiredService<Habeas.Platform.Localization.Texts>().Get("km", "twoFactor.required"),
            await client.GetStringAsync("/account/two-factor"),
            StringComparison.Ordinal
        );

        await TestApp.PostFormAsync(
            client,
            "/account/two-factor?handler=Enable",
            new() { ["Code"] = await app.CurrentCodeAsync(admin) },
            "/account/two-factor"
        );
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/people")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/people")).StatusCode);
        var signOut = await TestApp.PostFormAsync(client, "/login?handler=Logout", [], "/people");
        Assert.Equal("/login", signOut.Headers.Location?.OriginalString);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheConfidentialGrant_IsInThePrincipalOnlyOnceTwoFactorIsOn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<HabeasUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        await users.AddClaimAsync(stored, new Claim(Grants.ClaimType, Grants.Confidential));

        var without = await principals.CreateAsync(stored);
        Assert.False(Grants.HasConfidential(without));
        Assert.False(Viewer.Of(without).Confidential);
        Assert.True(TwoFactorRules.MustEnrol(without));

        await app.EnableTwoFactorAsync(user);
        using var after = app.Services.CreateScope();
        var with = await after
            .ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<HabeasUser>>()
            .CreateAsync((await after.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>().FindByIdAsync(user.Id))!);
        Assert.True(Viewer.Of(with).Confidential);
        Assert.False(TwoFactorRules.MustEnrol(with));

        var plain = await principals.CreateAsync((await users.FindByIdAsync((await app.CreateUserAsync(Roles.Viewer)).Id))!);
        Assert.False(TwoFactorRules.MustEnrol(plain));
    }

    private static async Task<bool> TwoFactorEnabledAsync(TestApp app, HabeasUser user)
    {
        await using var db = app.OpenDb();
        return await db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync();
    }

    private static async Task<List<string>> AccountActionsAsync(Habeas.Platform.Storage.HabeasDb db, HabeasUser user) =>
        await db
            .AuditEntries.Where(e => e.RecordType == SignInAudit.RecordType && e.RecordId == Guid.Parse(user.Id))
            .Select(e => e.Action)
            .ToListAsync();

    private static string Text(TestApp app, string key) =>
        app.Services.GetRequiredService<Habeas.Platform.Localization.Texts>().Get("en", key);

    [GeneratedRegex("<code class=\"key\" lang=\"en\">([A-Z2-7 ]+)</code>")]
    private static partial Regex Key();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
