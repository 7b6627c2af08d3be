using System.Net;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Designations;

/// <summary>The designation form: it finds the organisation by a search step (never more than 50 options), creates and
/// edits a designation with its history, keeps what was typed on an error, and the person page lists designations in
/// the reader's language with the add link for writers only.</summary>
public sealed partial class DesignationPageTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheForm_FindsTheOrganisation_CreatesTheDesignation_AndThePersonPageShowsItInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var person = await TestApp.CreatePersonAsync(client, "Sok Yoeun");
        Guid adhoc;
        await using (var db = app.OpenDb())
        {
            for (var i = 0; i < 60; i++)
            {
                db.Organisations.Add(
                    new Organisation
                    {
                        Kind = "ngo",
                        Names = new() { ["en"] = $"Association {i:D2}" },
                    }
                );
            }
            var organisation = new Organisation
            {
                Kind = "ngo",
                Acronym = "ADHOC",
                Names = new() { ["en"] = "Cambodian Human Rights and Development Association", ["km"] = "សមាគមអាដហុក" },
            };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            adhoc = organisation.Id;
        }

        // Nothing to choose from before a search; a search that matches many sends at most 50.
        var empty = await client.GetStringAsync($"/people/{person}/designations/new");
        Assert.DoesNotContain("<select name=\"Input.OrganisationId\"", empty);
        Assert.Equal(1, OrganisationOptions().Count(empty)); // "none"
        var many = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/designations/new?handler=Find",
            new()
            {
                ["OrganisationQuery"] = "association",
                ["Input.Category"] = "political-prisoner",
                ["Input.Date"] = "2002-03",
            },
            formPage: $"/people/{person}/designations/new"
        );
        var manyHtml = await many.Content.ReadAsStringAsync();
        Assert.Equal(51, OrganisationOptions().Count(manyHtml)); // "none" and 50 organisations
        Assert.Contains("61 organisations found; the first 50 are shown above.", manyHtml);
        Assert.Contains("value=\"2002-03\"", manyHtml); // what was typed is kept
        var found = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/designations/new?handler=Find",
            new() { ["OrganisationQuery"] = "adhoc" },
            formPage: $"/people/{person}/designations/new"
        );
        Assert.Contains($"value=\"{adhoc}\"", await found.Content.ReadAsStringAsync());

        var saved = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/designations/new",
            new()
            {
                ["Input.OrganisationId"] = adhoc.ToString(),
                ["Input.Category"] = "political-prisoner",
                ["Input.Date"] = "2002-03",
                ["Input.Criteria"] = "Detained for his opinions",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/people/{person}", saved.Headers.Location?.OriginalString);
        await using var check = app.OpenDb();
        var designation = await check.Designations.SingleAsync();
        Assert.Equal(person, designation.PersonId);
        Assert.Equal(adhoc, designation.OrganisationId);
        Assert.Equal("Detained for his opinions", designation.Criteria);
        Assert.Equal(1, await check.RecordVersions.CountAsync(v => v.RecordType == "designation" && v.RecordId == designation.Id));

        var khmer = await client.GetStringAsync($"/people/{person}?lang=km");
        Assert.Contains("អ្នកទោសនយោបាយ", khmer); // the category's Khmer label
        Assert.Contains("សមាគមអាដហុក", khmer); // the organisation's Khmer name
        Assert.Contains($"href=\"/designations/{designation.Id}/edit\"", khmer);
        Assert.Contains("បន្ថែមការចាត់ទុក", khmer); // "Add a designation"

        // Withdrawn from the edit form: the person page says so.
        var edited = await TestApp.PostFormAsync(
            client,
            $"/designations/{designation.Id}/edit",
            new()
            {
                ["Input.OrganisationId"] = adhoc.ToString(),
                ["Input.Category"] = "political-prisoner",
                ["Input.Date"] = "2002-03",
                ["Input.WithdrawnOn"] = "2005",
                ["Input.WithdrawalReason"] = "Acquitted",
                ["Input.Version"] = "1",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var english = await client.GetStringAsync($"/people/{person}?lang=en");
        Assert.Contains("withdrawn 2005", english);
        Assert.Contains("Withdrawn because: Acquitted", english);
        await using var after = app.OpenDb();
        Assert.Equal(2, (await after.Designations.SingleAsync()).Version);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AFormWithAnError_SavesNothing_KeepsWhatWasTyped_AndNamesTheFieldInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Rong Chhun");

        var response = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/designations/new?lang=km",
            new() { ["Input.Category"] = "political-prisoner", ["Input.Criteria"] = "typed criteria" }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("typed criteria", html);
        Assert.Contains("អង្គការ៖ សូមជ្រើសរើសអង្គការដែលបានធ្វើការចាត់ទុក។", html);
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Designations.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AViewer_SeesDesignations_ButNoAddOrEditLink_AndCannotOpenTheForm(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Viewer);
        var viewer = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var person = await TestApp.CreatePersonAsync(monitor, "Thun Saray");
        var organisation = await DesignationsApiTests.CreatedAsync(
            monitor,
            "/api/v1/organisations",
            new { names = new { en = "Amnesty International" }, kind = "ngo" }
        );
        var designation = await DesignationsApiTests.CreatedAsync(
            monitor,
            $"/api/v1/people/{person}/designations",
            new { organisationId = organisation, category = "prisoner-of-conscience" }
        );

        var page = await viewer.GetStringAsync($"/people/{person}");
        Assert.Contains("Amnesty International", page);
        Assert.Contains("Prisoner of conscience", page);
        Assert.DoesNotContain($"/people/{person}/designations/new", page);
        Assert.DoesNotContain($"/designations/{designation}/edit", page);
        Assert.Contains($"/people/{person}/designations/new", await monitor.GetStringAsync($"/people/{person}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/people/{person}/designations/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/designations/{designation}/edit")).StatusCode);
    }

    [GeneratedRegex("name=\"Input.OrganisationId\"")]
    private static partial Regex OrganisationOptions();
}
