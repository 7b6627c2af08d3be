using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

[Collection(Habeas.Tests.Browser.BrowserServer.Collection)]
public sealed class AdministrationBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnAdministrator_CreatesAnAccount_ChangesItsRole_AndFindsTheChangeInTheAuditLog(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var page = await server.NewPageAsync(Roles.Administrator);

        await page.GotoAsync("/");
        await page.Locator("nav a[href='/admin/users']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Accounts");
        await page.Locator("input[name=Email]").FillAsync("dara@example.org");
        await page.Locator("select[name=NewRole]").SelectOptionAsync(Roles.Viewer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and make an invitation link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-link")).ToContainTextAsync(PasswordLinks.PathPrefix);

        var row = page.Locator("table.accounts tr", new() { HasText = "dara@example.org" });
        await row.Locator("select[name=role]").SelectOptionAsync(Roles.Monitor);
        await row.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.success")).ToHaveTextAsync("The role was changed.");
        await Assertions
            .Expect(page.Locator("table.accounts tr", new() { HasText = "dara@example.org" }).Locator("select[name=role]"))
            .ToHaveValueAsync(Roles.Monitor);
        await BrowserServer.ScreenshotAsync(page, $"admin-users-{provider}");

        await page.Locator("nav a[href='/admin/audit']").ClickAsync();
        await page.Locator("input[name=action]").FillAsync("permission-changed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var entry = page.Locator("table.audit tbody tr").First;
        await Assertions.Expect(entry).ToContainTextAsync("permission-changed");
        await Assertions.Expect(entry.Locator("del")).ToHaveTextAsync(Roles.Viewer);
        await Assertions.Expect(entry.Locator("ins")).ToHaveTextAsync(Roles.Monitor);
        await BrowserServer.ScreenshotAsync(page, $"admin-audit-{provider}");
        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.Locator("table.audit tbody tr").First).ToContainTextAsync("permission-changed");
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitor_SeesNoAdministrationLinks_ButManagesTheirOwnTokens(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var page = await server.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("header a[href^='/admin/']")).ToHaveCountAsync(0);
        await page.Locator("header a[href='/account/tokens']").ClickAsync();
        await page.Locator("input[name=Name]").FillAsync("laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the token" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-token")).ToContainTextAsync(ApiTokens.Prefix);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.success")).ToHaveTextAsync("The token was revoked; it no longer works.");
        await Assertions.Expect(page.Locator("#new-token")).ToHaveCountAsync(0);
    }
}
