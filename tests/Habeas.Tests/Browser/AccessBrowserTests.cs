using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

[Collection(Habeas.Tests.Browser.BrowserServer.Collection)]
public sealed class AccessBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitor_RestrictsAPerson_AndNamesAnotherUser_OnTheForms(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var colleague = $"colleague-{Guid.NewGuid():N}@example.org";
        using (var scope = server.Services.CreateScope())
        {
            var (user, _) = await Habeas.Platform.Accounts.UserAccounts.CreateAsync(
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Habeas.Platform.Accounts.HabeasUser>>(),
                colleague,
                TestApp.Password,
                Habeas.Platform.Accounts.Roles.Monitor,
                TimeProvider.System
            );
            Assert.NotNull(user);
        }
        var page = await server.NewPageAsync();

        await page.GotoAsync("/people/new");
        // A monitor is not offered "public": publishing is for coordinators.
        await Assertions.Expect(page.Locator("input[name='Input.Level']")).ToHaveCountAsync(2);
        await page.Locator("input[name='Input.Names[0].Text']").FillAsync("Witness protection case");
        await page.Locator("input[name='Input.Level'][value='restricted']").CheckAsync();
        await page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".level-restricted")).ToBeVisibleAsync();
        var personId = Guid.Parse(page.Url.Split('/').Last());
        await BrowserServer.ScreenshotAsync(page, $"person-restricted-{provider}");

        await page.Locator(".level-restricted a").ClickAsync();
        await page.Locator("textarea[name='Emails']").FillAsync("nobody@example.org");
        await page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("nobody@example.org");
        // What was typed is still there after the error.
        await Assertions.Expect(page.Locator("textarea[name='Emails']")).ToHaveValueAsync("nobody@example.org");
        await page.Locator("textarea[name='Emails']").FillAsync(colleague);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith($"/people/{personId}", StringComparison.Ordinal));
        await page.Locator(".level-restricted a").ClickAsync();
        await BrowserServer.ScreenshotAsync(page, $"access-{provider}");

        using var check = server.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<Habeas.Platform.Storage.HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        var named = await db
            .RecordGrants.Where(g => g.RecordId == personId)
            .Join(db.Users, g => g.UserId, u => u.Id, (_, u) => u.Email)
            .ToListAsync();
        Assert.Contains(colleague, named);
        Assert.Equal(2, named.Count); // the monitor who restricted it, and the colleague
    }
}
