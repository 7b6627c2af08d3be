using System.Net;
using Habeas.Platform.Accounts;
using Habeas.Records.Cases;
using Habeas.Records.Organisations;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Habeas.Tests.Designations.DesignationsApiTests;

namespace Habeas.Tests.Designations;

/// <summary>The intervention form: the organisation found by a search step, the intervention created and edited, the
/// case page listing it in the reader's language with the add link for writers only.</summary>
public sealed class InterventionPageTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheForm_CreatesAnIntervention_AndTheCasePageShowsItInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var caseId = await CreatedAsync(client, "/api/v1/cases", new { title = "Prosecution of Rong Chhun" });
        Guid adhoc;
        await using (var db = app.OpenDb())
        {
            var organisation = new Organisation
            {
                Kind = "ngo",
                Acronym = "ADHOC",
                Names = new() { ["en"] = "Adhoc", ["km"] = "សមាគមអាដហុក" },
            };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            adhoc = organisation.Id;
        }

        var form = await client.GetStringAsync($"/cases/{caseId}/interventions/new");
        Assert.DoesNotContain("<select name=\"Input.OrganisationId\"", form);
        Assert.DoesNotContain($"value=\"{adhoc}\"", form);
        var found = await TestApp.PostFormAsync(
            client,
            $"/cases/{caseId}/interventions/new?handler=Find",
            new() { ["OrganisationQuery"] = "អាដហុក", ["Input.Lawyer"] = "Sam Sokong" },
            formPage: $"/cases/{caseId}/interventions/new"
        );
        var foundHtml = await found.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{adhoc}\"", foundHtml);
        Assert.Contains("value=\"Sam Sokong\"", foundHtml);

        var saved = await TestApp.PostFormAsync(
            client,
            $"/cases/{caseId}/interventions/new",
            new()
            {
                ["Input.Kind"] = "legal-aid",
                ["Input.OrganisationId"] = adhoc.ToString(),
                ["Input.Lawyer"] = "Sam Sokong",
                ["Input.StartDate"] = "2020-08",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/cases/{caseId}", saved.Headers.Location?.OriginalString);
        await using var check = app.OpenDb();
        var intervention = await check.Interventions.SingleAsync();
        Assert.Equal(caseId, intervention.CaseId);
        Assert.Equal("Sam Sokong", intervention.Lawyer);
        Assert.Equal("ongoing", intervention.Status);

        var khmer = await client.GetStringAsync($"/cases/{caseId}?lang=km");
        Assert.Contains("ជំនួយផ្នែកច្បាប់", khmer); // "Legal aid"
        Assert.Contains("សមាគមអាដហុក", khmer);
        Assert.Contains("មេធាវី Sam Sokong", khmer);
        Assert.Contains($"href=\"/interventions/{intervention.Id}/edit\"", khmer);
        Assert.Contains("បន្ថែមអន្តរាគមន៍", khmer); // "Add an intervention"

        var edited = await TestApp.PostFormAsync(
            client,
            $"/interventions/{intervention.Id}/edit",
            new()
            {
                ["Input.Kind"] = "legal-aid",
                ["Input.OrganisationId"] = adhoc.ToString(),
                ["Input.Lawyer"] = "Sam Sokong",
                ["Input.StartDate"] = "2020-08",
                ["Input.EndDate"] = "2021-11",
                ["Input.Outcome"] = "Released on bail",
                ["Input.Version"] = "1",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("Outcome: Released on bail", await client.GetStringAsync($"/cases/{caseId}?lang=en"));
        await using var after = app.OpenDb();
        var stored = await after.Interventions.SingleAsync();
        Assert.Equal(2, stored.Version);
        Assert.Equal("completed", stored.Status);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AViewer_SeesInterventions_ButNoAddOrEditLink_AndCannotOpenTheForm(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Viewer);
        var viewer = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var caseId = await CreatedAsync(monitor, "/api/v1/cases", new { title = "A case" });
        var intervention = await CreatedAsync(
            monitor,
            $"/api/v1/cases/{caseId}/interventions",
            new { kind = "prison-visit", lawyer = "Choung Choungy" }
        );

        var page = await viewer.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("Prison visit", page);
        Assert.Contains("Choung Choungy", page);
        Assert.DoesNotContain($"/cases/{caseId}/interventions/new", page);
        Assert.DoesNotContain($"/interventions/{intervention}/edit", page);
        Assert.Contains($"/cases/{caseId}/interventions/new", await monitor.GetStringAsync($"/cases/{caseId}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/cases/{caseId}/interventions/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/interventions/{intervention}/edit")).StatusCode);
    }
}
