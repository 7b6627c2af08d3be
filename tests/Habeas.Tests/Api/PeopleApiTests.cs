using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Habeas.Host.Demo;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Api;

public sealed class PeopleApiTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Post_WithOnlyOneName_Creates201_AndDetectsTheScript(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/people", new { names = new[] { new { text = "សុខ យឿន" } } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<TestApp.Created>();
        Assert.Equal($"/api/v1/people/{created!.Id}", response.Headers.Location?.OriginalString);
        using var person = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/people/{created.Id}"));
        var name = person.RootElement.GetProperty("names")[0];
        Assert.Equal("សុខ យឿន", name.GetProperty("text").GetString());
        Assert.Equal("Khmr", name.GetProperty("script").GetString());
        Assert.Equal("primary", name.GetProperty("kind").GetString());
        Assert.Equal("free", person.RootElement.GetProperty("custodyStatus").GetString());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Post_WithoutAName_Is400NamingTheField_AndWritesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/people", new { occupation = "Monk", birthDate = "1972" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("name", out _));
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.RecordVersions.CountAsync(v => v.RecordType == "person"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Post_WithAnImpossibleDate_Is400ExplainingTheDate(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/people", new { name = "Ny Chakrya", birthDate = "1975-02-30" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty("birthDate")[0].GetString();
        Assert.Contains("Date of birth: '1975-02-30' is not a date: February 1975 has 28 days.", message);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Post_MalformedOrMistypedJson_Is400NamingTheField_Never500(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var broken = await client.PostAsync("/api/v1/people", new StringContent("{\"name\": \"Sok", Encoding.UTF8, "application/json"));
        var mistyped = await client.PostAsync(
            "/api/v1/people",
            new StringContent("{\"name\": \"Sok Yoeun\", \"reportedAge\": \"fifty\"}", Encoding.UTF8, "application/json")
        );
        var unknown = await client.PostAsync(
            "/api/v1/people",
            new StringContent("{\"name\": \"Sok Yoeun\", \"passport\": \"X1\"}", Encoding.UTF8, "application/json")
        );

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        using var problem = JsonDocument.Parse(await mistyped.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("reportedAge", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("passport", await unknown.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.People.CountAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task List_FindsAPersonFromAnySpellingHeld_AndAlwaysReturnsTotal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();

        foreach (var q in new[] { "yeun", "Sok Yoeurn", "សុខ យឿន", "SOK YOEUN" })
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/people?q={Uri.EscapeDataString(q)}"));
            Assert.Equal(1, page.RootElement.GetProperty("total").GetInt32());
            var item = page.RootElement.GetProperty("items")[0];
            Assert.Equal(DemoData.SokYoeunId, item.GetProperty("id").GetGuid());
            Assert.Equal("Sok Yoeun", item.GetProperty("displayName").GetString());
            Assert.Equal("exile", item.GetProperty("custodyStatus").GetString());
        }
        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/v1/people?limit=2&offset=1"));
        Assert.Equal(9, all.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, all.RootElement.GetProperty("items").GetArrayLength());
        var badLimit = await client.GetAsync("/api/v1/people?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("limit", await badLimit.Content.ReadAsStringAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task SokYoeun_IsInAdministrativeDetentionIn2003_AndInExileAfterRelease(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();

        using var person = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/people/{DemoData.SokYoeunId}"));
        var custody = person
            .RootElement.GetProperty("custody")
            .EnumerateArray()
            .Select(c =>
                (
                    Status: c.GetProperty("status").GetString(),
                    From: c.GetProperty("from").GetString(),
                    To: c.TryGetProperty("to", out var to) ? to.GetString() : null
                )
            )
            .ToList();
        Assert.Contains(("administrative-detention", "2000-06", "2004-02-26"), custody);
        Assert.Equal("exile", custody[^1].Status);
        Assert.Equal("2004-02-27", custody[^1].From);

        using var detained2003 = JsonDocument.Parse(await client.GetStringAsync("/api/v1/statistics/detained?on=2003-01-01"));
        Assert.Equal("2003-01-01", detained2003.RootElement.GetProperty("on").GetString());
        Assert.Equal(1, detained2003.RootElement.GetProperty("count").GetInt32());
        using var detained2004 = JsonDocument.Parse(await client.GetStringAsync("/api/v1/statistics/detained?on=2004-03-01"));
        Assert.Equal(0, detained2004.RootElement.GetProperty("count").GetInt32());
        using var held = JsonDocument.Parse(await client.GetStringAsync("/api/v1/people?status=administrative-detention&on=2003-01-01"));
        Assert.Equal(
            DemoData.SokYoeunId,
            Assert.Single(held.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid()
        );

        var badDay = await client.GetAsync("/api/v1/statistics/detained?on=2003-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnArrestRecordedByApi_ChangesTheDerivedStatusAtOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Yi Soksan");

        var arrest = await client.PostAsJsonAsync(
            "/api/v1/events",
            new
            {
                type = "arrest",
                date = "2016-04-28",
                personIds = new[] { id },
            }
        );
        Assert.Equal(HttpStatusCode.Created, arrest.StatusCode);

        using var onDay = JsonDocument.Parse(await client.GetStringAsync("/api/v1/statistics/detained?on=2016-05-01"));
        Assert.Equal(1, onDay.RootElement.GetProperty("count").GetInt32());
        using var person = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/people/{id}"));
        var first = person.RootElement.GetProperty("custody")[0];
        Assert.Equal("police-custody", first.GetProperty("status").GetString());
        Assert.Equal("2016-04-28", first.GetProperty("from").GetString());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task UnknownPerson_Is404Problem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var response = await app.CreateClient().GetAsync($"/api/v1/people/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
