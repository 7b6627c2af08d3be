using System.Text.RegularExpressions;
using System.Xml.Linq;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// A monitor's whole day in Chromium, in Khmer, through the pages only (issue 16): a new case for a detained person, in a new
/// district of Kampong Speu made from the case form's place picker, with the provincial court (an organisation) and the
/// prison (a place) made from the event form's pickers on the way; a designation by Adhoc, a legal-aid intervention, a
/// source with a scanned court decision (a PDF) attached; then the release entered with the wrong year retracted from the
/// event's page, and the person's custody and the statistics right at once; a coordinator restores it and publishes the
/// case in one step with the preview; the public case page and the feed show it. What stood before the day (Cambodia,
/// Kampong Speu, Adhoc, the person with an arrest and the release) is written to the database by the test.
/// On the demonstration data, or on a prepared data folder: HABEAS_FLOW_DATA=/tmp/habeas-load (bench/README.md, 1,000,000
/// people). Screenshots at desktop and phone width in TestResults/screenshots (day-*); axe-core checks each page.
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed partial class MonitorDayBrowserTests
{
    private static readonly int[] Widths = [1280, 390];

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task MonitorDay_InKhmer_ACaseInANewDistrictOfKampongSpeu_ARetractedReleaseRestored_AndTheCasePublished(string provider)
    {
        await using var server = await BrowserServer.StartOnPreparedDataAsync(provider);
        var world = await BeforeTheDayAsync(server);
        var suffix = world.Suffix;
        var monitor = await server.NewPageAsync(Roles.Monitor, "km-KH");
        await monitor.SetViewportSizeAsync(Widths[0], 900);

        await monitor.GotoAsync($"/people/{world.Person}");
        await Assertions.Expect(monitor.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await Assertions.Expect(monitor.Locator("h1 .status")).ToHaveTextAsync("មានសេរីភាព"); // free, by the release
        await CheckAsync(monitor, "person-before");

        // The case, in a district of Kampong Speu made from the case form's place picker (in a new tab: what was typed stays).
        var district = $"ស្រុកឧដុង្គ {suffix}";
        await monitor.Locator($"a[href='/cases/new?personId={world.Person}']").ClickAsync();
        var title = $"សំណុំរឿង ហេង សុវណ្ណារី {suffix}";
        await monitor.Locator("input[name='Input.Title']").FillAsync(title);
        var jurisdiction = Picker(monitor, "Input.JurisdictionId");
        await CheckAsync(monitor, "case-form");
        await InANewTabAsync(monitor, jurisdiction.Locator("a[href='/places/new']"), async tab =>
        {
            await tab.Locator("input[name='Input.Names[km]']").FillAsync(district);
            await tab.Locator("input[name='Input.Names[en]']").FillAsync($"Oudong {suffix}");
            await tab.Locator("select[name='Input.Kind']").SelectOptionAsync("district");
            await FindAndChooseAsync(Picker(tab, "Input.ParentId"), "កំពង់ស្ពឺ", "កំពង់ស្ពឺ, កម្ពុជា");
            await CheckAsync(tab, "district-form");
            await SaveAsync(tab);
            await Assertions.Expect(tab.Locator("h1")).ToHaveTextAsync(district);
            await Assertions.Expect(tab.Locator("dl.facts")).ToContainTextAsync("កំពង់ស្ពឺ, កម្ពុជា");
        });
        await Assertions.Expect(monitor.Locator("input[name='Input.Title']")).ToHaveValueAsync(title);
        await FindAndChooseAsync(jurisdiction, district, $"{district}, កំពង់ស្ពឺ, កម្ពុជា");
        await SaveAsync(monitor);
        await Assertions.Expect(monitor.Locator("h1")).ToHaveTextAsync(title);
        var caseId = Guid.Parse(CaseIdPattern().Match(monitor.Url).Groups[1].Value);
        await Assertions.Expect(monitor.Locator("main")).ToContainTextAsync(district);

        // The detention order by the provincial court, to the prison: both made from the event form's pickers.
        var court = $"សាលាដំបូងខេត្តកំពង់ស្ពឺ {suffix}";
        var prison = $"ពន្ធនាគារខេត្តកំពង់ស្ពឺ {suffix}";
        await monitor.Locator($"a[href='/events/new?caseId={caseId}']").ClickAsync();
        await monitor.Locator("select[name='Input.Type']").SelectOptionAsync("pre-trial-detention-order");
        await monitor.Locator("input[name='Input.Date']").FillAsync("2020-01-12");
        // Its people are the case's defendant, the person.
        var place = Picker(monitor, "Input.PlaceId");
        await InANewTabAsync(monitor, place.Locator("a[href='/places/new']"), async tab =>
        {
            await tab.Locator("input[name='Input.Names[km]']").FillAsync(prison);
            await tab.Locator("select[name='Input.Kind']").SelectOptionAsync("prison");
            await FindAndChooseAsync(Picker(tab, "Input.ParentId"), district, $"{district}, កំពង់ស្ពឺ, កម្ពុជា");
            await SaveAsync(tab);
            await Assertions.Expect(tab.Locator("h1")).ToHaveTextAsync(prison);
        });
        var actor = Picker(monitor, "Input.ActorOrganisationId");
        await InANewTabAsync(monitor, actor.Locator("a[href='/organisations/new']"), async tab =>
        {
            await tab.Locator("input[name='Input.Names[km]']").FillAsync(court);
            await tab.Locator("select[name='Input.Kind']").SelectOptionAsync("court");
            await FindAndChooseAsync(Picker(tab, "Input.CountryId"), district, $"{district}, កំពង់ស្ពឺ, កម្ពុជា");
            await CheckAsync(tab, "court-form");
            await SaveAsync(tab);
            await Assertions.Expect(tab.Locator("h1")).ToHaveTextAsync(court);
            await Assertions.Expect(tab.Locator("dl.facts")).ToContainTextAsync("តុលាការ");
        });
        await FindAndChooseAsync(place, prison, prison);
        await FindAndChooseAsync(actor, court, court);
        await monitor.Locator("select[name='Input.ActorRole']").SelectOptionAsync("court");
        await CheckAsync(monitor, "event-form");
        await SaveAsync(monitor);
        await monitor.WaitForURLAsync(u => u.Contains($"/cases/{caseId}", StringComparison.Ordinal));
        var timeline = monitor.Locator("ol.timeline");
        await Assertions.Expect(timeline).ToContainTextAsync(court);
        await Assertions.Expect(timeline).ToContainTextAsync(prison);

        // Legal aid by Adhoc for the case.
        await monitor.Locator($"a[href='/cases/{caseId}/interventions/new']").ClickAsync();
        await monitor.Locator("select[name='Input.Kind']").SelectOptionAsync("legal-aid");
        await FindAndChooseAsync(Picker(monitor, "Input.OrganisationId"), world.AdhocName, world.AdhocName);
        await monitor.Locator("input[name='Input.Lawyer']").FillAsync("សំ សុគង់");
        await monitor.Locator("input[name='Input.StartDate']").FillAsync("2020-01");
        await CheckAsync(monitor, "intervention-form");
        await SaveAsync(monitor);
        await monitor.WaitForURLAsync($"**/cases/{caseId}");
        await Assertions.Expect(monitor.Locator("main")).ToContainTextAsync("ជំនួយផ្នែកច្បាប់"); // legal aid
        await Assertions.Expect(monitor.Locator("main")).ToContainTextAsync("សំ សុគង់");

        // The court's decision as a source, cited for the detention order, made from the citation form.
        var decision = $"ដីកាសម្រេចឃុំខ្លួនបណ្តោះអាសន្ន {suffix}";
        await timeline.Locator("li", new() { HasText = court }).First.Locator("a[href^='/citations/new']").ClickAsync();
        await monitor.Locator("a[href^='/sources/new']").ClickAsync();
        await monitor.Locator("input[name='Input.Title']").FillAsync(decision);
        await monitor.Locator("select[name='Input.Kind']").SelectOptionAsync("court-document");
        await SaveAsync(monitor);
        await monitor.Locator("textarea[name='Input.Quote']").FillAsync("សម្រេចឃុំខ្លួនបណ្តោះអាសន្ន");
        await SaveAsync(monitor);
        await monitor.WaitForURLAsync(u => u.Contains($"/cases/{caseId}", StringComparison.Ordinal));
        await Assertions.Expect(monitor.Locator("main")).ToContainTextAsync("សម្រេចឃុំខ្លួនបណ្តោះអាសន្ន");
        await CheckAsync(monitor, "case");

        // The scanned decision, attached to its source.
        await monitor.Locator("main a[href^='/sources/']", new() { HasText = decision }).First.ClickAsync();
        await Assertions.Expect(monitor.Locator("h1")).ToContainTextAsync(decision);
        await monitor
            .Locator("#files input[name=Upload]")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "decision.pdf",
                    MimeType = "application/pdf",
                    Buffer = ScannedDecision(),
                }
            );
        await monitor.Locator("#files input[name='Input.Credit']").FillAsync("សាលាដំបូងខេត្តកំពង់ស្ពឺ");
        await monitor.Locator("#files select[name='Input.Consent']").SelectOptionAsync("staff");
        await monitor.Locator("#files textarea[name='Input.Caption']").FillAsync("ច្បាប់ស្កេន");
        await monitor.Locator("#files form[enctype] button[type=submit]").ClickAsync();
        var file = monitor.Locator("#files li a[href^='/files/']", new() { HasText = "decision.pdf" });
        await Assertions.Expect(file).ToBeVisibleAsync();
        var served = await monitor.Context.APIRequest.GetAsync((await file.GetAttributeAsync("href"))!);
        Assert.Equal(200, served.Status);
        Assert.Equal("application/pdf", served.Headers["content-type"]);
        Assert.Equal(ScannedDecision(), await served.BodyAsync());
        await CheckAsync(monitor, "source");

        // A designation by Adhoc, from the person's page.
        await monitor.GotoAsync($"/people/{world.Person}");
        await monitor.Locator($"a[href='/people/{world.Person}/designations/new']").ClickAsync();
        await FindAndChooseAsync(Picker(monitor, "Input.OrganisationId"), world.AdhocName, world.AdhocName);
        await monitor.Locator("select[name='Input.Category']").SelectOptionAsync("political-prisoner");
        await monitor.Locator("input[name='Input.Date']").FillAsync("2020-02");
        await monitor.Locator("textarea[name='Input.Criteria']").FillAsync("ឃុំខ្លួនដោយសារមតិរបស់គាត់");
        await CheckAsync(monitor, "designation-form");
        await SaveAsync(monitor);
        await monitor.WaitForURLAsync($"**/people/{world.Person}");
        await Assertions.Expect(monitor.Locator("main")).ToContainTextAsync("អ្នកទោសនយោបាយ"); // political prisoner
        await Assertions.Expect(monitor.Locator("main")).ToContainTextAsync(world.AdhocName);
        await CheckAsync(monitor, "person-day");

        // The release with the wrong year, retracted from the event's page: custody and the statistics right at once.
        var detainedBefore = await DetainedTodayAsync(monitor);
        await monitor.GotoAsync($"/people/{world.Person}");
        await monitor.Locator($"a[href='/events/{world.Release}/edit']").ClickAsync();
        await monitor.Locator($"main a.retract[href^='/retract/events/{world.Release}']").ClickAsync();
        await Assertions.Expect(monitor.Locator("h1")).ToHaveTextAsync("ដកកំណត់ត្រាចេញ");
        await monitor.Locator("textarea[name='Reason']").FillAsync("ឆ្នាំខុស៖ បានដោះលែងនៅឆ្នាំ ២០២៣");
        await CheckAsync(monitor, "retract-form");
        await monitor.Locator("form.stack button[type=submit]").ClickAsync();
        await monitor.WaitForURLAsync($"**/people/{world.Person}");
        await Assertions.Expect(monitor.Locator("h1 .status")).ToHaveTextAsync("ការឃុំខ្លួនបណ្តោះអាសន្ន"); // pre-trial detention
        await Assertions.Expect(monitor.Locator($"a[href='/events/{world.Release}/edit']")).ToHaveCountAsync(0);
        await CheckAsync(monitor, "person-retracted");
        Assert.Equal(detainedBefore + 1, await DetainedTodayAsync(monitor));
        // The statistics' tables are a few pixels wider than a phone (a known limit, not this day's).
        await CheckAsync(monitor, "statistics-retracted", fitsPhone: false);

        // A coordinator restores it from /retracted.
        var coordinator = await server.NewPageAsync(Roles.Coordinator, "km-KH");
        await coordinator.SetViewportSizeAsync(Widths[0], 900);
        await coordinator.GotoAsync("/retracted");
        await Assertions.Expect(coordinator.Locator("main")).ToContainTextAsync("ឆ្នាំខុស៖ បានដោះលែងនៅឆ្នាំ ២០២៣");
        await CheckAsync(coordinator, "retracted");
        await coordinator.Locator($"form:has(input[value='{world.Release}']) button[type=submit]").ClickAsync();
        await coordinator.WaitForURLAsync("**/retracted");
        await coordinator.GotoAsync($"/people/{world.Person}");
        await Assertions.Expect(coordinator.Locator("h1 .status")).ToHaveTextAsync("មានសេរីភាព");
        await Assertions.Expect(coordinator.Locator($"a[href='/events/{world.Release}/edit']")).ToHaveCountAsync(1);
        Assert.Equal(detainedBefore, await DetainedTodayAsync(coordinator));

        // ... and publishes the case in one step: every record ticked, the preview looked at, then published.
        await coordinator.GotoAsync($"/cases/{caseId}");
        await coordinator.Locator($"a[href='/cases/{caseId}/publish']").ClickAsync();
        var ticks = coordinator.Locator("main input[type=checkbox][name=records]");
        // The case, the person, the detention order (the case's one event: the arrest and the release are the person's
        // alone) and the source.
        await Assertions.Expect(ticks).ToHaveCountAsync(4);
        foreach (var tick in await ticks.AllAsync())
        {
            await tick.CheckAsync();
        }
        // Every record's own page opens from the list (an event's is its form).
        foreach (var link in await coordinator.Locator("fieldset.publication-records a[href]").AllAsync())
        {
            var opened = await coordinator.Context.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
            Assert.True(opened.Status == 200, $"{await link.GetAttributeAsync("href")}: {opened.Status}");
        }
        await coordinator.Locator($"main button[formaction='/cases/{caseId}/publish?handler=Preview']").ClickAsync();
        var preview = coordinator.Locator("section.publication-preview");
        await Assertions.Expect(preview).ToContainTextAsync(title);
        await Assertions.Expect(preview).ToContainTextAsync(decision);
        await Assertions.Expect(ticks.Locator("xpath=self::*[not(@checked)]")).ToHaveCountAsync(0);
        await CheckAsync(coordinator, "publish-preview");
        await coordinator.Locator("main form button.primary[type=submit]").ClickAsync();
        await Assertions.Expect(coordinator.Locator("main p.success[role=status]")).ToBeVisibleAsync();
        await CheckAsync(coordinator, "published");

        // An anonymous visitor sees the case; the feed has the publication as one entry.
        var visitor = await (await server.NewContextAsync("km-KH")).NewPageAsync();
        await visitor.SetViewportSizeAsync(Widths[0], 900);
        var shown = await visitor.GotoAsync($"/public/cases/{caseId}");
        Assert.Equal(200, shown!.Status);
        await Assertions.Expect(visitor.Locator("h1")).ToContainTextAsync(title);
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync(world.Name);
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync(court);
        await CheckAsync(visitor, "public-case");
        var feed = await visitor.APIRequest.GetAsync("/public/feed.atom");
        Assert.Equal(200, feed.Status);
        var entries = XDocument
            .Parse(await feed.TextAsync())
            .Descendants(Atom + "entry")
            .Where(e => e.Descendants().Any(d => d.Value.Contains(title, StringComparison.Ordinal)))
            .ToList();
        Assert.Single(entries);
        Assert.Contains(entries[0].Elements(Atom + "link"), l =>
            (l.Attribute("href")?.Value ?? "").EndsWith($"/public/cases/{caseId}", StringComparison.Ordinal)
        );

        // What the pages did, in the database.
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Viewer.System;
        var places = await db.Places.AsNoTracking().Where(p => p.Kind == "district" || p.Kind == "prison").ToListAsync();
        var made = places.Single(p => p.Names.GetValueOrDefault("km") == district);
        Assert.Equal(world.KampongSpeu, made.ParentId);
        Assert.Equal(made.Id, places.Single(p => p.Names.GetValueOrDefault("km") == prison).ParentId);
        var order = await db.Events.Include(e => e.Actors).AsNoTracking().SingleAsync(e => e.CaseId == caseId);
        Assert.Equal("pre-trial-detention-order", order.Type);
        Assert.Equal(RecordLevels.Public, order.Level);
        Assert.Equal(RecordLevels.Public, (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).Level);
    }

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [GeneratedRegex("/cases/([0-9a-f-]{36})")]
    private static partial Regex CaseIdPattern();

    private static ILocator Picker(IPage page, string field) => page.Locator($"fieldset[data-picker-field='{field}']");

    /// <summary>Types in a picker's "find" box, waits for the match (the script finds as one types) and ticks it.</summary>
    private static async Task FindAndChooseAsync(ILocator picker, string words, string label)
    {
        await picker.Locator("input[type=search]").FillAsync(words);
        var match = picker.Locator("label", new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(label)) }).First.Locator("input");
        await Assertions.Expect(match).ToBeVisibleAsync();
        await match.CheckAsync();
    }

    /// <summary>Follows a link that opens a new tab, does the work there and closes it, as a person would.</summary>
    private static async Task InANewTabAsync(IPage page, ILocator link, Func<IPage, Task> work)
    {
        var tab = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await tab.WaitForLoadStateAsync();
        await work(tab);
        await tab.CloseAsync();
    }

    private static Task SaveAsync(IPage page) => page.Locator("main form button.primary[type=submit]").First.ClickAsync();

    /// <summary>axe-core on the page, and screenshots at desktop and at phone width, where the page must be no wider than
    /// the phone (<paramref name="fitsPhone"/>).</summary>
    private static async Task CheckAsync(IPage page, string name, bool fitsPhone = true)
    {
        await PageChecks.AssertAccessibleAsync(page);
        var size = page.ViewportSize;
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await BrowserServer.ScreenshotAsync(page, $"day-{name}-km-{width}");
            var wide = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(!fitsPhone || wide <= width, $"{page.Url} is {wide} px wide at {width} px");
        }
        await page.SetViewportSizeAsync(size?.Width ?? Widths[0], size?.Height ?? 900);
    }

    /// <summary>The staff statistics' headline: how many people are deprived of liberty today.</summary>
    private static async Task<int> DetainedTodayAsync(IPage page)
    {
        await page.GotoAsync("/statistics");
        var headline = await page.Locator("p.headline strong").InnerTextAsync();
        var number = Regex.Match(headline, "បុគ្គលចំនួន\\s*(\\S+)\\s*នាក់");
        Assert.True(number.Success, headline);
        var digits = new string(number.Groups[1].Value.Where(char.IsDigit).Select(c => (char)('0' + char.GetNumericValue(c))).ToArray());
        return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A one-page PDF, as a scanner makes (the file type is read from its first bytes).</summary>
    private static byte[] ScannedDecision() =>
        System.Text.Encoding.ASCII.GetBytes(
            "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n"
        );

    private sealed record World(Guid Person, string Name, Guid Release, Guid KampongSpeu, string AdhocName, string Suffix);

    /// <summary>What stands before the day, written to the database (found when there, else made): Cambodia, Kampong Speu
    /// under it, Adhoc, and a person with an arrest and a release typed with the wrong year.</summary>
    private static async Task<World> BeforeTheDayAsync(BrowserServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Viewer.System;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var places = await db.Places.Where(p => p.Kind == "country" || p.Kind == "province").ToListAsync();
        var cambodia = places.FirstOrDefault(p => p.Kind == "country" && p.Names.GetValueOrDefault("en") == "Cambodia");
        if (cambodia is null)
        {
            cambodia = new Place
            {
                Kind = "country",
                Names = new() { ["en"] = "Cambodia", ["km"] = "កម្ពុជា" },
            };
            db.Places.Add(cambodia);
        }
        var kampongSpeu = places.FirstOrDefault(p => p.ParentId == cambodia.Id && p.Names.GetValueOrDefault("en") == "Kampong Speu");
        if (kampongSpeu is null)
        {
            kampongSpeu = new Place
            {
                Kind = "province",
                ParentId = cambodia.Id,
                Names = new() { ["en"] = "Kampong Speu", ["km"] = "កំពង់ស្ពឺ" },
            };
            db.Places.Add(kampongSpeu);
        }
        var adhocs = await db.Organisations.Where(o => o.Acronym == "ADHOC").ToListAsync();
        var adhoc = adhocs.FirstOrDefault(o => o.Names.ContainsKey("km"));
        if (adhoc is null)
        {
            adhoc = new Organisation
            {
                Kind = "ngo",
                Acronym = "ADHOC",
                Names = new() { ["en"] = "Cambodian Human Rights and Development Association", ["km"] = "សមាគមអាដហុក" },
            };
            db.Organisations.Add(adhoc);
        }
        var name = $"ហេង សុវណ្ណារី {suffix}";
        var person = new Person { Level = RecordLevels.Internal };
        person.Names.Add(
            new PersonName
            {
                Text = name,
                Script = "Khmr",
                Kind = NameKinds.Primary,
                SortOrder = 0,
            }
        );
        var arrest = new Event
        {
            Type = "arrest",
            Date = Core.Dates.FuzzyDate.Parse("2020-01-10"),
            Level = RecordLevels.Internal,
        };
        arrest.People.Add(new EventPerson { EventId = arrest.Id, PersonId = person.Id });
        // Released in 2023; typed as 2020.
        var release = new Event
        {
            Type = "release",
            Date = Core.Dates.FuzzyDate.Parse("2020-03-01"),
            Level = RecordLevels.Internal,
        };
        release.People.Add(new EventPerson { EventId = release.Id, PersonId = person.Id });
        db.AddRange(person, arrest, release);
        await db.SaveChangesAsync();
        return new World(person.Id, name, release.Id, kampongSpeu.Id, adhoc.Names["km"], suffix);
    }
}
