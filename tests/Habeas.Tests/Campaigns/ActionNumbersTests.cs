using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using static Habeas.Tests.Campaigns.ActionFormsTests;

namespace Habeas.Tests.Campaigns;

/// <summary>The campaign's numbers: across actions (share ending in release or improvement, time to close) and per
/// action (charts with tables, the timeline of outreach beside the cases' events the reader may see).</summary>
public sealed class ActionNumbersTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AcrossActions_TwoOfThreeClosedEndedInReleaseOrImprovement_AfterAMedianOf60Days(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        // Released after 120 days, improvement after 30, no change after 60; a fourth action still a draft.
        var released = await ClosedAsync(client, "UA 1/24", "urgent-action", "2024-01-01", "2024-04-30", "released");
        await ClosedAsync(client, "UA 2/24", "urgent-action", "2024-02-01", "2024-03-02", "improvement");
        await ClosedAsync(client, "MA 3/24", "medical-action", "2024-03-01", "2024-04-30", "no-change");
        await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA 4/24",
                    kind = "petition",
                    title = "Still a draft",
                }
            )
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await client.PostAsJsonAsync(
                    $"/api/v1/actions/{released}/outreach",
                    new
                    {
                        channel = "letter",
                        count = 2500,
                        date = "2024-02-01",
                    }
                )
            ).StatusCode
        );

        var viewer = (await app.AccountAsync(Roles.Viewer)).Client;
        var numbers = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/actions/numbers");
        Assert.Equal(4, numbers.GetProperty("actions").GetInt32());
        Assert.Equal(3, numbers.GetProperty("closed").GetInt32());
        Assert.Equal(1, numbers.GetProperty("released").GetInt32());
        Assert.Equal(1, numbers.GetProperty("improved").GetInt32());
        Assert.Equal(2, numbers.GetProperty("releaseOrImprovement").GetInt32());
        Assert.Equal(0.6667, numbers.GetProperty("shareReleaseOrImprovement").GetDouble(), 4);
        var days = numbers.GetProperty("daysToClose");
        Assert.Equal(60, days.GetProperty("median").GetDouble());
        Assert.Equal(30, days.GetProperty("min").GetInt32());
        Assert.Equal(120, days.GetProperty("max").GetInt32());
        var byKind = numbers
            .GetProperty("daysToCloseByKind")
            .EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("daysToClose"));
        Assert.Equal(75, byKind["urgent-action"].GetProperty("median").GetDouble());
        Assert.Equal(60, byKind["medical-action"].GetProperty("max").GetInt32());
        Assert.Equal(2, numbers.GetProperty("byKind").GetProperty("urgent-action").GetInt32());
        Assert.Equal(1, numbers.GetProperty("byStatus").GetProperty("draft").GetInt32());
        Assert.Equal(3, numbers.GetProperty("byStatus").GetProperty("closed").GetInt32());
        Assert.Equal(1, numbers.GetProperty("byOutcome").GetProperty("no-change").GetInt32());
        var first = numbers.GetProperty("outreach")[0];
        Assert.Equal("UA 1/24", first.GetProperty("code").GetString());
        Assert.Equal(2500, first.GetProperty("total").GetInt32());

        var page = await viewer.GetStringAsync("/actions/numbers");
        Assert.Contains("2 of 3 closed actions ended in release or improvement (67 %)", page, StringComparison.Ordinal);
        Assert.Contains("60 days", page, StringComparison.Ordinal);
        Assert.Contains("120 days", page, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", page, StringComparison.Ordinal);
        Assert.Contains("2,500", page, StringComparison.Ordinal);
        var khmer = await viewer.GetStringAsync("/actions/numbers?lang=km");
        Assert.Contains("សកម្មភាពចំនួន 2 ក្នុងចំណោម 3", khmer, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/v1/actions/numbers")).StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheTimeline_ShowsTheCasesEventsBesideTheOutreach_ButNotARestrictedEvent(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(admin, "Sok Yoeun");
        var caseId = await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/cases",
                new { title = "Extradition of Sok Yoeun", people = new[] { new { personId = person, role = "defendant" } } }
            )
        );
        await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "1999-12-15",
                    caseId,
                    personIds = new[] { person },
                }
            )
        );
        await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "extradition-request",
                    date = "2000-06-20",
                    caseId,
                    level = "restricted",
                }
            )
        );
        await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "release",
                    date = "2004-02-26",
                    personIds = new[] { person },
                }
            )
        );
        var action = await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA 309/02",
                    kind = "urgent-action",
                    title = "Sok Yoeun",
                    caseIds = new[] { caseId },
                }
            )
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/actions/{action}/issue", new { issuedOn = "2002-11-19" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await admin.PostAsJsonAsync(
                    $"/api/v1/actions/{action}/updates",
                    new { issuedOn = "2003-05-02", whatChanged = "UNHCR recognises him" }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await admin.PostAsJsonAsync(
                    $"/api/v1/actions/{action}/outreach",
                    new
                    {
                        channel = "letter",
                        count = 40,
                        date = "2002-11-25",
                        country = "FI",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/actions/{action}/close", new { outcome = "released", date = "2004-02-26" })).StatusCode
        );

        var viewer = (await app.AccountAsync(Roles.Viewer)).Client;
        var page = await viewer.GetStringAsync($"/actions/{action}");
        var timeline = page[page.IndexOf("id=\"timeline\"", StringComparison.Ordinal)..];
        Assert.Contains("<svg", timeline, StringComparison.Ordinal);
        Assert.Contains("Arrest (15 December 1999)", timeline, StringComparison.Ordinal);
        Assert.Contains("Release (26 February 2004)", timeline, StringComparison.Ordinal);
        Assert.Contains("UNHCR recognises him", timeline, StringComparison.Ordinal);
        Assert.Contains("Closed: Released", timeline, StringComparison.Ordinal);
        Assert.Contains("Week of 25 November 2002", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("Extradition request", page, StringComparison.Ordinal);
        Assert.DoesNotContain("20 June 2000", page, StringComparison.Ordinal);
        // Charts by channel and country, each with its table.
        Assert.Contains("id=\"by-channel\"", page, StringComparison.Ordinal);
        Assert.Contains("<td>FI</td>", TestApp.WithoutCellLabels(page), StringComparison.Ordinal);

        // An administrator, who may see the restricted event, sees it on the same axis: the filter is what hid it.
        var all = await admin.GetStringAsync($"/actions/{action}");
        Assert.Contains("Extradition request (20 June 2000)", all, StringComparison.Ordinal);
    }

    private static async Task<Guid> ClosedAsync(HttpClient client, string code, string kind, string issued, string closed, string outcome)
    {
        var id = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code,
                    kind,
                    title = code,
                }
            )
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/actions/{id}/issue", new { issuedOn = issued })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/actions/{id}/close", new { outcome, date = closed })).StatusCode
        );
        return id;
    }
}
