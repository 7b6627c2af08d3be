using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.People;
using Habeas.Tests.Designations;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Affiliations;

/// <summary>Affiliations through the API: added to a person the writer may see, edited from the version of the person read
/// (409 otherwise), refused with the field named in English, written to the person's history, and written by monitors only.</summary>
public sealed class AffiliationsApiTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnAffiliation_IsAddedAndEdited_AsVersionsOfThePerson_AndAStaleVersionIs409(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Rong Chhun");
        var union = await DesignationsApiTests.CreatedAsync(
            client,
            "/api/v1/organisations",
            new { names = new { en = "Cambodian Confederation of Unions" }, kind = "union" }
        );

        var created = await client.PostAsJsonAsync(
            $"/api/v1/people/{person}/affiliations",
            new
            {
                organisationId = union,
                role = "President",
                from = "2006",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetGuid();
        Assert.Equal(2, body.RootElement.GetProperty("version").GetInt32());

        var ended = await client.PutAsJsonAsync(
            $"/api/v1/people/{person}/affiliations/{id}",
            new
            {
                organisationId = union,
                role = "President",
                from = "2006",
                to = "2020-07-31",
                version = 2,
            }
        );
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var stale = await client.PutAsJsonAsync(
            $"/api/v1/people/{person}/affiliations/{id}",
            new
            {
                organisationId = union,
                role = "Member",
                version = 2,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var conflict = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Equal(3, conflict.RootElement.GetProperty("currentVersion").GetInt32());

        await using var db = app.OpenDb();
        var stored = await db.Affiliations.SingleAsync();
        Assert.Equal((person, union, "President"), (stored.PersonId, stored.OrganisationId, stored.Role));
        Assert.Equal("2006", stored.From?.ToString());
        Assert.Equal("2020-07-31", stored.To?.ToString());
        Assert.Equal(3, (await db.People.SingleAsync(p => p.Id == person)).Version);
        var versions = await db
            .RecordVersions.Where(v => v.RecordType == "person" && v.RecordId == person)
            .OrderBy(v => v.Version)
            .ToListAsync();
        Assert.Equal(["created", "updated", "updated"], versions.Select(v => v.Change));
        Assert.DoesNotContain("President", versions[0].Data);
        Assert.Contains("President", versions[1].Data);
        Assert.DoesNotContain("2020-07-31", versions[1].Data);
        Assert.Contains("2020-07-31", versions[2].Data);
        Assert.Contains("Rong Chhun", versions[2].Data); // the person's whole record, names included
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.RecordType == "person" && e.RecordId == person));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task BadAffiliations_Are400NamingTheFieldInEnglish_AndNothingIsWritten(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Rong Chhun");
        var union = await DesignationsApiTests.CreatedAsync(
            client,
            "/api/v1/organisations",
            new { names = new { en = "CCU" }, kind = "union" }
        );
        var path = $"/api/v1/people/{person}/affiliations";

        await AssertErrorAsync(
            await client.PostAsJsonAsync(path, new { role = "Member" }),
            "organisationId",
            "choose the organisation the person belongs or belonged to"
        );
        await AssertErrorAsync(
            await client.PostAsJsonAsync(path, new { organisationId = Guid.NewGuid() }),
            "organisationId",
            "there is no organisation with id"
        );
        await AssertErrorAsync(
            await client.PostAsJsonAsync(path, new { organisationId = union, from = "last spring" }),
            "from",
            "From: 'last spring' is not a date."
        );
        await AssertErrorAsync(
            await client.PostAsJsonAsync(
                path,
                new
                {
                    organisationId = union,
                    from = "2020",
                    to = "2019-05",
                }
            ),
            "to",
            "an affiliation cannot end before it began"
        );
        await AssertErrorAsync(
            await client.PostAsJsonAsync(path, new { organisationId = union, role = new string('x', AffiliationInput.MaxRoleLength + 1) }),
            "role",
            "Role is too long: at most"
        );
        await AssertErrorAsync(await client.PostAsJsonAsync(path, new { organisationId = union, role = "Mem\u202Eber" }), "role", "Role");
        var created = await DesignationsApiTests.CreatedAsync(client, path, new { organisationId = union, role = "Member" });
        await AssertErrorAsync(
            await client.PutAsJsonAsync($"{path}/{created}", new { organisationId = union, role = "Leader" }),
            "version",
            "Send the version you read"
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await client.PostAsJsonAsync($"/api/v1/people/{Guid.NewGuid()}/affiliations", new { organisationId = union })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await client.PutAsJsonAsync($"{path}/{Guid.NewGuid()}", new { organisationId = union, version = 2 })).StatusCode
        );

        await using var db = app.OpenDb();
        var stored = await db.Affiliations.SingleAsync();
        Assert.Equal((created, "Member"), (stored.Id, stored.Role));
        Assert.Equal(2, (await db.People.SingleAsync(p => p.Id == person)).Version);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AViewer_MayNotWriteAffiliations_AndAMonitorCannotTouchAPersonTheyMayNotSee(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(admin, "Thun Saray");
        var adhoc = await DesignationsApiTests.CreatedAsync(
            admin,
            "/api/v1/organisations",
            new { names = new { en = "Adhoc" }, kind = "ngo" }
        );
        var restricted = await DesignationsApiTests.CreatedAsync(
            admin,
            "/api/v1/people",
            new { name = "Hidden Person", level = "restricted" }
        );
        var hidden = await DesignationsApiTests.CreatedAsync(
            admin,
            $"/api/v1/people/{restricted}/affiliations",
            new { organisationId = adhoc, role = "Staff" }
        );

        var viewer = app.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(Roles.Viewer));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await viewer.PostAsJsonAsync($"/api/v1/people/{person}/affiliations", new { organisationId = adhoc })).StatusCode
        );
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await monitor.PostAsJsonAsync($"/api/v1/people/{restricted}/affiliations", new { organisationId = adhoc })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await monitor.PutAsJsonAsync(
                    $"/api/v1/people/{restricted}/affiliations/{hidden}",
                    new
                    {
                        organisationId = adhoc,
                        role = "Changed",
                        version = 2,
                    }
                )
            ).StatusCode
        );

        await using var db = app.OpenDb();
        Assert.Equal("Staff", (await db.Affiliations.IgnoreQueryFilters().SingleAsync()).Role);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string field, string words)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {body}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(words, StringComparison.Ordinal));
    }
}
