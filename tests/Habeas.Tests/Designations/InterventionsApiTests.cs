using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Cases;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Habeas.Tests.Designations.DesignationsApiTests;

namespace Habeas.Tests.Designations;

/// <summary>Interventions in a case through the API: added to a case the writer may see, edited from the version read
/// (409 otherwise), refused with the field named, written to history, and written by monitors only.</summary>
public sealed class InterventionsApiTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnIntervention_IsAddedAndEnded_WithItsHistory_AndAStaleVersionIs409(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var caseId = await CreatedAsync(client, "/api/v1/cases", new { title = "Prosecution of Rong Chhun" });
        var adhoc = await CreatedAsync(client, "/api/v1/organisations", new { names = new { en = "Adhoc" }, kind = "ngo" });

        var id = await CreatedAsync(
            client,
            $"/api/v1/cases/{caseId}/interventions",
            new
            {
                kind = "legal-aid",
                organisationId = adhoc,
                lawyer = "Sam Sokong",
                startDate = "2020-08",
            }
        );
        var ended = await client.PutAsJsonAsync(
            $"/api/v1/interventions/{id}",
            new
            {
                kind = "legal-aid",
                organisationId = adhoc,
                lawyer = "Sam Sokong",
                startDate = "2020-08",
                endDate = "2021-11-11",
                outcome = "Released on bail",
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var stale = await client.PutAsJsonAsync(
            $"/api/v1/interventions/{id}",
            new
            {
                kind = "mediation",
                organisationId = adhoc,
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var conflict = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Equal(2, conflict.RootElement.GetProperty("currentVersion").GetInt32());
        Assert.Contains("outcome", conflict.RootElement.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));

        await using var db = app.OpenDb();
        var stored = await db.Interventions.SingleAsync();
        Assert.Equal(caseId, stored.CaseId);
        Assert.Equal(adhoc, stored.OrganisationId);
        Assert.Equal("legal-aid", stored.Kind);
        Assert.Equal("Sam Sokong", stored.Lawyer);
        Assert.Equal("2020-08", stored.From?.ToString());
        Assert.Equal("2021-11-11", stored.To?.ToString());
        Assert.Equal("completed", stored.Status); // an end date and no status given
        Assert.Equal("Released on bail", stored.Outcome);
        var versions = await db
            .RecordVersions.Where(v => v.RecordType == "intervention" && v.RecordId == id)
            .OrderBy(v => v.Version)
            .ToListAsync();
        Assert.Equal(["created", "updated"], versions.Select(v => v.Change));
        Assert.Contains("Sam Sokong", versions[0].Data);
        Assert.DoesNotContain("Released on bail", versions[0].Data);
        Assert.Contains("Released on bail", versions[1].Data);
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.RecordType == "intervention" && e.RecordId == id));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task BadInterventions_Are400NamingTheField_AndNothingIsWritten(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var caseId = await CreatedAsync(client, "/api/v1/cases", new { title = "A case" });
        var adhoc = await CreatedAsync(client, "/api/v1/organisations", new { names = new { en = "Adhoc" }, kind = "ngo" });
        var path = $"/api/v1/cases/{caseId}/interventions";

        await AssertFieldErrorAsync(await client.PostAsJsonAsync(path, new { organisationId = adhoc }), "kind");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync(path, new { kind = "magic", organisationId = adhoc }), "kind");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync(path, new { kind = "mediation" }), "organisationId");
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(path, new { kind = "mediation", organisationId = Guid.NewGuid() }),
            "organisationId"
        );
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                path,
                new
                {
                    kind = "mediation",
                    organisationId = adhoc,
                    status = "imagined",
                }
            ),
            "status"
        );
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                path,
                new
                {
                    kind = "prison-visit",
                    organisationId = adhoc,
                    startDate = "2021",
                    endDate = "2020",
                }
            ),
            "endDate"
        );
        await AssertFieldErrorAsync(await client.PostAsJsonAsync(path, new { kind = "prison-visit", lawyer = "Two\nlines" }), "lawyer");
        await AssertFieldErrorAsync(
            await client.PostAsJsonAsync(
                path,
                new
                {
                    kind = "prison-visit",
                    organisationId = adhoc,
                    startDate = "soon",
                }
            ),
            "startDate"
        );
        var created = await CreatedAsync(client, path, new { kind = "legal-aid", lawyer = "Sam Sokong" });
        await AssertFieldErrorAsync(
            await client.PutAsJsonAsync($"/api/v1/interventions/{created}", new { kind = "legal-aid", lawyer = "Sam Sokong" }),
            "version"
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await client.PostAsJsonAsync($"/api/v1/cases/{Guid.NewGuid()}/interventions", new { kind = "legal-aid", lawyer = "X" })
            ).StatusCode
        );

        await using var db = app.OpenDb();
        var stored = await db.Interventions.SingleAsync();
        Assert.Equal(created, stored.Id);
        Assert.Null(stored.OrganisationId);
        Assert.Equal("ongoing", stored.Status);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AViewer_MayNotWriteInterventions_AndAMonitorCannotAddToACaseTheyMayNotSee(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var caseId = await CreatedAsync(admin, "/api/v1/cases", new { title = "A case" });
        var intervention = await CreatedAsync(admin, $"/api/v1/cases/{caseId}/interventions", new { kind = "legal-aid", lawyer = "A" });
        var restricted = await CreatedAsync(admin, "/api/v1/cases", new { title = "Hidden case", level = "restricted" });
        var hidden = await CreatedAsync(admin, $"/api/v1/cases/{restricted}/interventions", new { kind = "legal-aid", lawyer = "B" });

        var viewer = app.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(Roles.Viewer));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await viewer.PostAsJsonAsync($"/api/v1/cases/{caseId}/interventions", new { kind = "legal-aid", lawyer = "C" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await viewer.PutAsJsonAsync(
                    $"/api/v1/interventions/{intervention}",
                    new
                    {
                        kind = "mediation",
                        lawyer = "A",
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
                await monitor.PostAsJsonAsync($"/api/v1/cases/{restricted}/interventions", new { kind = "legal-aid", lawyer = "C" })
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await monitor.PutAsJsonAsync(
                    $"/api/v1/interventions/{hidden}",
                    new
                    {
                        kind = "mediation",
                        lawyer = "B",
                        version = 1,
                    }
                )
            ).StatusCode
        );

        await using var db = app.OpenDb();
        Assert.Equal(2, await db.Interventions.CountAsync());
        Assert.Equal("legal-aid", (await db.Interventions.SingleAsync(i => i.Id == hidden)).Kind);
        Assert.Equal("legal-aid", (await db.Interventions.SingleAsync(i => i.Id == intervention)).Kind);
    }
}
