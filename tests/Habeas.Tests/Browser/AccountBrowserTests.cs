using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>In Chromium: passkeys as a second factor, and an invitation link.</summary>
[Collection(BrowserServer.Collection)]
public sealed class AccountBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnAdministrator_RegistersAPasskey_ThenSignsInWithIt(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var administrator = await CreateAdministratorAsync(server);
        // WebAuthn refuses an IP address as the relying party: the browser goes to the server as "localhost".
        var context = await server.Browser.NewContextAsync(
            new BrowserNewContextOptions { BaseURL = server.Address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) }
        );
        context.SetDefaultTimeout((float)BrowserServer.StepTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        // A virtual authenticator (a passkey on the "device") through the DevTools protocol.
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync(
            "WebAuthn.addVirtualAuthenticator",
            new Dictionary<string, object>
            {
                ["options"] = new Dictionary<string, object>
                {
                    ["protocol"] = "ctap2",
                    ["transport"] = "internal",
                    ["hasResidentKey"] = true,
                    ["hasUserVerification"] = true,
                    ["isUserVerified"] = true,
                },
            }
        );
        await server.SignInAsync(page, administrator);

        await page.GotoAsync("/account/two-factor");
        await Assertions.Expect(page.Locator("#passkeys")).ToHaveTextAsync("Passkeys");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Recommended for administrators");
        await page.Locator("#passkey-register input[name=PasskeyName]").FillAsync("laptop");
        await page.Locator("#passkey-register input[name=Password]").FillAsync(TestApp.Password);
        await page.Locator("#passkey-register button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("p.notice[role=status]")).ToHaveTextAsync("The passkey was added.");
        await Assertions.Expect(page.Locator(".passkey-list")).ToContainTextAsync("laptop");
        await BrowserServer.ScreenshotAsync(page, $"account-passkeys-{provider}");

        // Sign out, then sign in again: the password, then the passkey instead of a code.
        await page.Locator("form[action='/login?handler=Logout'] button").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/login", StringComparison.Ordinal));
        await page.Locator("input[name=Email]").FillAsync(administrator.Email!);
        await page.Locator("input[name=Password]").FillAsync(TestApp.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/login/two-factor", StringComparison.Ordinal));
        await BrowserServer.ScreenshotAsync(page, $"account-passkey-login-{provider}");
        await page.Locator("#passkey-login button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync(administrator.Email!);
        await using var db = Open(server);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == SignInAudit.SignedIn && e.Entry.Contains("password and passkey")));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ANewCoordinator_SetsTheirOwnPasswordFromAnInvitationLink_AndSignsIn(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var admin = await server.NewPageAsync(Roles.Administrator);
        await admin.GotoAsync("/admin/users");
        await admin.Locator("input[name=Email]").FillAsync("sokha@example.org");
        await admin.Locator("input[name=Name]").FillAsync("Sokha");
        await admin.Locator("select[name=NewRole]").SelectOptionAsync(Roles.Coordinator);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create and make an invitation link" }).ClickAsync();
        var link = (await admin.Locator("#password-link").TextContentAsync())!.Trim();
        Assert.Contains(PasswordLinks.PathPrefix, link, StringComparison.Ordinal);
        await BrowserServer.ScreenshotAsync(admin, $"account-invitation-link-{provider}");

        foreach (var (locale, width) in new[] { ("en-GB", 1280), ("km-KH", 1280), ("en-GB", 390), ("km-KH", 390) })
        {
            var look = await (await server.NewContextAsync(locale)).NewPageAsync();
            await look.SetViewportSizeAsync(width, 844);
            await look.GotoAsync(link);
            await Assertions.Expect(look.Locator("input[name=New]")).ToBeVisibleAsync();
            await BrowserServer.ScreenshotAsync(look, $"account-set-password-{locale}-{width}-{provider}");
        }

        var page = await (await server.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Choose your password");
        await page.Locator("input[name=New]").FillAsync("my own long phrase for Habeas 9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the password" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.success")).ToHaveTextAsync("Your password was saved. Sign in with it now.");
        await page.Locator("input[name=Email]").FillAsync("sokha@example.org");
        await page.Locator("input[name=Password]").FillAsync("my own long phrase for Habeas 9");
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("sokha@example.org");

        // The link worked once.
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("This link does not work");

        foreach (var (locale, width) in new[] { ("en-GB", 1280), ("km-KH", 1280), ("en-GB", 390), ("km-KH", 390) })
        {
            var look = await (await server.NewContextAsync(locale)).NewPageAsync();
            await look.SetViewportSizeAsync(width, 844);
            await server.SignInAsync(look, await CreateAdministratorAsync(server));
            await look.GotoAsync(ChangePasswordModel.PagePath);
            await BrowserServer.ScreenshotAsync(look, $"account-change-password-{locale}-{width}-{provider}");
            await look.GotoAsync("/account/two-factor");
            await BrowserServer.ScreenshotAsync(look, $"account-two-factor-{locale}-{width}-{provider}");
        }
    }

    private static async Task<HabeasUser> CreateAdministratorAsync(BrowserServer server)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
        var (user, errors) = await UserAccounts.CreateAsync(
            users,
            $"passkey-admin-{Guid.NewGuid():N}@example.org",
            TestApp.Password,
            Roles.Administrator,
            TimeProvider.System
        );
        Assert.True(user is not null, string.Join(" ", errors));
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return user;
    }

    private static Habeas.Platform.Storage.HabeasDb Open(BrowserServer server) =>
        server.Services.CreateScope().ServiceProvider.GetRequiredService<Habeas.Platform.Storage.HabeasDb>();
}
