using System.Text;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// /import as a coordinator uses it, in Chromium, without a script of ours: the file is chosen once; its headers, which
/// are not field names, are mapped on the page; a check shows a problem by line and column; the mapping is fixed (a date
/// format) and checked again; then imported. The same file again: each row is "same as" the person imported, one is made a
/// new person on the page, and only that one is created. Screenshots in English and Khmer at desktop and phone width
/// (TestResults/screenshots, and /tmp/shots-import).
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class ImportBrowserTests
{
    private const string Shots = "/tmp/shots-import";

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ImportPage_KeepsTheFileAndTheChoices_FromUploadThroughCheckAndFixToImport(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        foreach (var locale in new[] { "en-GB", "km-KH" })
        {
            var language = locale[..2];
            var page = await server.NewPageAsync(Roles.Coordinator, locale);
            await page.SetViewportSizeAsync(1280, 900);
            var latin = $"Chan Dara Import {language}";
            var csv = $"Full name (Khmer),Arrested on,Notes\nសួន ចាន់ថា{language},31/07/2012,first\n{latin},15/01/2013,second\n";

            // Upload once and check: the headers are not field names, so nothing would be written, and the page says so.
            await page.GotoAsync("/import");
            await page.Locator("input[name=Upload]")
                .SetInputFilesAsync(
                    new FilePayload
                    {
                        Name = "people.csv",
                        MimeType = "text/csv",
                        Buffer = Encoding.UTF8.GetBytes(csv),
                    }
                );
            await page.Locator("button[formaction$='handler=Check']").ClickAsync();
            await Assertions.Expect(page.Locator("#import-nothing")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#import-clean")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#import-mapping")).ToContainTextAsync("Full name (Khmer)");
            await ShotsAsync(page, $"import-1-uploaded-{language}-{provider}");

            // Map the headers and check: the dates are not ISO dates, so each is a problem by line and column.
            await page.Locator("#field-0").SelectOptionAsync("name");
            await page.Locator("#field-1").SelectOptionAsync("event1.date");
            await page.Locator("textarea[name=Constants]").FillAsync("event1.type=arrest");
            await page.Locator("button[formaction$='handler=Check']").ClickAsync();
            var problems = page.Locator("#import-problems");
            await Assertions.Expect(problems).ToBeVisibleAsync();
            await Assertions.Expect(problems.Locator("tbody tr").First).ToContainTextAsync("Arrested on");
            await Assertions.Expect(problems).ToContainTextAsync("31/07/2012");
            await Assertions.Expect(problems).ToContainTextAsync("15/01/2013");
            // The choices are still there, and the file was not asked for again.
            await Assertions.Expect(page.Locator("#field-0")).ToHaveValueAsync("name");
            await Assertions.Expect(page.Locator("#field-1")).ToHaveValueAsync("event1.date");
            await Assertions.Expect(page.Locator("textarea[name=Constants]")).ToHaveValueAsync("event1.type=arrest");
            await PageChecks.AssertAccessibleAsync(page);
            await ShotsAsync(page, $"import-2-problems-{language}-{provider}");

            // Fix the mapping (the date format) and check again: clean, nothing written yet.
            await page.Locator("input[name=DateFormats]").FillAsync("dd/MM/yyyy");
            await page.Locator("button[formaction$='handler=Check']").ClickAsync();
            await Assertions.Expect(page.Locator("#import-clean")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#import-problems")).ToHaveCountAsync(0);
            Assert.Equal(0, await CountAsync(server, latin));
            await ShotsAsync(page, $"import-3-clean-{language}-{provider}");

            // Import: the people exist, each with their arrest on the day the file gives.
            await page.Locator("button[formaction$='handler=Import']").ClickAsync();
            await Assertions.Expect(page.Locator("#import-written")).ToBeVisibleAsync();
            await ShotsAsync(page, $"import-4-imported-{language}-{provider}");
            Assert.Equal(1, await CountAsync(server, latin));
            Assert.Equal(1, await CountAsync(server, $"សួន ចាន់ថា{language}"));
            using (var scope = server.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
                db.Viewer = Habeas.Platform.Access.Viewer.System;
                var personId = await db.PersonNames.Where(n => n.Text == latin).Select(n => n.PersonId).SingleAsync();
                var arrest = await db.Events.SingleAsync(e => e.Type == "arrest" && e.People.Any(p => p.PersonId == personId));
                Assert.Equal(new DateOnly(2013, 1, 15), arrest.Date?.Earliest);
            }
            // The kept file is gone once imported: the page no longer says it is kept.
            await Assertions.Expect(page.Locator("input[name=UploadId]")).ToHaveValueAsync("");

            // The same file again (it has no id column): each row is "same as" the person just imported, linked to their page;
            // the second row is said to be a new person, and only that row makes one.
            await page.Locator("input[name=Upload]")
                .SetInputFilesAsync(
                    new FilePayload
                    {
                        Name = "people.csv",
                        MimeType = "text/csv",
                        Buffer = Encoding.UTF8.GetBytes(csv),
                    }
                );
            await page.Locator("button[formaction$='handler=Check']").ClickAsync();
            var matches = page.Locator("#import-matches");
            await Assertions.Expect(matches).ToBeVisibleAsync();
            Guid latinId;
            using (var scope = server.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
                db.Viewer = Habeas.Platform.Access.Viewer.System;
                latinId = await db.PersonNames.Where(n => n.Text == latin).Select(n => n.PersonId).SingleAsync();
            }
            await Assertions.Expect(matches.Locator($"a[href='/people/{latinId}']")).ToHaveTextAsync(latin);
            await Assertions.Expect(page.Locator("#match-1")).ToHaveValueAsync(latinId.ToString());
            await Assertions.Expect(page.Locator("#match-0 option:checked")).ToContainTextAsync($"សួន ចាន់ថា{language}");
            await Assertions.Expect(page.Locator("#import-nothing")).ToBeVisibleAsync();
            await PageChecks.AssertAccessibleAsync(page);
            await ShotsAsync(page, $"import-5-same-as-{language}-{provider}");
            await page.Locator("#match-1").SelectOptionAsync("new");
            await page.Locator("button[formaction$='handler=Check']").ClickAsync();
            await Assertions.Expect(page.Locator("#match-1")).ToHaveValueAsync("new");
            await Assertions.Expect(page.Locator("#import-clean")).ToBeVisibleAsync();
            await page.Locator("button[formaction$='handler=Import']").ClickAsync();
            await Assertions.Expect(page.Locator("#import-written")).ToBeVisibleAsync();
            Assert.Equal(1, await CountAsync(server, $"សួន ចាន់ថា{language}"));
            Assert.Equal(2, await CountAsync(server, latin));
        }
    }

    private static async Task<int> CountAsync(BrowserServer server, string name)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        return await db.PersonNames.CountAsync(n => n.Text == name);
    }

    /// <summary>The page at desktop width and at a phone's (390 px), then back to desktop.</summary>
    private static async Task ShotsAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        foreach (var (width, height, suffix) in new[] { (1280, 900, "desktop"), (390, 844, "phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            await BrowserServer.ScreenshotAsync(page, $"{name}-{suffix}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}-{suffix}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }
}
