using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Campaigns;

/// <summary>The demonstration data holds Sok Yoeun's campaign, from the seed story and Amnesty International's public documents.</summary>
public sealed class DemoCampaignTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheDemonstration_HoldsUa309_02_ItsUpdates_TheThaiAuthorities_AndTheRelease(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();
        var ua = await client.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{Habeas.Host.Demo.DemoCampaign.UrgentActionId}");
        Assert.Equal("UA 309/02", ua.GetProperty("code").GetString());
        Assert.Equal("2002-10-17", ua.GetProperty("issuedOn").GetString());
        Assert.Equal("closed", ua.GetProperty("status").GetString());
        Assert.Equal("released", ua.GetProperty("outcome").GetString());
        Assert.Equal(
            ["2002-11-29", "2003-11-17", "2003-11-28"],
            ua.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("issuedOn").GetString()!).ToArray()
        );
        var targets = ua.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(2, targets.Count(t => t.GetProperty("language").GetString() == "th"));
        Assert.Contains(targets, t => t.GetProperty("language").GetString() == "km" && t.GetProperty("name").GetString() == "Hun Sen");

        // Closed by the release event of his case, which is published.
        var release = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{ua.GetProperty("outcomeEventId").GetGuid()}");
        Assert.Equal("release", release.GetProperty("type").GetString());
        Assert.Equal("2004-02-26", release.GetProperty("date").GetString());
        Assert.Equal("public", release.GetProperty("level").GetString());

        var actions = await client.GetFromJsonAsync<JsonElement>("/api/v1/actions");
        var kinds = actions.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "urgent-action", "medical-action", "postcard-campaign", "greeting-card-campaign" }, kinds);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheDocumentForTheNetwork_GivesTheAppealInTheChosenLanguage_AndWhereToWrite(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var viewer = await app.AccountAsync(Habeas.Platform.Accounts.Roles.Viewer);
        var thai = await viewer.Client.GetStringAsync($"/actions/{Habeas.Host.Demo.DemoCampaign.UrgentActionId}/document?in=th");
        Assert.Contains("lang=\"th\"", thai);
        Assert.Contains("ข้าพเจ้าเขียนจดหมายฉบับนี้เกี่ยวกับ", thai);
        Assert.Contains("เรียน ฯพณฯ นายกรัฐมนตรี", thai);
        Assert.Contains("Government House", thai);
        Assert.Contains("2003-11-28", thai);
        var khmer = await viewer.Client.GetStringAsync($"/actions/{Habeas.Host.Demo.DemoCampaign.UrgentActionId}/document?in=km&lang=km");
        Assert.Contains("សុខ យឿន", khmer);
        Assert.Contains("សូមផ្ញើការអំពាវនាវទៅ", khmer);
        Assert.Contains("ខ្ញុំសរសេរលិខិតនេះអំពីលោក", khmer);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ThePublicPageOfTheClosedUrgentAction_ShowsTheOutcomeAndHisStory_AndTakesNoMoreLetters(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        using var visitor = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        visitor.DefaultRequestHeaders.Authorization = null;
        var page = await visitor.GetStringAsync($"/act/{Habeas.Host.Demo.DemoCampaign.UrgentActionId}");
        Assert.Contains("UA 309/02", page);
        Assert.Contains("Sok Yoeun", page);
        Assert.Contains("This action is closed. Outcome: Released.", page);
        Assert.DoesNotContain("id=\"card\"", page);
        var story = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/stories/[0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEmpty(story);
        var storyPage = await visitor.GetStringAsync(story);
        Assert.Contains("I now have two fatherlands. Finland is a new home.", storyPage);
        // Letters and cards are for open actions only.
        Assert.Equal(
            System.Net.HttpStatusCode.NotFound,
            (await visitor.GetAsync($"/act/{Habeas.Host.Demo.DemoCampaign.UrgentActionId}/card")).StatusCode
        );
        Assert.Equal(
            System.Net.HttpStatusCode.NotFound,
            (
                await visitor.GetAsync(
                    $"/act/{Habeas.Host.Demo.DemoCampaign.UrgentActionId}/letter?target={Habeas.Host.Demo.DemoCampaign.ThaiPrimeMinisterId}&name=A&town=B"
                )
            ).StatusCode
        );
    }
}
