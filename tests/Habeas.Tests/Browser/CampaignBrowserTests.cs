using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

[Collection(Habeas.Tests.Browser.BrowserServer.Collection)]
public sealed class CampaignBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ACampaigner_RunsSokYoeunsUrgentAction_InTheForms_AndSeesItsNumbers_InEnglishAndKhmer(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var page = await server.NewPageAsync(Roles.Campaigner);

        await page.GotoAsync("/actions");
        await page.GetByRole(AriaRole.Link, new() { Name = "New action" }).ClickAsync();
        await page.Locator("input[name='Input.Code']").FillAsync("UA 57/26");
        await page.Locator("select[name='Input.Kind']").SelectOptionAsync("urgent-action");
        // The action's cases are found by typing (the pickers' script fills the choices), then ticked.
        await page.Locator("[data-picker=case] input[type=search]").FillAsync("illegal entry");
        await page.Locator("[data-picker=case] label", new() { HasText = "Sok Yoeun: illegal entry" }).Locator("input").CheckAsync();
        await page.Locator("textarea[name='Input.AppealText[km]']").FillAsync("សូមកុំបញ្ជូនលោក សុខ យឿន ត្រឡប់ទៅកម្ពុជាវិញ");
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        // No title: the message is beside the field and what was typed is still there.
        await Assertions.Expect(page.Locator("span.field-error", new() { HasText = "Give the action a title." })).ToBeVisibleAsync();
        await Assertions
            .Expect(page.Locator("textarea[name='Input.AppealText[km]']"))
            .ToHaveValueAsync("សូមកុំបញ្ជូនលោក សុខ យឿន ត្រឡប់ទៅកម្ពុជាវិញ");
        await BrowserServer.ScreenshotAsync(page, $"action-new-error-{provider}");
        await page.Locator("input[name='Input.Title']").FillAsync("Cambodian opposition member at risk of forcible return");
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("UA 57/26");

        await page.GetByRole(AriaRole.Link, new() { Name = "Issue", Exact = true }).ClickAsync();
        await page.Locator("input[name='Input.IssuedOn']").FillAsync("2002-11-19");
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a target" }).ClickAsync();
        await page.Locator("input[name='Input.Title']").FillAsync("Prime Minister");
        await page.Locator("input[name='Input.Name']").FillAsync("Thaksin Shinawatra");
        await page.Locator("input[name='Input.Language']").FillAsync("th");
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        foreach (
            var (channel, count, date, country) in new[]
            {
                ("letter", "1200", "2002-11-25", "FI"),
                ("card-to-prisoner", "3000", "2003-12-20", "FI"),
                ("postcard", "800", "2003-03-10", "TH"),
            }
        )
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Record what was sent" }).ClickAsync();
            await page.Locator("select[name='Input.Channel']").SelectOptionAsync(channel);
            await page.Locator("input[name='Input.Count']").FillAsync(count);
            await page.Locator("input[name='Input.Date']").FillAsync(date);
            await page.Locator("input[name='Input.Country']").FillAsync(country);
            await page.Locator("main button.primary[type=submit]").ClickAsync();
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Add further information" }).ClickAsync();
        await page.Locator("input[name='Input.WhatChanged']").FillAsync("Medical concern: his health has seriously deteriorated");
        await page.Locator("input[name='Input.IssuedOn']").FillAsync("2003-05-02");
        await page.Locator("main button.primary[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Close with the outcome" }).ClickAsync();
        await page.Locator("select[name='Input.Outcome']").SelectOptionAsync("released");
        await page.Locator("input[name='Input.Date']").FillAsync("2004-02-26");
        await page.Locator("select[name='Input.EventId']")
            .SelectOptionAsync(new SelectOptionValue { Label = "26 February 2004 · Release" });
        await page.Locator("main button.primary[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("UA 57/26");
        await Assertions.Expect(page.Locator("#by-channel svg[role=img]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#by-channel table")).ToContainTextAsync("3,000");
        await Assertions.Expect(page.Locator("#timeline table")).ToContainTextAsync("Release (26 February 2004)");
        await Assertions.Expect(page.Locator("#timeline svg g.marker")).Not.ToHaveCountAsync(0);
        await BrowserServer.ScreenshotAsync(page, $"action-numbers-{provider}");

        await page.GetByRole(AriaRole.Button, new() { Name = "ខ្មែរ" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await Assertions.Expect(page.Locator("#by-channel figcaption")).ToHaveTextAsync("បានផ្ញើតាមមធ្យោបាយ");
        await Assertions.Expect(page.Locator("#by-channel svg text.label").First).ToHaveTextAsync("កាតផ្ញើជូនអ្នកទោស");
        await BrowserServer.ScreenshotAsync(page, $"action-numbers-km-{provider}");
        await page.GotoAsync("/actions/numbers");
        await Assertions.Expect(page.Locator("p.share")).ToContainTextAsync("សកម្មភាពចំនួន 5 ក្នុងចំណោម 5");
        await BrowserServer.ScreenshotAsync(page, $"actions-numbers-km-{provider}");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions
            .Expect(page.Locator("p.share"))
            .ToContainTextAsync("5 of 5 closed actions ended in release or improvement (100 %)");
        await BrowserServer.ScreenshotAsync(page, $"actions-numbers-{provider}");
        await page.GotoAsync("/actions/new?lang=km");
        await BrowserServer.ScreenshotAsync(page, $"action-new-km-{provider}");
    }
}
