using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Host.Demo;
using Habeas.Platform.Accounts;
using Habeas.Records.Cases;
using Habeas.Records.Places;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Search;

public sealed class SearchTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task SearchPeople_FindsSokYoeun_FromEverySpellingAndScript_BestFirst_WithTheNameThatMatched(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();

        foreach (var query in new[] { "Sok Yoeun", "Sok Yeun", "Sok Yoeurn", "សុខ យឿន", "Yoeun Sok", "sok yoeun", "Mr Sok Yoeun" })
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/search/people?q={Uri.EscapeDataString(query)}&limit=5");
            var first = result.GetProperty("items")[0];
            Assert.Equal(DemoData.SokYoeunId, first.GetProperty("id").GetGuid());
            Assert.Equal("Sok Yoeun", first.GetProperty("displayName").GetString());
            Assert.InRange(first.GetProperty("score").GetInt32(), 80, 100);
        }
        var alias = (await client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Sok%20Yoeurn")).GetProperty("items")[0];
        Assert.Equal("Sok Yoeurn", alias.GetProperty("matchedName").GetString());
        Assert.Equal(100, alias.GetProperty("score").GetInt32());
        var scores = (await client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Sokha&limit=10"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(i => i.GetProperty("score").GetInt32())
            .ToList();
        Assert.True(scores.Count >= 1);
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task APersonAddedOrRenamed_IsFindableByTheNextSearch(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        Assert.Empty(
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Meach%20Sovannara")).GetProperty("items").EnumerateArray()
        );

        var created = await client.PostAsJsonAsync("/api/v1/people", new { name = "Meach Sovannara" });
        var id = (await created.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Meach%20Sovanara");
        Assert.Equal(id, found.GetProperty("items")[0].GetProperty("id").GetGuid());

        Assert.Equal(
            HttpStatusCode.OK,
            (
                await client.PutAsJsonAsync($"/api/v1/people/{id}", new { names = new[] { new { text = "Tep Vanny" } }, version = 1 })
            ).StatusCode
        );
        Assert.Equal(
            id,
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Tep%20Vanny"))
                .GetProperty("items")[0]
                .GetProperty("id")
                .GetGuid()
        );
        Assert.Empty(
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Meach%20Sovannara")).GetProperty("items").EnumerateArray()
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARestrictedPerson_AndConfidentialValues_AreNeverFound_Counted_OrQuoted_ForOthers(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.AccountAsync(Roles.Monitor, confidential: true);
        var other = await app.AccountAsync(Roles.Monitor);
        var created = await owner.Client.PostAsJsonAsync(
            "/api/v1/people",
            new
            {
                name = "Chhim Sithar",
                occupation = "Unionist",
                level = "restricted",
            }
        );
        var id = (await created.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        var visible = await owner.Client.PostAsJsonAsync("/api/v1/people", new { name = "Sithar Unionist Visible" });
        Assert.Equal(HttpStatusCode.Created, visible.StatusCode);
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await owner.Client.PutAsJsonAsync(
                    $"/api/v1/people/{id}/confidential",
                    new { fields = new Dictionary<string, string> { ["health"] = "Canarydiabetes" }, version = 0 }
                )
            ).StatusCode
        );
        var restrictedEvent = await owner.Client.PostAsJsonAsync(
            "/api/v1/events",
            new
            {
                type = "arrest",
                date = "2022-01-04",
                personIds = new[] { id },
                description = new { en = "Arrested at the Naga casino picket" },
                level = "restricted",
            }
        );
        Assert.Equal(HttpStatusCode.Created, restrictedEvent.StatusCode);

        // The owner finds the person by name and by text, and the event.
        Assert.Equal(
            id,
            (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Chhim%20Sithar"))
                .GetProperty("items")[0]
                .GetProperty("id")
                .GetGuid()
        );
        var mine = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=Naga%20casino");
        Assert.Equal(1, mine.GetProperty("counts").GetProperty("event").GetInt32());

        // Someone else: not in any result, count or snippet.
        var byName = await other.Client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Chhim%20Sithar");
        Assert.DoesNotContain(byName.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        foreach (var q in new[] { "Chhim", "Sithar", "Naga casino", "unionist" })
        {
            var response = await other.Client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(q)}");
            var body = response.GetProperty("items").GetRawText();
            Assert.DoesNotContain("Chhim", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Naga", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString(), body, StringComparison.OrdinalIgnoreCase);
        }
        var counts = (await other.Client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=Naga%20casino")).GetProperty("counts");
        Assert.Equal(0, counts.GetProperty("event").GetInt32());
        Assert.Equal(0, counts.GetProperty("person").GetInt32());
        var page = await other.Client.GetStringAsync("/search?q=Sithar");
        Assert.Contains("Sithar Unionist Visible", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Chhim", page, StringComparison.Ordinal);

        // A confidential value is never searchable, even for its holder.
        foreach (var client in new[] { owner.Client, other.Client })
        {
            var confidential = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=Canarydiabetes");
            Assert.All(confidential.GetProperty("counts").EnumerateObject(), c => Assert.Equal(0, c.Value.GetInt32()));
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task KhmerAndThaiText_IsCutIntoWords_AndDiacriticsAndCaseAreFolded(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var person = await CreatedId(
            await client.PostAsJsonAsync("/api/v1/people", new { name = "Nguyễn Văn Đài", occupation = "Luật sư" })
        );
        var khmer = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2002-02-26",
                    personIds = new[] { person },
                    description = new { km = "ការចាប់ខ្លួនសុខយឿននៅបាងកក" },
                }
            )
        );
        var thai = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "transfer",
                    date = "2002-03-01",
                    personIds = new[] { person },
                    description = new { th = "ถูกควบคุมตัวที่กรุงเทพมหานคร" },
                }
            )
        );

        Assert.Equal(khmer, await OnlyEventAsync(client, "បាងកក"));
        Assert.Equal(khmer, await OnlyEventAsync(client, "ចាប់ខ្លួន"));
        Assert.Equal(thai, await OnlyEventAsync(client, "กรุงเทพ"));
        Assert.Equal(thai, await OnlyEventAsync(client, "ควบคุม"));
        var folded = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=NGUYEN%20van&type=person");
        Assert.Equal(person, folded.GetProperty("items")[0].GetProperty("id").GetGuid());

        var page = await client.GetStringAsync($"/search?q={Uri.EscapeDataString("បាងកក")}");
        Assert.Contains("<mark>បាងកក</mark>", page, StringComparison.Ordinal);
        var latin = await client.GetStringAsync("/search?q=LUAT");
        Assert.Contains("<mark>Luật</mark> sư", latin, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Filters_NarrowEachKindOfRecord(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var country = new Habeas.Records.Places.Place
        {
            Kind = "country",
            Names = Habeas.Platform.Shared.LocalizedText.Of("en", "Cambodia"),
        };
        var province = new Habeas.Records.Places.Place
        {
            Kind = "province",
            Names = Habeas.Platform.Shared.LocalizedText.Of("en", "Koh Kong"),
            ParentId = country.Id,
        };
        await using (var db = app.OpenDb())
        {
            db.Places.AddRange(country, province);
            await db.SaveChangesAsync();
        }
        var detained = await CreatedId(
            await client.PostAsJsonAsync("/api/v1/people", new { name = "Theary Seng", tags = new[] { "human-rights-defender" } })
        );
        var free = await CreatedId(await client.PostAsJsonAsync("/api/v1/people", new { name = "Theary Chan" }));
        var caseId = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/cases",
                new { title = "Theary Seng: incitement", people = new[] { new { personId = detained, role = "defendant" } } }
            )
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await client.PostAsJsonAsync(
                    $"/api/v1/cases/{caseId}/charges",
                    new
                    {
                        provisionCode = "Criminal Code of the Kingdom of Cambodia (2009)",
                        provisionArticle = "495",
                        description = "Incitement",
                        personId = detained,
                    }
                )
            ).StatusCode
        );
        await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2022-06-14",
                    caseId,
                    placeId = province.Id,
                    personIds = new[] { detained },
                    description = new { en = "Theary arrested" },
                }
            )
        );
        await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2019-01-01",
                    personIds = new[] { free },
                    description = new { en = "Theary Chan questioned" },
                }
            )
        );
        await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "release",
                    date = "2019-01-02",
                    personIds = new[] { free },
                }
            )
        );
        Guid provision;
        await using (var db = app.OpenDb())
        {
            provision = db.LegalProvisions.Single().Id;
        }

        var byStatus = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=Theary&status=police-custody&on=2023-01-01");
        Assert.Equal(1, byStatus.GetProperty("counts").GetProperty("person").GetInt32());
        Assert.Equal(detained, byStatus.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(0, byStatus.GetProperty("counts").GetProperty("source").GetInt32());
        var byTag = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=Theary&tag=human-rights-defender&type=person");
        Assert.Equal(detained, Assert.Single(byTag.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var byPeriod = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=Theary&from=2018-12-01&to=2019-12-31&type=event");
        Assert.Equal(1, byPeriod.GetProperty("counts").GetProperty("event").GetInt32());
        var byCharge = await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q=Theary&charge={provision}");
        Assert.Equal(1, byCharge.GetProperty("counts").GetProperty("case").GetInt32());
        Assert.Equal(1, byCharge.GetProperty("counts").GetProperty("person").GetInt32());
        Assert.Equal(1, byCharge.GetProperty("counts").GetProperty("event").GetInt32());
        // A country takes in the places within it.
        var byPlace = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q=Theary&place={country.Id}")).GetProperty("counts");
        Assert.Equal(1, byPlace.GetProperty("event").GetInt32());
        Assert.Equal(1, byPlace.GetProperty("person").GetInt32());
        Assert.Equal(1, byPlace.GetProperty("case").GetInt32());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task BadSearches_Are400_NamingTheParameter(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        foreach (
            var (path, field) in new[]
            {
                ("/api/v1/search/people", "q"),
                ("/api/v1/search/people?q=Sok&limit=0", "limit"),
                ("/api/v1/search", "q"),
                ("/api/v1/search?q=Sok&type=campaign", "type"),
                ("/api/v1/search?q=Sok&status=jailed", "status"),
                ("/api/v1/search?q=Sok&from=2020-02-01&to=2020-01-01", "to"),
            }
        )
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{path}: no error for {field}");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/v1/search/people?q=Sok")).StatusCode);
    }

    private static async Task<Guid> OnlyEventAsync(HttpClient client, string q)
    {
        var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(q)}&type=event");
        return Assert.Single(result.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> CreatedId(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }
}
