using System.Text.Json;
using Habeas.Campaigns.Actions;
using Habeas.Core.Campaigns;
using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// A phone in the field (issue 18, trial bugs B11 and B24): every page of the app, found in the route table so a new page
/// is walked without being named here, at 360 × 740 CSS pixels in English and in Khmer, fits the screen without
/// scrolling sideways; staff pages (as an administrator) also pass axe-core; the staff layout's skip link is the first
/// Tab stop and takes the focus to the main content.
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class PhoneWidthTests
{
    public const int Width = 360;
    public const int Height = 740;

    /// <summary>Routes the walk does not open as a page, and why: those of the form walk, and a few more a browser
    /// cannot open as a page on its own.</summary>
    private static readonly Dictionary<string, string> NotPages = new(
        FormWalkTests.NotPages.Concat(
            new Dictionary<string, string>
            {
                ["/files/{segment}/{id:guid}"] = "a record's files, sent as themselves or a list the record page shows",
                ["/language"] = "the language switch, which sends the browser back where it was",
                ["/login/two-factor"] = "the second sign-in step, only after the first",
                ["/health"] = "not a page",
                ["/health/ready"] = "not a page",
            }
        ),
        StringComparer.Ordinal
    );

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task EveryPage_At360Pixels_FitsTheScreen_AndStaffPagesPassAxe_InEnglishAndKhmer(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var ids = await IdsAsync(server);
        var operations = Endpoints
            .All(server.Services)
            // A route ending in a file name (.csv, .json, .docx, .atom) is a download, not a page.
            .Where(o => o.Method == "GET" && !o.IsApi && !NotPages.ContainsKey(o.Route) && !o.Route.Split('/')[^1].Contains('.'))
            .DistinctBy(o => o.Route)
            .OrderBy(o => o.Route, StringComparer.Ordinal)
            .ToList();
        var staffRoutes = operations.Where(o => !o.Anonymous).Select(o => o.Route).ToList();
        var publicRoutes = operations.Where(o => o.Anonymous).Select(o => o.Route).ToList();

        var overflowing = new List<string>();
        var inaccessible = new List<string>();
        var unreached = new List<string>();
        var walked = 0;
        var axeChecked = 0;
        foreach (var locale in new[] { "en-GB", "km-KH" })
        {
            var staff = await server.NewPageAsync(Habeas.Platform.Accounts.Roles.Administrator, locale);
            await staff.SetViewportSizeAsync(Width, Height);
            var visitor = await (await server.NewContextAsync(locale)).NewPageAsync();
            await visitor.SetViewportSizeAsync(Width, Height);
            foreach (var (page, routes, checkAxe) in new[] { (staff, staffRoutes, true), (visitor, publicRoutes, false) })
            {
                foreach (var route in routes)
                {
                    var path = FormWalkTests.Fill(route, ids);
                    var response = await page.GotoAsync(path);
                    if (response is null || response.Status != 200)
                    {
                        unreached.Add($"{locale} {route} as {path}: {response?.Status}");
                        continue;
                    }
                    if (!(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    walked++;
                    if (await OverflowAsync(page) is { } overflow)
                    {
                        overflowing.Add($"{locale} {path}: {overflow}");
                    }
                    if (checkAxe)
                    {
                        axeChecked++;
                        if (await ViolationsAsync(page) is { Count: > 0 } violations)
                        {
                            inaccessible.Add($"{locale} {path}:\n  " + string.Join("\n  ", violations));
                        }
                    }
                }
            }
        }

        var failures = new List<string>();
        if (unreached.Count > 0)
        {
            failures.Add("Pages the walk could not open:\n" + string.Join("\n", unreached));
        }
        if (overflowing.Count > 0)
        {
            failures.Add($"Pages wider than a {Width} px screen ({overflowing.Count} of {walked}):\n" + string.Join("\n", overflowing));
        }
        if (inaccessible.Count > 0)
        {
            failures.Add("Serious or critical axe-core violations at phone width:\n" + string.Join("\n", inaccessible));
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // The walk reached the pages the trial found too wide, and the staff pages as well as the public ones.
        Assert.Contains("/events/new", staffRoutes);
        Assert.Contains("/public", publicRoutes);
        Assert.True(walked > 150 && axeChecked > 120, $"only {walked} pages walked, {axeChecked} checked by axe-core");
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheSkipLink_IsTheFirstTabStop_AndMovesTheFocusToTheMainContent(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        foreach (var locale in new[] { "en-GB", "km-KH" })
        {
            var page = await server.NewPageAsync(Habeas.Platform.Accounts.Roles.Monitor, locale);
            await page.SetViewportSizeAsync(Width, Height);
            await page.GotoAsync("/people/new");
            await page.Keyboard.PressAsync("Tab");
            var first = page.Locator(":focus");
            await Assertions.Expect(first).ToHaveAttributeAsync("href", "#main");
            await Assertions.Expect(first).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bskip\b"));
            await Assertions.Expect(first).ToBeVisibleAsync();
            // Visible on focus: inside the screen and of a size to see and touch.
            var box = await first.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(
                box.X >= 0 && box.Y >= 0 && box.X + box.Width <= Width && box.Height >= 24,
                $"the skip link at {box.X},{box.Y} {box.Width}×{box.Height}"
            );
            await Assertions.Expect(first).ToHaveTextAsync(locale == "en-GB" ? "Skip to content" : "រំលងទៅខ្លឹមសារ");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
            // The next Tab stop is inside the main content: the form's first field, not the navigation.
            await page.Keyboard.PressAsync("Tab");
            Assert.True(
                await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
                "after the skip link, Tab stays in the main content"
            );
        }
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task KeyPages_At360Pixels_AreScreenshotted_InEnglishAndKhmer(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var ids = await IdsAsync(server);
        foreach (var (locale, language) in new[] { ("en-GB", "en"), ("km-KH", "km") })
        {
            var staff = await server.NewPageAsync(Habeas.Platform.Accounts.Roles.Administrator, locale);
            await staff.SetViewportSizeAsync(Width, Height);
            foreach (
                var (name, path) in new[]
                {
                    ("people", "/people"),
                    ("person", $"/people/{ids["people"]}"),
                    ("event-new", $"/events/new?caseId={ids["cases"]}"),
                    ("case", $"/cases/{ids["cases"]}"),
                    ("home", "/"),
                }
            )
            {
                await staff.GotoAsync(path);
                await BrowserServer.ScreenshotAsync(staff, $"phone-{name}-{language}-{provider}");
                Assert.Null(await OverflowAsync(staff));
            }
            // The menu opened, as a thumb would open it.
            await staff.GotoAsync("/people");
            await staff.Locator("header.site details.menu > summary").ClickAsync();
            await BrowserServer.ScreenshotAsync(staff, $"phone-menu-{language}-{provider}");
            var visitor = await (await server.NewContextAsync(locale)).NewPageAsync();
            await visitor.SetViewportSizeAsync(Width, Height);
            foreach (var (name, path) in new[] { ("public-list", "/public"), ("public-person", $"/public/people/{ids["public-people"]}") })
            {
                await visitor.GotoAsync(path);
                await BrowserServer.ScreenshotAsync(visitor, $"phone-{name}-{language}-{provider}");
                Assert.Null(await OverflowAsync(visitor));
            }
        }
    }

    /// <summary>Body cells get their column's heading as data-label, colspans counted; the heading row, a cell already
    /// labelled and a column without a heading are left alone.</summary>
    [Fact]
    public void TableCellLabels_LabelEachBodyCellWithItsColumnHeading()
    {
        var html = Habeas.Platform.Shared.TableCellLabels.Label(
            """
            <caption>People</caption>
            <thead><tr><th scope="col">Name</th><th scope="col" colspan="2">Status &amp; date</th><th></th></tr></thead>
            <tbody>
              <tr><th scope="row"><a href="/p/1">Sok</a></th><td>Free</td><td>2020</td><td><button>Edit</button></td></tr>
              <tr><td colspan="2">Detained</td><td data-label="When">2021</td><td>x</td></tr>
            </tbody>
            """
        );
        Assert.Contains("""<thead><tr><th scope="col">Name</th>""", html, StringComparison.Ordinal);
        Assert.Contains("""<th data-label="Name" scope="row"><a href="/p/1">Sok</a></th>""", html, StringComparison.Ordinal);
        Assert.Contains(
            """<td data-label="Status &amp; date">Free</td><td data-label="Status &amp; date">2020</td><td><button>""",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains(
            """<td data-label="Name" colspan="2">Detained</td><td data-label="When">2021</td><td>x</td>""",
            html,
            StringComparison.Ordinal
        );
        // A table in a table is left as it is.
        var nested = "<thead><tr><th>A</th></tr></thead><tbody><tr><td><table><tr><td>1</td></tr></table></td></tr></tbody>";
        Assert.Equal(nested, Habeas.Platform.Shared.TableCellLabels.Label(nested));
    }

    /// <summary>Null when the page fits its window; otherwise its width and the element that reaches furthest right
    /// (the deepest of those that do), as a selector.</summary>
    public static async Task<string?> OverflowAsync(IPage page) =>
        await page.EvaluateAsync<string?>(
            """
            () => {
              const width = window.innerWidth;
              const scroll = document.documentElement.scrollWidth;
              if (scroll <= width) return null;
              const name = e => {
                let s = e.tagName.toLowerCase();
                if (e.id) return s + '#' + e.id;
                if (e.classList.length) s += '.' + [...e.classList].join('.');
                const parent = e.parentElement;
                if (parent) {
                  const same = [...parent.children].filter(c => c.tagName === e.tagName);
                  if (same.length > 1) s += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
                }
                return s;
              };
              const path = e => {
                const parts = [];
                for (let x = e; x && x !== document.body; x = x.parentElement) {
                  parts.unshift(name(x));
                  if (x.id) break;
                }
                return parts.join(' > ');
              };
              let widest = null, right = width, depth = -1;
              for (const e of document.body.querySelectorAll('*')) {
                const r = e.getBoundingClientRect();
                if (r.width === 0 || r.right <= width) continue;
                let d = 0; for (let x = e; x; x = x.parentElement) d++;
                if (r.right > right + 0.5 || (Math.abs(r.right - right) <= 0.5 && d > depth)) { widest = e; right = r.right; depth = d; }
              }
              return scroll + ' px wide; ' + (widest ? path(widest) + ' reaches ' + Math.round(right) + ' px' : 'no element found');
            }
            """
        );

    private static async Task<List<string>> ViolationsAsync(IPage page)
    {
        if (!File.Exists(PageChecks.AxePath))
        {
            await PageChecks.AssertAccessibleAsync(page); // skips, or fails in CI, saying how to fetch axe-core
        }
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(PageChecks.AxePath) + "\n;void 0;");
        }
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """
        );
        return violations
            .EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v =>
                $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}): "
                + string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))
            )
            .ToList();
    }

    /// <summary>One record of each kind of the demonstration data; its published action made running again, so the
    /// supporters' card and letter pages open.</summary>
    private static async Task<Dictionary<string, Guid>> IdsAsync(BrowserServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Viewer.System;
        var running = await db.CampaignActions.FirstAsync(a => a.Public && a.Status != ActionLifecycle.Draft);
        running.Status = ActionLifecycle.Issued;
        await db.SaveChangesAsync();
        return await FormWalkTests.IdsOfEachKindAsync(db);
    }
}
