using Habeas.Host.Demo;
using Habeas.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>The pickers' script (wwwroot/js/picker.js) on a phone, in Khmer: typing finds without sending the form.</summary>
[Collection(Habeas.Tests.Browser.BrowserServer.Collection)]
public sealed class PickerBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task OnAPhoneInKhmer_TypingInTheEventFormsPickers_OffersThePersonAndTheCase_WithoutReloading_AndSaves(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var page = await server.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // The script's own errors: a policy refusing it, a failed request of its own.
            if (
                message.Type == "error"
                && (
                    message.Text.StartsWith("Refused to", StringComparison.Ordinal)
                    || message.Location.Contains("/pickers/", StringComparison.Ordinal)
                    || message.Location.Contains("/js/", StringComparison.Ordinal)
                )
            )
            {
                problems.Add(message.Text);
            }
        };
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "ខ្មែរ" }).ClickAsync();
        await page.GotoAsync("/events/new");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await Assertions.Expect(page.Locator("[data-picker=person][data-picker-ready=true]")).ToHaveCountAsync(1);
        // A mark on the page: a reload or a post would lose it.
        await page.EvaluateAsync("() => { window.habeasMark = 'kept'; }");

        var people = page.Locator("[data-picker=person]");
        await people.Locator("input[type=search]").PressSequentiallyAsync("សុខ យឿន");
        var sok = people.Locator($"input[type=checkbox][value='{DemoData.SokYoeunId}']");
        await Assertions.Expect(sok).ToBeVisibleAsync();
        await Assertions.Expect(people.Locator("[role=status]")).ToContainTextAsync("រកឃើញ");
        await sok.CheckAsync();

        var cases = page.Locator("[data-picker=case]");
        await cases.Locator("input[type=search]").FillAsync("adhoc five");
        var adhoc = cases.Locator($"input[type=radio][value='{DemoData.AdhocFiveCaseId}']");
        await Assertions.Expect(adhoc).ToBeVisibleAsync();
        await adhoc.CheckAsync();
        // Typing again replaces the matches but keeps what is ticked.
        await people.Locator("input[type=search]").FillAsync("Rong Chhun");
        await Assertions.Expect(people.Locator("label", new() { HasText = "Rong Chhun" })).ToBeVisibleAsync();
        await Assertions.Expect(sok).ToBeCheckedAsync();

        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.habeasMark"));
        Assert.True(
            await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"),
            "the form is wider than the phone"
        );
        await BrowserServer.ScreenshotAsync(page, $"picker-phone-km-{provider}");

        await page.Locator("select[name='Input.Type']").SelectOptionAsync("arrest");
        await page.Locator("input[name='Input.Date']").FillAsync("2004-01-05");
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains($"/cases/{DemoData.AdhocFiveCaseId}", StringComparison.Ordinal));
        Assert.Empty(problems);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task InKhmer_TheChargeFormFindsAProvisionByTyping_AtPhoneAndDesktopWidth_AndSaves(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(server.Services))
        {
            var db =
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Habeas.Platform.Storage.HabeasDb>(
                    scope.ServiceProvider
                );
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            db.Add(
                new Habeas.Records.Cases.LegalProvision
                {
                    Code = "ក្រមព្រហ្មទណ្ឌ",
                    Article = "495",
                    Title = Habeas.Platform.Shared.LocalizedText.Of("km", "ការញុះញង់"),
                }
            );
            await db.SaveChangesAsync();
        }
        var page = await server.NewPageAsync(Habeas.Platform.Accounts.Roles.Monitor, "km-KH");
        foreach (var width in new[] { 1280, 360 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync($"/cases/{DemoData.AdhocFiveCaseId}/charges/new");
            await Assertions.Expect(page.Locator("[data-picker=provision][data-picker-ready=true]")).ToHaveCountAsync(1);
            var provisions = page.Locator("[data-picker=provision]");
            await provisions.Locator("input[type=search]").FillAsync("ញុះញង់");
            var found = provisions.Locator("label", new() { HasText = "495" });
            await Assertions.Expect(found).ToBeVisibleAsync();
            await Assertions.Expect(provisions.Locator("[role=status]")).ToContainTextAsync("រកឃើញ");
            await BrowserServer.ScreenshotAsync(page, $"charge-provision-km-{width}-{provider}");
            var wide = await page.EvaluateAsync<string>(
                "w => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 5).join(', ')",
                width
            );
            Assert.True(
                await page.EvaluateAsync<bool>($"() => document.documentElement.scrollWidth <= {width}"),
                $"the charge form is wider than {width} px: {wide}"
            );
            await PageChecks.AssertAccessibleAsync(page);
        }
        await page.Locator("input[name='Input.Description']").FillAsync("ញុះញង់");
        await page.Locator("[data-picker=provision] label", new() { HasText = "495" }).Locator("input").CheckAsync();
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith($"/cases/{DemoData.AdhocFiveCaseId}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("495");
    }
}
