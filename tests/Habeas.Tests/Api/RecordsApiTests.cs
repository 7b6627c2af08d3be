using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Host.Demo;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Api;

public sealed class RecordsApiTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ACase_NeedsOnlyATitle_AndTakesChargesEventsAndCitations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Rong Chhun");

        var caseId = await CreatedId(await client.PostAsJsonAsync("/api/v1/cases", new { title = "Rong Chhun: incitement" }));
        var withPeople = await client.PutAsJsonAsync(
            $"/api/v1/cases/{caseId}",
            new
            {
                title = "Rong Chhun: incitement",
                people = new[] { new { personId = person, role = "defendant" } },
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.OK, withPeople.StatusCode);
        var charge = await client.PostAsJsonAsync(
            $"/api/v1/cases/{caseId}/charges",
            new
            {
                provisionCode = "Criminal Code of the Kingdom of Cambodia (2009)",
                provisionArticle = "495",
                description = "Incitement",
                personId = person,
            }
        );
        Assert.Equal(HttpStatusCode.Created, charge.StatusCode);
        var arrest = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2020-07-31",
                    caseId,
                }
            )
        );
        var source = await CreatedId(await client.PostAsJsonAsync("/api/v1/sources", new { title = "CamboJA, July 2021" }));
        var citation = await client.PostAsJsonAsync(
            "/api/v1/citations",
            new
            {
                sourceId = source,
                targetType = "event",
                targetId = arrest,
                quote = "arrested",
            }
        );
        Assert.Equal(HttpStatusCode.Created, citation.StatusCode);

        using var file = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{caseId}"));
        Assert.Equal("Incitement", file.RootElement.GetProperty("charges")[0].GetProperty("description").GetString());
        Assert.Equal(
            "Criminal Code of the Kingdom of Cambodia (2009), Art. 495",
            file.RootElement.GetProperty("charges")[0].GetProperty("provision").GetString()
        );
        Assert.Equal(arrest, file.RootElement.GetProperty("events")[0].GetProperty("id").GetGuid());
        using var arrestBody = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/events/{arrest}"));
        Assert.Equal(person, arrestBody.RootElement.GetProperty("personIds")[0].GetGuid());
        using var cited = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/citations?targetType=event&targetId={arrest}"));
        Assert.Equal(source, cited.RootElement.GetProperty("items")[0].GetProperty("sourceId").GetGuid());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task BadRecords_Are400NamingTheField_AndNothingIsWritten(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var noTitle = await client.PostAsJsonAsync("/api/v1/cases", new { courtCaseNumber = "123" });
        var badUrl = await client.PostAsJsonAsync("/api/v1/sources", new { title = "Report", url = "javascript:alert(1)" });
        var badType = await client.PostAsJsonAsync(
            "/api/v1/events",
            new
            {
                type = "picnic",
                date = "2020",
                personIds = new[] { Guid.NewGuid() },
            }
        );
        var badCitation = await client.PostAsJsonAsync(
            "/api/v1/citations",
            new
            {
                sourceId = Guid.NewGuid(),
                targetType = "event",
                targetId = Guid.NewGuid(),
            }
        );

        await AssertFieldError(noTitle, "title");
        await AssertFieldError(badUrl, "url");
        await AssertFieldError(badType, "type");
        await AssertFieldError(badType, "personIds[0]");
        await AssertFieldError(badCitation, "sourceId");
        await using var db = app.OpenDb();
        Assert.Equal(
            0,
            await db.Cases.CountAsync() + await db.Sources.CountAsync() + await db.Events.CountAsync() + await db.Citations.CountAsync()
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Lists_TakeQLimitOffset_AndReturnTotal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();

        using var cases = JsonDocument.Parse(await client.GetStringAsync("/api/v1/cases?q=adhoc&limit=10&offset=0"));
        Assert.Equal(1, cases.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(DemoData.AdhocFiveCaseId, cases.RootElement.GetProperty("items")[0].GetProperty("id").GetGuid());
        // The seed story and the Further Information of 28 November 2003.
        using var sources = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sources?q=amnesty"));
        Assert.Equal(2, sources.RootElement.GetProperty("total").GetInt32());
        using var events = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/events?personId={DemoData.SokYoeunId}&limit=2"));
        Assert.Equal(10, events.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, events.RootElement.GetProperty("items").GetArrayLength());
        using var finland = JsonDocument.Parse(await client.GetStringAsync("/api/v1/events?q=finland"));
        Assert.Equal("exile", finland.RootElement.GetProperty("items")[0].GetProperty("type").GetString());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheAdhocFiveCase_IsOnAppeal_WithSuspendedSentences(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();

        using var file = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{DemoData.AdhocFiveCaseId}"));
        Assert.Equal("appeal", file.RootElement.GetProperty("stage").GetString());
        Assert.Equal(5, file.RootElement.GetProperty("people").GetArrayLength());
        using var sokha = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/people/{DemoData.NySokhaId}"));
        Assert.Equal("suspended-sentence", sokha.RootElement.GetProperty("custodyStatus").GetString());
        var days = sokha.RootElement.GetProperty("daysDetained");
        Assert.InRange(days.GetProperty("estimate").GetInt32(), 395, 460);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task HealthAndOpenApi_Answer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        using var openApi = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));
        var paths = openApi.RootElement.GetProperty("paths");
        foreach (
            var path in new[]
            {
                "/api/v1/people",
                "/api/v1/people/{id}",
                "/api/v1/cases",
                "/api/v1/events",
                "/api/v1/sources",
                "/api/v1/statistics/detained",
            }
        )
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        }
    }

    private static async Task<Guid> CreatedId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }

    private static async Task AssertFieldError(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(
            problem.RootElement.GetProperty("errors").TryGetProperty(field, out _),
            $"no error for '{field}' in {problem.RootElement}"
        );
    }
}
