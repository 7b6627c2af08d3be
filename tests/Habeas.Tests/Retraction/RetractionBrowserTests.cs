using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Tests.Browser;
using Habeas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Retraction;

/// <summary>
/// In Chromium, in Khmer, at desktop and phone width: a monitor retracts a release entered with the wrong year from a
/// person's timeline, with a reason; the release is gone from the timeline at once; a coordinator restores it from
/// /retracted. axe-core checks each page. Screenshots in TestResults/screenshots (retraction-*).
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class RetractionBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitorInKhmer_RetractsAWrongRelease_AndACoordinatorRestoresIt(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        foreach (var width in new[] { 1280, 390 })
        {
            var (person, release) = await PersonWithAReleaseAsync(server, $"Meach Sovannara {width}");
            var monitor = await server.NewPageAsync(Roles.Monitor, "km-KH");
            await monitor.SetViewportSizeAsync(width, 844);
            await monitor.GotoAsync($"/people/{person}");
            await Assertions.Expect(monitor.Locator($"a[href^='/retract/events/{release}']")).ToBeVisibleAsync();
            await monitor.Locator($"a[href^='/retract/events/{release}']").ClickAsync();
            await Assertions.Expect(monitor.Locator("h1")).ToHaveTextAsync("ដកកំណត់ត្រាចេញ");
            await PageChecks.AssertAccessibleAsync(monitor);
            Assert.True(
                await monitor.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width,
                "the form is wider than the screen"
            );
            await BrowserServer.ScreenshotAsync(monitor, $"retraction-form-km-{width}-{provider}");

            // Without a reason: the form again, naming the problem in Khmer.
            await monitor.Locator("form.stack button[type=submit]").ClickAsync();
            await Assertions.Expect(monitor.Locator(".validation-summary-errors")).ToContainTextAsync("មូលហេតុ៖ សូមប្រាប់ពីមូលហេតុ");
            await monitor.Locator("textarea[name='Reason']").FillAsync("ឆ្នាំខុស៖ បានដោះលែងនៅឆ្នាំ ២០២៣");
            await monitor.Locator("form.stack button[type=submit]").ClickAsync();
            await monitor.WaitForURLAsync($"**/people/{person}");
            await Assertions.Expect(monitor.Locator($"a[href^='/retract/events/{release}']")).ToHaveCountAsync(0);
            await BrowserServer.ScreenshotAsync(monitor, $"retraction-person-km-{width}-{provider}");

            var coordinator = await server.NewPageAsync(Roles.Coordinator, "km-KH");
            await coordinator.SetViewportSizeAsync(width, 844);
            await coordinator.GotoAsync("/retracted");
            await Assertions.Expect(coordinator.Locator("main")).ToContainTextAsync("ឆ្នាំខុស៖ បានដោះលែងនៅឆ្នាំ ២០២៣");
            await PageChecks.AssertAccessibleAsync(coordinator);
            Assert.True(
                await coordinator.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width,
                "the list is wider than the screen"
            );
            await BrowserServer.ScreenshotAsync(coordinator, $"retraction-list-km-{width}-{provider}");
            await coordinator.Locator($"form:has(input[value='{release}']) button[type=submit]").ClickAsync();
            await coordinator.WaitForURLAsync("**/retracted");
            await monitor.GotoAsync($"/people/{person}");
            await Assertions.Expect(monitor.Locator($"a[href^='/retract/events/{release}']")).ToBeVisibleAsync();
        }
    }

    private static async Task<(Guid Person, Guid Release)> PersonWithAReleaseAsync(BrowserServer server, string name)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        var person = new Person();
        person.Names.Add(
            new PersonName
            {
                Text = name,
                Script = "Latn",
                Kind = NameKinds.Primary,
            }
        );
        var arrest = new Event { Type = "arrest", Date = Core.Dates.FuzzyDate.Parse("2020-01-10") };
        arrest.People.Add(new EventPerson { EventId = arrest.Id, PersonId = person.Id });
        var release = new Event { Type = "release", Date = Core.Dates.FuzzyDate.Parse("2020-03-01") };
        release.People.Add(new EventPerson { EventId = release.Id, PersonId = person.Id });
        db.AddRange(person, arrest, release);
        await db.SaveChangesAsync();
        return (person.Id, release.Id);
    }
}
