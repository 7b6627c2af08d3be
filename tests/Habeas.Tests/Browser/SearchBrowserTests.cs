using Habeas.Host.Demo;
using Habeas.Tests.Duplicates;
using Habeas.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

[Collection(Habeas.Tests.Browser.BrowserServer.Collection)]
public sealed class SearchBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitor_FindsSokYoeun_FromAnotherSpellingAndFromKhmer_WithTheMatchMarked(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var page = await server.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await page.Locator("input[name=q]").FillAsync("Sok Yeun");
        await page.Locator("input[name=q]").PressAsync("Enter");
        var first = page.Locator(".search-group[data-type=person] li").First;
        await Assertions.Expect(first.Locator("a")).ToHaveTextAsync("Sok Yoeun");
        await Assertions.Expect(first.Locator(".match")).ToContainTextAsync("Sok Yeun");
        await BrowserServer.ScreenshotAsync(page, $"search-latin-{provider}");

        await page.Locator("input[name=q]").FillAsync("សុខ យឿន");
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".search-group[data-type=person] li a").First).ToHaveTextAsync("Sok Yoeun");
        await Assertions.Expect(page.Locator(".search-group[data-type=person] li .match").First).ToContainTextAsync("សុខ យឿន");
        await first.Locator("a").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith($"/people/{DemoData.SokYoeunId}", StringComparison.Ordinal));

        // Words in a case or event are marked where they matched.
        await page.GotoAsync("/search?q=extradition");
        await Assertions.Expect(page.Locator("mark").First).ToBeVisibleAsync();
        Assert.Equal("extradition", (await page.Locator("mark").First.InnerTextAsync()).ToLowerInvariant()[..11]);
        await BrowserServer.ScreenshotAsync(page, $"search-text-{provider}");

        // In Khmer: the page's words are Khmer, the Khmer query finds him and says which name matched.
        await page.GetByRole(AriaRole.Button, new() { Name = "ខ្មែរ" }).ClickAsync();
        await page.GotoAsync($"/search?q={Uri.EscapeDataString("សុខ យឿន")}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ស្វែងរក");
        await Assertions.Expect(page.Locator(".search-group[data-type=person] li a").First).ToHaveTextAsync("សុខ យឿន");
        await Assertions
            .Expect(page.Locator(".search-group[data-type=person] li .match").First)
            .ToContainTextAsync("ត្រូវនឹងឈ្មោះ “សុខ យឿន”");
        await BrowserServer.ScreenshotAsync(page, $"search-km-{provider}");
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitor_IsWarnedOfADuplicate_ComparesTheTwo_Merges_AndUndoes(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var page = await server.NewPageAsync();

        // Entering a name already recorded in another spelling: warned, then told it is someone else (to test merging).
        await page.GotoAsync("/people/new");
        await page.Locator("input[name='Input.Names[0].Text']").FillAsync("Rong Chun");
        await page.Locator("input[name='Input.Occupation']").FillAsync("Union leader");
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".possible-duplicates")).ToContainTextAsync("Rong Chhun");
        await Assertions.Expect(page.Locator("input[name='Input.Occupation']")).ToHaveValueAsync("Union leader");
        await BrowserServer.ScreenshotAsync(page, $"person-possible-duplicate-{provider}");
        await page.Locator(".possible-duplicates button").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Rong Chun");
        var duplicateId = page.Url.Split('/').Last();

        await server.Services.RefreshDuplicatesAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Duplicates" }).ClickAsync();
        var row = page.Locator("table.duplicates tr", new() { HasText = "Rong Chun" });
        await Assertions.Expect(row).ToContainTextAsync("Rong Chhun");
        await page.GotoAsync("/duplicates?lang=km");
        await Assertions.Expect(page.Locator("table.duplicates")).ToContainTextAsync("ជាការសរសេរផ្សេងគ្នានៃឈ្មោះតែមួយ");
        await BrowserServer.ScreenshotAsync(page, $"duplicates-km-{provider}");
        await page.GotoAsync("/duplicates");
        await row.GetByRole(AriaRole.Link, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.compare")).ToContainTextAsync("Union leader");
        await BrowserServer.ScreenshotAsync(page, $"duplicates-compare-{provider}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Keep “Rong Chhun” and merge “Rong Chun” into it" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Rong Chhun");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Rong Chun");
        await Assertions.Expect(page.Locator("form.merged")).ToContainTextAsync("“Rong Chun” was merged into this one");
        await Assertions.Expect(page.Locator($"form.merged input[value='{duplicateId}']")).ToHaveCountAsync(1);
        var survivorUrl = page.Url;
        // The merged record's address leads to the one kept.
        await page.GotoAsync($"/people/{duplicateId}");
        Assert.Equal(survivorUrl, page.Url);
        await BrowserServer.ScreenshotAsync(page, $"person-merged-{provider}");

        await page.Locator("form.merged button").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith($"/people/{duplicateId}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Rong Chun");
        await page.GotoAsync(survivorUrl);
        await Assertions.Expect(page.Locator("form.merged")).ToHaveCountAsync(0);
    }
}
