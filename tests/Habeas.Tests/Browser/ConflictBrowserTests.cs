using System.Globalization;
using Habeas.Campaigns.Letters;
using Habeas.Platform.Accounts;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// The conflict panels as a person sees them, in English and Khmer: the other editor's change above the form that
/// still holds what was typed, its field named in the reader's language. Screenshots of these, of the storage-fault
/// page and of the import and export pages are saved for review (TestResults/screenshots, and /tmp/shots-c).
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class ConflictBrowserTests
{
    private const string Shots = "/tmp/shots-c";

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ConflictPanels_ShowTheOtherChange_LabelledInTheReadersLanguage_BesideWhatWasTyped(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        foreach (var (locale, occupationLabel) in new[] { ("en-GB", "Occupation"), ("km-KH", "មុខរបរ") })
        {
            var language = locale[..2];
            var page = await server.NewPageAsync(Roles.Coordinator, locale);

            // A person's form: typed here while someone else saved the occupation.
            await page.GotoAsync($"/people/{Habeas.Host.Demo.DemoData.SokYoeunId}/edit");
            await page.Locator("input[name='Input.Occupation']").FillAsync($"Typed here ({language})");
            await EditAsync(server, async db =>
            {
                var person = await db.People.SingleAsync(p => p.Id == Habeas.Host.Demo.DemoData.SokYoeunId);
                person.Occupation = $"Saved by the other editor ({language})";
            });
            await page.Locator("main form button.primary[type=submit]").First.ClickAsync();
            var panel = page.Locator(".notice.conflict");
            await Assertions.Expect(panel).ToBeVisibleAsync();
            await Assertions.Expect(panel.Locator("table.saved-since td").First).ToHaveTextAsync(occupationLabel);
            await Assertions.Expect(panel.Locator("ins")).ToContainTextAsync($"Saved by the other editor ({language})");
            await Assertions.Expect(page.Locator("input[name='Input.Occupation']")).ToHaveValueAsync($"Typed here ({language})");
            await ShotAsync(page, $"conflict-person-{language}-{provider}");

            // A letter template: the other text above the form that keeps the typed one.
            await page.GotoAsync($"/actions/{Habeas.Host.Demo.DemoCampaign.UrgentActionId}/letters");
            await page.Locator("#template-km").FillAsync($"Typed letter ({language}) សូមគោរព");
            await EditAsync(server, async db =>
            {
                var template = await db.LetterTemplates.SingleAsync(t =>
                    t.ActionId == Habeas.Host.Demo.DemoCampaign.UrgentActionId && t.Language == "km"
                );
                template.Text = $"Saved letter by the other editor ({language}) ឯកឧត្តម";
            });
            await page.Locator("form[data-language='km'] button[type=submit]").ClickAsync();
            var letterPanel = page.Locator(".notice.conflict");
            await Assertions.Expect(letterPanel).ToContainTextAsync($"Saved letter by the other editor ({language})");
            // The panel says which language's template it is about, once.
            await Assertions
                .Expect(letterPanel.Locator("p").First)
                .ToContainTextAsync(language == "en" ? "saved the Khmer template" : "គំរូលិខិតជាខ្មែរ");
            await Assertions.Expect(page.Locator("#template-km")).ToHaveValueAsync($"Typed letter ({language}) សូមគោរព");
            await ShotAsync(page, $"conflict-letter-{language}-{provider}");

            // The import and export pages.
            var admin = await server.NewPageAsync(Roles.Administrator, locale);
            await admin.GotoAsync("/import");
            await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", language);
            await ShotAsync(admin, $"import-{language}-{provider}");
            await admin.GotoAsync("/export");
            await ShotAsync(admin, $"export-{language}-{provider}");

            // The page a storage fault gives when no form can be shown again: the handler's own page, as it writes it.
            var fault = await page.Context.NewPageAsync();
            await fault.SetContentAsync(await StorageFaultPageAsync(server, language));
            await Assertions.Expect(fault.Locator("[role=alert]")).ToBeVisibleAsync();
            await ShotAsync(fault, $"storage-fault-{language}-{provider}");
        }
    }

    private static async Task EditAsync(BrowserServer server, Func<HabeasDb, Task> change)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        await change(db);
        await db.SaveChangesAsync();
    }

    private static async Task<string> StorageFaultPageAsync(BrowserServer server, string language)
    {
        var context = new DefaultHttpContext { RequestServices = server.Services };
        context.Request.Path = "/people/new";
        context.Response.Body = new MemoryStream();
        var culture = new CultureInfo(language);
        context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(culture, culture), null));
        var handler = new StorageFaultHandler(
            null!,
            server.Services.GetRequiredService<Texts>(),
            server.Services.GetRequiredService<StorageOptions>(),
            NullLogger<StorageFaultHandler>.Instance
        );
        Assert.True(await handler.TryHandleAsync(context, new SqliteException("database or disk is full", 13, 13), CancellationToken.None));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        await BrowserServer.ScreenshotAsync(page, name);
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }
}
