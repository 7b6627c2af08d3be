using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Campaigns;

/// <summary>The demonstration data holds Sok Yoeun's campaign, from the seed story and Amnesty International's public documents.</summary>
public sealed class DemoCampaignTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheDemonstration_HoldsUa309_02_ItsUpdates_TheThaiAuthorities_AndTheRelease(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();
        var ua = await client.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{Demo.DemoCampaign.UrgentActionId}");
        Assert.Equal("UA 309/02", ua.GetProperty("code").GetString());
        Assert.Equal("2002-10-17", ua.GetProperty("issuedOn").GetString());
        Assert.Equal("closed", ua.GetProperty("status").GetString());
        Assert.Equal("released", ua.GetProperty("outcome").GetString());
        Assert.Equal(["2002-11-29", "2003-11-17", "2003-11-28"], ua.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("issuedOn").GetString()!).ToArray());
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
}
