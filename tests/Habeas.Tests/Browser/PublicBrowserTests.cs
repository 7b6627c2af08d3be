using Habeas.Campaigns.Stories;
using Habeas.Host.Demo;
using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// The public site in a browser, as an anonymous visitor in English and in Khmer: the list, a profile, a case page and the
/// feed; every public page without script, under 150 KB with everything it loads, passing axe-core and the Nu HTML checker.
/// The other anonymous pages (the action page, its letter page, the stories, joining as a supporter) pass the same checks.
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class PublicBrowserTests
{
    public const long MaximumWeight = 150 * 1024;

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnAnonymousVisitor_BrowsesTheListAProfileACaseAndTheFeed_InEnglishAndKhmer(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var page = await (await server.NewContextAsync("en-GB")).NewPageAsync();
        var list = await page.GotoAsync("/public");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Published list of prisoners");
        // The demonstration's published people: Sok Yoeun and the Adhoc five; not Rong Chhun nor Long Sokunthy (internal).
        await Assertions.Expect(page.Locator("table.public-list tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("table.public-list")).ToContainTextAsync("Ny Sokha");
        await Assertions.Expect(page.Locator("table.public-list")).Not.ToContainTextAsync("Rong Chhun");
        await Assertions.Expect(page.Locator("table.public-list")).Not.ToContainTextAsync("Long Sokunthy");
        await CheckAsync(server, page, list!, $"public-list-en-{provider}");
        // Filtered without script: the form is a plain GET.
        await page.Locator("#tag").SelectOptionAsync("opposition-member");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.public-list tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.public-list")).ToContainTextAsync("Sok Yoeun");
        await page.GotoAsync("/public");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sok Yoeun", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sok Yoeun");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("សុខ យឿន");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Freed from a Thai jail");
        await Assertions.Expect(page.Locator($"a[href='/act/{DemoCampaign.UrgentActionId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("a[href^='/stories/']")).ToHaveCountAsync(1);
        await CheckAsync(server, page, (await page.ReloadAsync())!, $"public-profile-en-{provider}");

        await page.Locator("a[href^='/public/cases/']").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Sok Yoeun: illegal entry");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Illegal entry into Thailand");
        await CheckAsync(server, page, (await page.ReloadAsync())!, $"public-case-en-{provider}");

        var feed = await page.APIRequest.GetAsync("/public/feed.atom");
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("application/atom+xml", feed.Headers["content-type"], StringComparison.Ordinal);
        var atom = System.Xml.Linq.XDocument.Parse(await feed.TextAsync());
        Assert.Contains("Sok Yoeun", atom.ToString(), StringComparison.Ordinal);

        // In Khmer: the interface, the names in Khmer script, the same records.
        var khmer = await (await server.NewContextAsync("km-KH")).NewPageAsync();
        var listKm = await khmer.GotoAsync("/public");
        await Assertions.Expect(khmer.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await Assertions.Expect(khmer.Locator("h1")).ToHaveTextAsync("បញ្ជីអ្នកទោសដែលបានផ្សព្វផ្សាយ");
        await CheckAsync(server, khmer, listKm!, $"public-list-km-{provider}");
        await khmer.GetByRole(AriaRole.Link, new() { Name = "សុខ យឿន", Exact = true }).ClickAsync();
        await Assertions.Expect(khmer.Locator("h1")).ToHaveTextAsync("សុខ យឿន");
        await CheckAsync(server, khmer, (await khmer.ReloadAsync())!, $"public-profile-km-{provider}");
        await khmer.Locator("a[href^='/public/cases/']").First.ClickAsync();
        await CheckAsync(server, khmer, (await khmer.ReloadAsync())!, $"public-case-km-{provider}");

        // The language switch works without script and stays on the page.
        await khmer.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(khmer.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Contains("/public/cases/", khmer.Url, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheOtherAnonymousPages_PassAxeAndTheHtmlChecker(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        Guid storyId;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            storyId = await db.Stories.Where(s => s.Published).Select(s => s.Id).FirstAsync();
        }
        var action = DemoCampaign.UrgentActionId;
        var page = await (await server.NewContextAsync("en-GB")).NewPageAsync();
        foreach (var path in new[] { $"/act/{action}", $"/act/{action}/letter", "/stories", $"/stories/{storyId}", "/supporters/join" })
        {
            var response = await page.GotoAsync(path);
            if (response!.Status == 404 && path.EndsWith("/letter", StringComparison.Ordinal))
            {
                // The demonstration action is closed: its letter page is gone (checked with an open action by the letter tests).
                continue;
            }
            Assert.True(response.Ok, $"{path}: {response.Status}");
            await PageChecks.AssertAccessibleAsync(page);
            await PageChecks.AssertValidHtmlAsync(await response.TextAsync(), path);
        }
    }

    /// <summary>A public page: no script at all, a screenshot, axe-core, the HTML checker, and its weight with all it loads.</summary>
    private static async Task CheckAsync(BrowserServer server, IPage page, IResponse response, string name)
    {
        Assert.Equal(200, response.Status);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Contains("script-src 'none'", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await BrowserServer.ScreenshotAsync(page, name);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertValidHtmlAsync(await response.TextAsync(), name);
        var locale = await page.Locator("html").GetAttributeAsync("lang") == "km" ? "km-KH" : "en-GB";
        Assert.True(
            await WeightAsync(server, page.Url, locale) is var weight && weight < MaximumWeight,
            $"{name} weighs {weight} bytes with what it loads"
        );
    }

    /// <summary>What a first visit to the page downloads: the HTML and every stylesheet, font and image it asks for (a fresh context,
    /// nothing cached).</summary>
    private static async Task<long> WeightAsync(BrowserServer server, string url, string locale)
    {
        var context = await server.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.RequestFinished += (_, request) => requests.Add(request);
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle });
        long total = 0;
        foreach (var request in requests.ToList())
        {
            var sizes = await request.SizesAsync();
            total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        Assert.Contains(requests, r =>
            r.Url.EndsWith(".css", StringComparison.Ordinal) || r.Url.Contains(".css?", StringComparison.Ordinal)
        );
        await context.CloseAsync();
        return total;
    }
}
