using Habeas.Host.Demo;
using Habeas.Records.Cases;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>The statistics pages and the case dossier, in English and Khmer, on screen and printed to A4 PDF.</summary>
[Collection(BrowserServer.Collection)]
public sealed class StatisticsBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheStatisticsAndTheDossier_ShowChartsWithTables_InEnglishAndKhmer_AndTheDossierPrintsToA4(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        Guid caseId;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Habeas.Platform.Storage.HabeasDb>();
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            caseId = await db.Cases.Where(c => c.Title.StartsWith("Sok Yoeun")).Select(c => c.Id).SingleAsync();
        }
        foreach (var locale in new[] { "en-GB", "km-KH" })
        {
            var language = locale[..2];
            var context = await server.NewContextAsync(locale);
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/public/statistics?from=1999-01-01&to=2005-12-31&interval=month&on=2003-01-01&lang={language}");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Assertions.Expect(page.Locator("#detained svg[role=img] polyline")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#detained table.chart-table")).ToBeAttachedAsync();
            // Sok Yoeun, published, was held from December 1999 to February 2004.
            await Assertions.Expect(page.Locator("#detained table.chart-table tbody tr").First).ToContainTextAsync("0");
            await Assertions.Expect(page.Locator("p.headline")).ToContainTextAsync("1");
            await BrowserServer.ScreenshotAsync(page, $"statistics-public-{language}-{provider}");

            await page.GotoAsync($"/public/cases/{caseId}/dossier?lang={language}");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Sok Yoeun");
            await Assertions.Expect(page.Locator("footer.dossier-footer")).ToBeVisibleAsync();
            // Names in the reader's script: the Khmer reader reads the Khmer name first, the English one beside it.
            await Assertions
                .Expect(
                    page.Locator(
                        language == "km" ? "li span.muted span" : "span[lang=km]",
                        new() { HasText = language == "km" ? "Sok Yoeun" : "សុខ យឿន" }
                    )
                )
                .ToBeVisibleAsync();
            await BrowserServer.ScreenshotAsync(page, $"dossier-public-{language}-{provider}");
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
            var text = System.Text.Encoding.Latin1.GetString(pdf);
            Assert.StartsWith("%PDF", text, StringComparison.Ordinal);
            var pages = System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page[^s]");
            // A title page and one page per section at least: people, charges, procedure, sources.
            Assert.True(pages >= 4, $"{pages} pages");
            // A4 is 595 x 842 points.
            Assert.Contains("595", text, StringComparison.Ordinal);
            await context.CloseAsync();
        }

        var staff = await server.NewPageAsync(Habeas.Platform.Accounts.Roles.Monitor);
        await staff.GotoAsync("/statistics?from=1999-01-01&to=2005-12-31&interval=week&on=2003-01-01");
        await Assertions.Expect(staff.Locator("#by-place svg[role=img]")).ToBeVisibleAsync();
        await BrowserServer.ScreenshotAsync(staff, $"statistics-staff-{provider}");
        await staff.GotoAsync($"/cases/{DemoData.AdhocFiveCaseId}/dossier");
        await Assertions.Expect(staff.Locator("details.history").First).ToBeVisibleAsync();
        await BrowserServer.ScreenshotAsync(staff, $"dossier-internal-{provider}");
    }
}
