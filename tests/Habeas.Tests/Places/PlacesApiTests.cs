using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Organisations;
using Habeas.Records.Places;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Places;

/// <summary>Places and organisations through the API: made, read, edited from the version read (409 otherwise), refused
/// with the field named, listed at most 50 at a time, written to history, and written by monitors only.</summary>
public sealed class PlacesApiTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task APlace_IsMadeReadAndEdited_WithItsHistory_AndAStaleVersionIs409(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var country = await CreatedAsync(
            client,
            "/api/v1/places",
            new { names = new { en = "Cambodia", km = "កម្ពុជា" }, kind = "country" }
        );
        var province = await CreatedAsync(
            client,
            "/api/v1/places",
            new
            {
                names = new { en = "Kampong Spue" },
                kind = "province",
                parentId = country,
            }
        );

        var edit = await client.PutAsJsonAsync(
            $"/api/v1/places/{province}",
            new
            {
                names = new { en = "Kampong Speu", km = "កំពង់ស្ពឺ" },
                kind = "province",
                parentId = country,
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var stale = await client.PutAsJsonAsync(
            $"/api/v1/places/{province}",
            new
            {
                names = new { en = "Kompong Speu" },
                kind = "province",
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var conflict = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Equal(2, conflict.RootElement.GetProperty("currentVersion").GetInt32());
        Assert.Contains("names", conflict.RootElement.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));

        using var read = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/places/{province}"));
        Assert.Equal("កំពង់ស្ពឺ", read.RootElement.GetProperty("names").GetProperty("km").GetString());
        Assert.Equal("Kampong Speu", read.RootElement.GetProperty("names").GetProperty("en").GetString());
        Assert.Equal(country, read.RootElement.GetProperty("parentId").GetGuid());
        Assert.Equal(2, read.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/places/{Guid.NewGuid()}")).StatusCode);

        await using var db = app.OpenDb();
        var versions = await db
            .RecordVersions.Where(v => v.RecordType == "place" && v.RecordId == province)
            .OrderBy(v => v.Version)
            .ToListAsync();
        Assert.Equal(["created", "updated"], versions.Select(v => v.Change));
        Assert.Contains("Kampong Spue", versions[0].Data);
        Assert.Contains("Kampong Speu", versions[1].Data);
        Assert.All(versions, v => Assert.NotNull(v.ChangedBy));
        Assert.Equal("Kampong Speu", (await db.Places.SingleAsync(p => p.Id == province)).Names["en"]);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task BadPlaces_Are400NamingTheField_ACycleIsRefused_AndNothingIsWritten(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var country = await CreatedAsync(client, "/api/v1/places", new { names = new { en = "Cambodia" }, kind = "country" });
        var province = await CreatedAsync(
            client,
            "/api/v1/places",
            new
            {
                names = new { en = "Kampong Speu" },
                kind = "province",
                parentId = country,
            }
        );
        var district = await CreatedAsync(
            client,
            "/api/v1/places",
            new
            {
                names = new { en = "Oudong" },
                kind = "district",
                parentId = province,
            }
        );

        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync("/api/v1/places", new { names = new { en = "Moon" }, kind = "planet" }),
            "kind"
        );
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/places", new { names = new { en = "Moon" } }), "kind");
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync("/api/v1/places", new { names = new { en = "  " }, kind = "city" }),
            "names"
        );
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/places", new { kind = "city" }), "names");
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                "/api/v1/places",
                new
                {
                    names = new { en = "Nowhere" },
                    kind = "city",
                    parentId = Guid.NewGuid(),
                }
            ),
            "parentId"
        );
        // The country put inside its own district, and a place inside itself.
        await AssertFieldErrorAsync(
            await client.PutAsJsonAsync(
                $"/api/v1/places/{country}",
                new
                {
                    names = new { en = "Cambodia" },
                    kind = "country",
                    parentId = district,
                    version = 1,
                }
            ),
            "parentId"
        );
        await AssertFieldErrorAsync(
            await client.PutAsJsonAsync(
                $"/api/v1/places/{province}",
                new
                {
                    names = new { en = "Kampong Speu" },
                    kind = "province",
                    parentId = province,
                    version = 1,
                }
            ),
            "parentId"
        );
        await AssertFieldErrorAsync(
            await client.PutAsJsonAsync($"/api/v1/places/{province}", new { names = new { en = "Kampong Speu" }, kind = "province" }),
            "version"
        );

        await using var db = app.OpenDb();
        Assert.Equal(3, await db.Places.CountAsync());
        Assert.Null((await db.Places.SingleAsync(p => p.Id == country)).ParentId);
        Assert.Equal(country, (await db.Places.SingleAsync(p => p.Id == province)).ParentId);
        Assert.Equal(3, await db.RecordVersions.CountAsync(v => v.RecordType == "place"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnOrganisation_IsMadeAndEdited_WithItsPlace_AndRefusedWithTheFieldNamed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var province = await CreatedAsync(client, "/api/v1/places", new { names = new { en = "Kampong Speu" }, kind = "province" });
        var court = await CreatedAsync(
            client,
            "/api/v1/organisations",
            new
            {
                names = new { en = "Kampong Speu Provincial Court", km = "សាលាដំបូងខេត្តកំពង់ស្ពឺ" },
                kind = "court",
                countryId = province,
            }
        );
        var edit = await client.PutAsJsonAsync(
            $"/api/v1/organisations/{court}",
            new
            {
                names = new { en = "Kampong Speu Provincial Court", km = "សាលាដំបូងខេត្តកំពង់ស្ពឺ" },
                kind = "court",
                acronym = "KSPC",
                countryId = province,
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var stale = await client.PutAsJsonAsync(
            $"/api/v1/organisations/{court}",
            new
            {
                names = new { en = "Court" },
                kind = "court",
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var read = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/organisations/{court}"));
        Assert.Equal("KSPC", read.RootElement.GetProperty("acronym").GetString());
        Assert.Equal(province, read.RootElement.GetProperty("countryId").GetGuid());
        Assert.Equal("សាលាដំបូងខេត្តកំពង់ស្ពឺ", read.RootElement.GetProperty("names").GetProperty("km").GetString());

        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync("/api/v1/organisations", new { names = new { en = "Ministry of Magic" }, kind = "wizards" }),
            "kind"
        );
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/organisations", new { kind = "court" }), "names");
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                "/api/v1/organisations",
                new
                {
                    names = new { en = "Somewhere court" },
                    kind = "court",
                    countryId = Guid.NewGuid(),
                }
            ),
            "countryId"
        );
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                "/api/v1/organisations",
                new
                {
                    names = new { en = "Long" },
                    kind = "ngo",
                    acronym = new string('A', 31),
                }
            ),
            "acronym"
        );

        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Organisations.CountAsync());
        Assert.Equal(
            [1, 2],
            await db
                .RecordVersions.Where(v => v.RecordType == "organisation" && v.RecordId == court)
                .Select(v => v.Version)
                .OrderBy(v => v)
                .ToListAsync()
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Lists_FindByNameInAnyScript_AtMost50APage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        await using (var db = app.OpenDb())
        {
            for (var i = 1; i <= 55; i++)
            {
                db.Places.Add(
                    new Place
                    {
                        Kind = "commune",
                        Names = new() { ["en"] = $"Sangkat {i:00}", ["km"] = $"សង្កាត់ {i:00}" },
                    }
                );
            }
            db.Places.Add(
                new Place
                {
                    Kind = "province",
                    Names = new() { ["en"] = "Kampong Speu", ["km"] = "កំពង់ស្ពឺ" },
                }
            );
            db.Organisations.Add(
                new Organisation
                {
                    Kind = "ngo",
                    Acronym = "ADHOC",
                    Names = new() { ["en"] = "Cambodian Human Rights and Development Association" },
                }
            );
            await db.SaveChangesAsync();
        }

        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/v1/places"));
        Assert.Equal(56, all.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(50, all.RootElement.GetProperty("items").GetArrayLength());
        using var rest = JsonDocument.Parse(await client.GetStringAsync("/api/v1/places?q=sangkat&offset=50"));
        Assert.Equal(55, rest.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(5, rest.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal("Sangkat 51", rest.RootElement.GetProperty("items")[0].GetProperty("names").GetProperty("en").GetString());
        using var khmer = JsonDocument.Parse(await client.GetStringAsync("/api/v1/places?q=" + Uri.EscapeDataString("ស្ពឺ")));
        Assert.Equal(
            "Kampong Speu",
            Assert.Single(khmer.RootElement.GetProperty("items").EnumerateArray()).GetProperty("names").GetProperty("en").GetString()
        );
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/places?limit=51")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/organisations?limit=500")).StatusCode);
        using var byAcronym = JsonDocument.Parse(await client.GetStringAsync("/api/v1/organisations?q=adhoc"));
        Assert.Equal(1, byAcronym.RootElement.GetProperty("total").GetInt32());
        using var none = JsonDocument.Parse(await client.GetStringAsync("/api/v1/organisations?q=amnesty"));
        Assert.Equal(0, none.RootElement.GetProperty("total").GetInt32());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AViewer_ReadsPlacesAndOrganisations_ButMayNotWriteThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var monitor = app.CreateClient();
        var place = await CreatedAsync(monitor, "/api/v1/places", new { names = new { en = "Kampong Speu" }, kind = "province" });
        var organisation = await CreatedAsync(monitor, "/api/v1/organisations", new { names = new { en = "Adhoc" }, kind = "ngo" });
        var viewer = app.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(Roles.Viewer));

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/places/{place}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/organisations/{organisation}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/places?q=kampong")).StatusCode);
        var refused = new[]
        {
            await viewer.PostAsJsonAsync("/api/v1/places", new { names = new { en = "Oudong" }, kind = "district" }),
            await viewer.PutAsJsonAsync(
                $"/api/v1/places/{place}",
                new
                {
                    names = new { en = "Renamed" },
                    kind = "province",
                    version = 1,
                }
            ),
            await viewer.PostAsJsonAsync("/api/v1/organisations", new { names = new { en = "Court" }, kind = "court" }),
            await viewer.PutAsJsonAsync(
                $"/api/v1/organisations/{organisation}",
                new
                {
                    names = new { en = "Renamed" },
                    kind = "ngo",
                    version = 1,
                }
            ),
        };
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));

        await using var db = app.OpenDb();
        Assert.Equal("Kampong Speu", (await db.Places.SingleAsync()).Names["en"]);
        Assert.Equal("Adhoc", (await db.Organisations.SingleAsync()).Names["en"]);
        Assert.Equal(2, await db.RecordVersions.CountAsync(v => v.RecordType == "place" || v.RecordType == "organisation"));
    }

    internal static async Task<Guid> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }
}
