using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Letters;
using Habeas.Platform.Access;
using Habeas.Platform.Confidential;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Letters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// The "Done when": a new anonymous visitor opens the public page of an action with a Thai and a Cambodian
/// official, gets the letter in Thai and in Khmer, records each as sent, writes a card; a campaigner approves the
/// card and sees all three in the action's numbers; the prison address is on no page the supporter reached.
/// </summary>
[Collection(Habeas.Tests.Browser.BrowserServer.Collection)]
public sealed class SupporterBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ASupporter_WritesToAThaiAndACambodianOfficial_AndSendsACard_TheCampaignerSeesAllThree(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var (actionId, thaiId, khmerId) = await CreateCampaignAsync(server);
        var seen = new List<string>();

        var supporter = await (await server.NewContextAsync()).NewPageAsync();
        await supporter.GotoAsync($"/act/{actionId}");
        await Assertions.Expect(supporter.Locator("h1")).ToHaveTextAsync("Fear of forcible return");
        await Assertions.Expect(supporter.Locator("section.case")).ToContainTextAsync("Sok Yoeun");
        await Assertions.Expect(supporter.Locator(".card-form .guidance")).ToContainTextAsync("Do not mention politics");
        seen.Add(await supporter.ContentAsync());
        await BrowserServer.ScreenshotAsync(supporter, $"act-public-page-{provider}");

        // The letter in Thai for the Thai official.
        await WriteLetterAsync(supporter, thaiId);
        await Assertions.Expect(supporter.Locator("html")).ToHaveAttributeAsync("lang", "th");
        await Assertions.Expect(supporter.Locator("article.letter")).ToContainTextAsync(LetterCampaign.ThaiSentence + " สุข เยือน");
        await Assertions.Expect(supporter.Locator("article.letter")).ToContainTextAsync("เรียน ฯพณฯ นายกรัฐมนตรี");
        seen.Add(await supporter.ContentAsync());
        await BrowserServer.ScreenshotAsync(supporter, $"act-letter-th-{provider}");
        await RecordSentAsync(supporter, "FI");
        seen.Add(await supporter.ContentAsync());

        // The letter in Khmer for the Cambodian one, the interface in Khmer.
        await supporter.GotoAsync($"/act/{actionId}?lang=km");
        await Assertions.Expect(supporter.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await Assertions.Expect(supporter.Locator("section.case")).ToContainTextAsync("សុខ យឿន");
        seen.Add(await supporter.ContentAsync());
        await BrowserServer.ScreenshotAsync(supporter, $"act-public-page-km-{provider}");
        await WriteLetterAsync(supporter, khmerId, "បង្កើតលិខិតរបស់ខ្ញុំ");
        await Assertions.Expect(supporter.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await Assertions.Expect(supporter.Locator("article.letter")).ToContainTextAsync(LetterCampaign.KhmerSentence + " សុខ យឿន។");
        seen.Add(await supporter.ContentAsync());
        await BrowserServer.ScreenshotAsync(supporter, $"act-letter-km-{provider}");
        await supporter.Locator("select[name=country]").SelectOptionAsync("KH");
        await supporter.GetByRole(AriaRole.Button, new() { Name = "ខ្ញុំបានផ្ញើវាហើយ" }).ClickAsync();
        await Assertions.Expect(supporter.Locator(".sent-thanks")).ToContainTextAsync("សូមអរគុណ");
        seen.Add(await supporter.ContentAsync());

        // A card, in English.
        await supporter.GotoAsync($"/act/{actionId}?lang=en");
        await supporter.Locator("textarea[name=message]").FillAsync("Stay strong. Many people in Finland think of you.");
        await supporter.Locator("input[name=signedAs]").FillAsync("Anna");
        await supporter.Locator(".card-form select[name=country]").SelectOptionAsync("FI");
        await supporter.GetByRole(AriaRole.Button, new() { Name = "Send the card" }).ClickAsync();
        await Assertions.Expect(supporter.Locator(".card-thanks")).ToContainTextAsync("Thank you for your card.");
        seen.Add(await supporter.ContentAsync());
        await BrowserServer.ScreenshotAsync(supporter, $"act-card-thanks-{provider}");

        // Nothing the supporter reached holds the prison address.
        Assert.DoesNotContain(seen, html => html.Contains("CANARYPRISON", StringComparison.Ordinal));
        var docx = await supporter.APIRequest.GetAsync($"/act/{actionId}/letter.docx?target={thaiId}&name=Anna&town=Tampere");
        Assert.Equal(200, docx.Status);
        Assert.DoesNotContain("CANARYPRISON", LettersTests.DocumentXml(await docx.BodyAsync()), StringComparison.Ordinal);

        // The campaigner approves the card and sees the three in the numbers.
        var campaigner = await server.NewPageAsync(Habeas.Platform.Accounts.Roles.Campaigner);
        await campaigner.GotoAsync($"/actions/{actionId}/cards");
        await Assertions
            .Expect(campaigner.Locator(".pending-card"))
            .ToContainTextAsync("Stay strong. Many people in Finland think of you.");
        await BrowserServer.ScreenshotAsync(campaigner, $"act-cards-moderation-{provider}");
        await campaigner.Locator(".pending-card").GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(campaigner.Locator(".pending-card")).ToHaveCountAsync(0);
        await campaigner.GotoAsync($"/actions/{actionId}");
        var byTarget = campaigner.Locator("#by-target table.chart-table tbody tr");
        await Assertions.Expect(byTarget.Filter(new() { HasText = "ทักษิณ ชินวัตร" }).Locator("td").Last).ToHaveTextAsync("1");
        await Assertions.Expect(byTarget.Filter(new() { HasText = "ក្រសួងមហាផ្ទៃ" }).Locator("td").Last).ToHaveTextAsync("1");
        await Assertions.Expect(campaigner.Locator(".card-counts dd[data-status=approved]")).ToHaveTextAsync("1");
        var sent = campaigner.Locator("section", new() { HasText = "Letter" }).Locator("tr", new() { HasText = "Letter" });
        await Assertions.Expect(sent.First).ToContainTextAsync("2");
        await Assertions.Expect(campaigner.Locator("tr", new() { HasText = "Card to the prisoner" })).ToContainTextAsync("1");
        await BrowserServer.ScreenshotAsync(campaigner, $"act-numbers-{provider}");
    }

    private static async Task WriteLetterAsync(IPage page, Guid target, string button = "Make my letter")
    {
        await page.Locator($"input[name=target][value='{target}']").CheckAsync();
        await page.Locator("input[name=name]").FillAsync("Anna Virtanen");
        await page.Locator("input[name=town]").FillAsync("Tampere");
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/letter?", StringComparison.Ordinal));
    }

    private static async Task RecordSentAsync(IPage page, string country)
    {
        await page.Locator("select[name=country]").SelectOptionAsync(country);
        await page.GetByRole(AriaRole.Button, new() { Name = "I have sent it" }).ClickAsync();
        await Assertions.Expect(page.Locator(".sent-thanks")).ToContainTextAsync("Thank you for writing.");
    }

    /// <summary>A published, issued action for a published case "Sok Yoeun" (សុខ យឿន), a Thai and a Cambodian official,
    /// letter templates in Thai and Khmer, and his prison address planted as a confidential value.</summary>
    private static async Task<(Guid Action, Guid Thai, Guid Khmer)> CreateCampaignAsync(BrowserServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = new Viewer(null, true, true, true, true);
        var person = new Person { Level = RecordLevels.Public };
        person.Names.Add(
            new PersonName
            {
                Text = "Sok Yoeun",
                Script = "Latn",
                Kind = NameKinds.Primary,
                SearchText = "sok yoeun",
                SortOrder = 0,
            }
        );
        person.Names.Add(
            new PersonName
            {
                Text = "សុខ យឿន",
                Script = "Khmr",
                Kind = NameKinds.Primary,
                SearchText = "សុខ យឿន",
                SortOrder = 1,
            }
        );
        person.Names.Add(
            new PersonName
            {
                Text = "สุข เยือน",
                Script = "Thai",
                Kind = NameKinds.Primary,
                SearchText = "สุข เยือน",
                SortOrder = 2,
            }
        );
        var published = new Case { Title = "Sok Yoeun", Level = RecordLevels.Public };
        published.Participants.Add(new CaseParticipant { PersonId = person.Id, Role = "defendant" });
        var thai = new CampaignTarget
        {
            Title = "นายกรัฐมนตรี",
            Name = "ทักษิณ ชินวัตร",
            Organisation = "ทำเนียบรัฐบาล",
            PostalAddress = "ถนนพิษณุโลก กรุงเทพฯ 10300",
            Salutation = "เรียน ฯพณฯ นายกรัฐมนตรี",
            Language = "th",
        };
        var khmer = new CampaignTarget
        {
            Title = "រដ្ឋមន្ត្រីក្រសួងមហាផ្ទៃ",
            Organisation = "ក្រសួងមហាផ្ទៃ",
            PostalAddress = "មហាវិថីព្រះនរោត្តម ភ្នំពេញ",
            Salutation = "គោរពជូន ឯកឧត្តមរដ្ឋមន្ត្រី",
            Language = "km",
        };
        var action = new CampaignAction
        {
            Code = "UA 56/26",
            Kind = "urgent-action",
            Title = "Fear of forcible return",
            Status = "issued",
            IssuedOn = new DateOnly(2002, 11, 19),
            Public = true,
            RecommendedActions = new Habeas.Platform.Shared.LocalizedText
            {
                ["en"] = "Write to the Thai and Cambodian authorities.",
                ["km"] = "សូមសរសេរទៅកាន់អាជ្ញាធរថៃ និងកម្ពុជា។",
            },
            CardGuidance = new Habeas.Platform.Shared.LocalizedText
            {
                ["en"] = "Do not mention politics, the party or the case.",
                ["km"] = "កុំនិយាយអំពីនយោបាយ គណបក្ស ឬរឿងក្តី។",
            },
        };
        action.Cases.Add(new ActionCase { ActionId = action.Id, CaseId = published.Id });
        action.Targets.Add(new ActionTarget { ActionId = action.Id, TargetId = thai.Id });
        action.Targets.Add(new ActionTarget { ActionId = action.Id, TargetId = khmer.Id });
        db.AddRange(
            person,
            published,
            thai,
            khmer,
            action,
            new LetterTemplate
            {
                ActionId = action.Id,
                Language = "th",
                Text = LetterCampaign.ThaiTemplate,
            },
            new LetterTemplate
            {
                ActionId = action.Id,
                Language = "km",
                Text = LetterCampaign.KhmerTemplate,
            }
        );
        await ConfidentialFields.WriteAsync(
            db,
            scope.ServiceProvider.GetRequiredService<KeyRing>(),
            "person",
            person.Id,
            new Dictionary<string, string?> { ["prison-address"] = LetterCampaign.PrisonCanary },
            CancellationToken.None
        );
        await db.SaveChangesAsync();
        return (action.Id, thai.Id, khmer.Id);
    }
}
