using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Organisations;
using Habeas.Records.Places;
using Habeas.Tests.Browser;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Places;

/// <summary>
/// A monitor working in Khmer makes the province of Kampong Speu (the demonstration data have none) under Cambodia, a
/// district in it and its provincial court, choosing each parent by the search step, at desktop and phone width; axe-core
/// checks each page. Screenshots in TestResults/screenshots (places-*).
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed partial class PlacesBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitorInKhmer_MakesADistrictOfKampongSpeu_AndItsCourt_AtDesktopAndPhoneWidth(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await server.NewPageAsync(Roles.Monitor, "km-KH");
            await page.SetViewportSizeAsync(width, 844);
            await page.GotoAsync("/places");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "km");
            await Assertions.Expect(page.Locator("header nav a[href='/places']")).ToHaveTextAsync("ទីកន្លែង");
            await Assertions.Expect(page.Locator("header nav a[href='/organisations']")).ToHaveTextAsync("អង្គការ");
            await PageChecks.AssertAccessibleAsync(page);
            await BrowserServer.ScreenshotAsync(page, $"places-list-km-{width}-{provider}");

            if (width == 1280)
            {
                // Kampong Speu, under Cambodia (found by its Khmer name).
                await page.GotoAsync("/places/new");
                await page.Locator("input[name='Input.Names[km]']").FillAsync("កំពង់ស្ពឺ");
                await page.Locator("input[name='Input.Names[en]']").FillAsync("Kampong Speu");
                await page.Locator("select[name='Input.Kind']").SelectOptionAsync("province");
                await FindAndChooseAsync(page, "ParentQuery", "កម្ពុជា", Starting("កម្ពុជា"));
                await SaveAsync(page);
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("កំពង់ស្ពឺ");
            }

            // A district of Kampong Speu: a save without its kind first, which keeps what was typed.
            var district = $"ឧដុង្គ {width}";
            await page.GotoAsync("/places/new");
            await page.Locator("input[name='Input.Names[km]']").FillAsync(district);
            await FindAndChooseAsync(page, "ParentQuery", "ស្ពឺ", Starting("កំពង់ស្ពឺ, កម្ពុជា"));
            await PageChecks.AssertAccessibleAsync(page);
            await BrowserServer.ScreenshotAsync(page, $"places-find-km-{width}-{provider}");
            await SaveAsync(page);
            await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("ប្រភេទ៖ សូមជ្រើសរើសប្រភេទ។");
            await Assertions.Expect(page.Locator("input[name='Input.Names[km]']")).ToHaveValueAsync(district);
            await Assertions.Expect(page.Locator("fieldset.place-picker input[type=radio]:checked")).ToHaveCountAsync(1);
            await PageChecks.AssertAccessibleAsync(page);
            await BrowserServer.ScreenshotAsync(page, $"places-error-km-{width}-{provider}");
            await page.Locator("select[name='Input.Kind']").SelectOptionAsync("district");
            await SaveAsync(page);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(district);
            await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("កំពង់ស្ពឺ, កម្ពុជា");
            await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("ស្រុក/ខណ្ឌ");
            await Assertions.Expect(page.Locator($"a[href^='/history/place/']")).ToBeVisibleAsync();
            await PageChecks.AssertAccessibleAsync(page);
            await BrowserServer.ScreenshotAsync(page, $"places-district-km-{width}-{provider}");

            // Its court, placed in the province.
            var court = $"សាលាដំបូងខេត្តកំពង់ស្ពឺ {width}";
            await page.GotoAsync("/organisations/new");
            await page.Locator("input[name='Input.Names[km]']").FillAsync(court);
            await page.Locator("select[name='Input.Kind']").SelectOptionAsync("court");
            await FindAndChooseAsync(page, "PlaceQuery", "កំពង់ស្ពឺ", Starting("កំពង់ស្ពឺ, កម្ពុជា"));
            await Assertions.Expect(page.Locator("input[name='Input.Names[km]']")).ToHaveValueAsync(court);
            await SaveAsync(page);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(court);
            await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("តុលាការ");
            await PageChecks.AssertAccessibleAsync(page);
            await BrowserServer.ScreenshotAsync(page, $"places-court-km-{width}-{provider}");
        }

        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            var places = await db.Places.AsNoTracking().ToListAsync();
            var province = Assert.Single(places, p => p.Names.GetValueOrDefault("en") == "Kampong Speu");
            Assert.Equal("province", province.Kind);
            Assert.Equal("Cambodia", places.Single(p => p.Id == province.ParentId).Names["en"]);
            var districts = (await db.Places.Where(p => p.ParentId == province.Id).ToListAsync())
                .Select(p => p.Names["km"])
                .Order()
                .ToList();
            Assert.Equal(["ឧដុង្គ 1280", "ឧដុង្គ 390"], districts);
            Assert.Equal(2, await db.Organisations.CountAsync(o => o.CountryId == province.Id && o.Kind == "court"));
        }

        // The same pages in English, to look at.
        var english = await server.NewPageAsync(Roles.Monitor, "en-GB");
        await english.GotoAsync("/places?q=kampong");
        await Assertions.Expect(english.Locator("main table")).ToContainTextAsync("Kampong Speu");
        await BrowserServer.ScreenshotAsync(english, $"places-list-en-{provider}");
        await english.GotoAsync("/organisations/new");
        await FindAndChooseAsync(english, "PlaceQuery", "kampong", Starting("Kampong Speu, Cambodia"));
        await SaveAsync(english);
        await Assertions
            .Expect(english.Locator(".validation-summary-errors"))
            .ToContainTextAsync("Names: write the name in at least one language.");
        await PageChecks.AssertAccessibleAsync(english);
        await BrowserServer.ScreenshotAsync(english, $"places-organisation-error-en-{provider}");
    }

    private static Regex Starting(string label) => new("^\\s*" + Regex.Escape(label));

    /// <summary>The search step: type, press "find", then choose the place whose label starts as given.</summary>
    private static async Task FindAndChooseAsync(IPage page, string queryField, string words, Regex label)
    {
        await page.Locator($"input[name='{queryField}']").FillAsync(words);
        await page.Locator("fieldset.place-picker button").ClickAsync();
        await Assertions.Expect(page.Locator($"input[name='{queryField}']")).ToHaveValueAsync(words);
        await page.Locator("fieldset.place-picker label", new() { HasTextRegex = label }).First.Locator("input").CheckAsync();
    }

    private static Task SaveAsync(IPage page) => page.Locator("main form button.primary[type=submit]").ClickAsync();
}
