using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Designations;

/// <summary>Designations through the API: added to a person the writer may see, edited from the version read (409
/// otherwise), refused with the field named, written to history, and written by monitors only.</summary>
public sealed class DesignationsApiTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ADesignation_IsAddedAndWithdrawn_WithItsHistory_AndAStaleVersionIs409(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Sok Yoeun");
        var adhoc = await CreatedAsync(client, "/api/v1/organisations", new { names = new { en = "Adhoc" }, kind = "ngo" });

        var id = await CreatedAsync(
            client,
            $"/api/v1/people/{person}/designations",
            new
            {
                organisationId = adhoc,
                category = "political-prisoner",
                date = "2002-03",
                criteria = "Detained for his political opinions",
            }
        );
        var withdrawn = await client.PutAsJsonAsync(
            $"/api/v1/designations/{id}",
            new
            {
                organisationId = adhoc,
                category = "political-prisoner",
                date = "2002-03",
                criteria = "Detained for his political opinions",
                withdrawnOn = "2005-01-10",
                withdrawalReason = "Released and acquitted",
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var stale = await client.PutAsJsonAsync(
            $"/api/v1/designations/{id}",
            new
            {
                organisationId = adhoc,
                category = "prisoner-of-conscience",
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var conflict = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Equal(2, conflict.RootElement.GetProperty("currentVersion").GetInt32());
        Assert.Contains("withdrawnOn", conflict.RootElement.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));

        await using var db = app.OpenDb();
        var stored = await db.Designations.SingleAsync();
        Assert.Equal(person, stored.PersonId);
        Assert.Equal(adhoc, stored.OrganisationId);
        Assert.Equal("political-prisoner", stored.Category);
        Assert.Equal("2002-03", stored.Date?.ToString());
        Assert.Equal("2005-01-10", stored.WithdrawnOn?.ToString());
        Assert.Equal("Released and acquitted", stored.WithdrawalReason);
        Assert.Equal(2, stored.Version);
        var versions = await db
            .RecordVersions.Where(v => v.RecordType == "designation" && v.RecordId == id)
            .OrderBy(v => v.Version)
            .ToListAsync();
        Assert.Equal(["created", "updated"], versions.Select(v => v.Change));
        Assert.DoesNotContain("Released and acquitted", versions[0].Data);
        Assert.Contains("Released and acquitted", versions[1].Data);
        Assert.All(versions, v => Assert.NotNull(v.ChangedBy));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.RecordType == "designation" && e.RecordId == id));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task BadDesignations_Are400NamingTheField_AndNothingIsWritten(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Rong Chhun");
        var adhoc = await CreatedAsync(client, "/api/v1/organisations", new { names = new { en = "Adhoc" }, kind = "ngo" });
        var path = $"/api/v1/people/{person}/designations";

        await AssertFieldErrorAsync(await client.PostAsJsonAsync(path, new { category = "political-prisoner" }), "organisationId");
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(path, new { organisationId = Guid.NewGuid(), category = "political-prisoner" }),
            "organisationId"
        );
        await AssertFieldErrorAsync(await client.PostAsJsonAsync(path, new { organisationId = adhoc }), "category");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync(path, new { organisationId = adhoc, category = "hero" }), "category");
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                path,
                new
                {
                    organisationId = adhoc,
                    category = "political-prisoner",
                    date = "last spring",
                }
            ),
            "date"
        );
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                path,
                new
                {
                    organisationId = adhoc,
                    category = "political-prisoner",
                    date = "2020",
                    withdrawnOn = "2019-05",
                }
            ),
            "withdrawnOn"
        );
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                path,
                new
                {
                    organisationId = adhoc,
                    category = "political-prisoner",
                    withdrawalReason = "Released",
                }
            ),
            "withdrawnOn"
        );
        var created = await CreatedAsync(client, path, new { organisationId = adhoc, category = "political-prisoner" });
        await AssertFieldErrorAsync(
            await client.PutAsJsonAsync($"/api/v1/designations/{created}", new { organisationId = adhoc, category = "political-prisoner" }),
            "version"
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await client.PostAsJsonAsync(
                    $"/api/v1/people/{Guid.NewGuid()}/designations",
                    new { organisationId = adhoc, category = "political-prisoner" }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await client.PutAsJsonAsync(
                    $"/api/v1/designations/{Guid.NewGuid()}",
                    new
                    {
                        organisationId = adhoc,
                        category = "political-prisoner",
                        version = 1,
                    }
                )
            ).StatusCode
        );

        await using var db = app.OpenDb();
        var stored = await db.Designations.SingleAsync();
        Assert.Equal(created, stored.Id);
        Assert.Equal(1, stored.Version);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AViewer_MayNotWriteDesignations_AndAMonitorCannotDesignateAPersonTheyMayNotSee(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(admin, "Thun Saray");
        var adhoc = await CreatedAsync(admin, "/api/v1/organisations", new { names = new { en = "Adhoc" }, kind = "ngo" });
        var designation = await CreatedAsync(
            admin,
            $"/api/v1/people/{person}/designations",
            new { organisationId = adhoc, category = "prisoner-of-conscience" }
        );
        var restricted = await CreatedAsync(admin, "/api/v1/people", new { name = "Hidden Person", level = "restricted" });
        var restrictedDesignation = await CreatedAsync(
            admin,
            $"/api/v1/people/{restricted}/designations",
            new { organisationId = adhoc, category = "prisoner-of-conscience" }
        );

        var viewer = app.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(Roles.Viewer));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await viewer.PostAsJsonAsync(
                    $"/api/v1/people/{person}/designations",
                    new { organisationId = adhoc, category = "political-prisoner" }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await viewer.PutAsJsonAsync(
                    $"/api/v1/designations/{designation}",
                    new
                    {
                        organisationId = adhoc,
                        category = "political-prisoner",
                        version = 1,
                    }
                )
            ).StatusCode
        );

        var monitor = app.CreateClient();
        monitor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(Roles.Monitor));
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await monitor.PostAsJsonAsync(
                    $"/api/v1/people/{restricted}/designations",
                    new { organisationId = adhoc, category = "political-prisoner" }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await monitor.PutAsJsonAsync(
                    $"/api/v1/designations/{restrictedDesignation}",
                    new
                    {
                        organisationId = adhoc,
                        category = "political-prisoner",
                        version = 1,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await monitor.PutAsJsonAsync(
                    $"/api/v1/designations/{designation}",
                    new
                    {
                        organisationId = adhoc,
                        category = "political-prisoner",
                        version = 1,
                    }
                )
            ).StatusCode
        );

        await using var db = app.OpenDb();
        Assert.Equal(2, await db.Designations.CountAsync());
        Assert.Equal(1, (await db.Designations.SingleAsync(d => d.Id == restrictedDesignation)).Version);
        Assert.Equal("political-prisoner", (await db.Designations.SingleAsync(d => d.Id == designation)).Category);
    }

    internal static async Task<Guid> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(
            response.StatusCode == HttpStatusCode.Created,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
        );
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }

    internal static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }
}
