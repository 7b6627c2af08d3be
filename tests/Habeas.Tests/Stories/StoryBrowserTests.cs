using Habeas.Campaigns.Actions;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Tests.Browser;
using Habeas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Stories;

[Collection(Habeas.Tests.Browser.BrowserServer.Collection)]
public sealed class StoryBrowserTests
{
    private const string Gratitude =
        "I would like to express my deepest gratitude to the Amnesty International for its constant efforts for my release from prison";

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ACoordinator_WritesAndPublishesAStoryWithAQuoteAndAnImage_AndAnAnonymousVisitorReadsIt(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var actionId = await ClosedActionAsync(server);
        var page = await server.NewPageAsync(Roles.Coordinator);

        await page.GotoAsync($"/actions/{actionId}");
        await page.Locator("#story a[href$='/story']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Success story");
        await page.Locator("input[name='Input.Title[en]']").FillAsync("Home in Finland after four years");
        await page.Locator("input[name='Input.Title[km]']").FillAsync("សុខ យឿន មានសេរីភាពហើយ");
        await page.Locator("textarea[name='Input.Text[en]']")
            .FillAsync(
                "Prisoner of conscience Sok Yoeun was freed from a Thai jail after more than four years behind bars.\nHe was reunited with his family in Finland the next day."
            );
        await page.Locator("textarea[name='Input.Quotes[0].Words']").FillAsync(Gratitude);
        await page.Locator("input[name='Input.Quotes[0].Speaker']").FillAsync("Sok Yoeun");
        await page.Locator("input[name='Input.Quotes[0].SaidOn']").FillAsync("2004-03");
        await page.Locator("input[name='Input.Quotes[0].PublishedIn']").FillAsync("Amnesty International");
        await page.Locator("input[name='Input.Quotes[0].Consent']").CheckAsync();
        await page.Locator("input[name='Input.Quotes[0].ConsentBy']").FillAsync("UA coordinator, Thailand section");
        await page.Locator("input[name=NewImage]")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "reunited.png",
                    MimeType = "image/png",
                    Buffer = Files.CampaignFiles.Png(480, 270, 47, 107, 58),
                }
            );
        await page.Locator("input[name='NewMedia.Caption']").FillAsync("Reunited with his family in Finland");
        await page.Locator("input[name='NewMedia.Credit']").FillAsync("Amnesty International Finland");
        await page.Locator("input[name='NewMedia.Consent']").CheckAsync();
        await page.Locator("input[name='NewMedia.ConsentBy']").FillAsync("Sok Yoeun");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("p.success")).ToHaveTextAsync("The story is saved.");
        await Assertions.Expect(page.Locator("fieldset.media img.story-image")).ToBeVisibleAsync();
        await BrowserServer.ScreenshotAsync(page, $"story-edit-{provider}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .badge").First).ToHaveTextAsync("Published");

        // A visitor who is not signed in finds it among the stories.
        var visitor = await (await server.NewContextAsync()).NewPageAsync();
        await visitor.GotoAsync("/stories");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Home in Finland after four years" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Home in Finland after four years");
        await Assertions.Expect(visitor.Locator("blockquote.story-quote")).ToContainTextAsync(Gratitude);
        await Assertions.Expect(visitor.Locator("blockquote.story-quote footer")).ToContainTextAsync("Sok Yoeun, March 2004");
        await Assertions.Expect(visitor.Locator("dl.facts")).ToContainTextAsync("26 February 2004");
        await Assertions.Expect(visitor.Locator("figure figcaption")).ToContainTextAsync("Amnesty International Finland");
        var image = visitor.Locator("img.story-image").First;
        await Assertions.Expect(image).ToBeVisibleAsync();
        Assert.Equal(480, await image.EvaluateAsync<int>("img => img.naturalWidth"));
        Assert.StartsWith("/stories/", await image.GetAttributeAsync("src"), StringComparison.Ordinal);
        await BrowserServer.ScreenshotAsync(visitor, $"story-public-{provider}");

        await visitor.GetByRole(AriaRole.Button, new() { Name = "ខ្មែរ" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("សុខ យឿន មានសេរីភាពហើយ");
        await Assertions.Expect(visitor.Locator("dl.facts")).ToContainTextAsync("ត្រូវបានដោះលែងនៅថ្ងៃ");
        await BrowserServer.ScreenshotAsync(visitor, $"story-public-km-{provider}");
    }

    /// <summary>A published case, its public release and an Urgent Action for it closed with that release.</summary>
    private static async Task<Guid> ClosedActionAsync(BrowserServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        var c = new Case { Title = "Sok Yoeun: extradition request from Cambodia", Level = Habeas.Platform.Access.RecordLevels.Public };
        var release = new Event
        {
            Type = "release",
            Level = Habeas.Platform.Access.RecordLevels.Public,
            Date = Core.Dates.FuzzyDate.Parse("2004-02-26"),
            CaseId = c.Id,
        };
        var action = new CampaignAction
        {
            Code = "UA 309/02 (story)",
            Kind = "urgent-action",
            Title = "Cambodian refugee at risk of forcible return",
            Status = Core.Campaigns.ActionLifecycle.Closed,
            IssuedOn = new DateOnly(2002, 11, 19),
            ClosedOn = new DateOnly(2004, 2, 26),
            Outcome = "released",
            OutcomeEventId = release.Id,
        };
        action.Cases.Add(new ActionCase { ActionId = action.Id, CaseId = c.Id });
        db.AddRange(c, release, action);
        await db.SaveChangesAsync();
        return action.Id;
    }
}
