using System.Net;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Records.People;
using Habeas.Tests.Designations;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Affiliations;

/// <summary>The affiliation form: it finds the organisation by a search step, adds and edits an affiliation as a new
/// version of the person, keeps what was typed on an error with the message in the reader's language, shows a save made
/// in between, and the person page lists affiliations with the add and edit links for writers only.</summary>
public sealed partial class AffiliationPageTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheForm_FindsTheOrganisation_AddsAndEditsTheAffiliation_AndThePersonPageShowsItInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var person = await TestApp.CreatePersonAsync(client, "Rong Chhun");
        var union = await DesignationsApiTests.CreatedAsync(
            client,
            "/api/v1/organisations",
            new { names = new { en = "Cambodian Confederation of Unions", km = "សហព័ន្ធសហជីពកម្ពុជា" }, kind = "union" }
        );

        var form = await client.GetStringAsync($"/people/{person}/affiliations/new");
        Assert.Equal(1, OrganisationOptions().Count(form)); // "none": nothing listed before a search
        Assert.Contains("name=\"Input.Version\" value=\"1\"", form);
        var found = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/affiliations/new?handler=Find",
            new() { ["OrganisationQuery"] = "confederation", ["Input.Role"] = "President" },
            formPage: $"/people/{person}/affiliations/new"
        );
        var foundHtml = await found.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{union}\"", foundHtml);
        Assert.Contains("value=\"President\"", foundHtml); // what was typed is kept

        var saved = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/affiliations/new",
            new()
            {
                ["Input.OrganisationId"] = union.ToString(),
                ["Input.Role"] = "President",
                ["Input.From"] = "2006",
                ["Input.Version"] = "1",
            },
            formPage: $"/people/{person}/affiliations/new"
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/people/{person}#affiliations", saved.Headers.Location?.OriginalString);
        Guid id;
        await using (var db = app.OpenDb())
        {
            var affiliation = await db.Affiliations.SingleAsync();
            id = affiliation.Id;
            Assert.Equal(
                (person, union, "President", "2006"),
                (affiliation.PersonId, affiliation.OrganisationId, affiliation.Role, affiliation.From?.ToString())
            );
            Assert.Equal(2, (await db.People.SingleAsync(p => p.Id == person)).Version);
        }

        var khmer = await client.GetStringAsync($"/people/{person}?lang=km");
        Assert.Contains("សហព័ន្ធសហជីពកម្ពុជា", khmer); // the organisation's Khmer name
        Assert.Contains($"href=\"/people/{person}/affiliations/{id}/edit\"", khmer);
        Assert.Contains("បន្ថែមសម្ព័ន្ធភាព", khmer); // "Add an affiliation"

        var editForm = await client.GetStringAsync($"/people/{person}/affiliations/{id}/edit");
        Assert.Contains("value=\"President\"", editForm);
        Assert.Contains("name=\"Input.Version\" value=\"2\"", editForm);
        var edited = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/affiliations/{id}/edit",
            new()
            {
                ["Input.OrganisationId"] = union.ToString(),
                ["Input.Role"] = "President",
                ["Input.From"] = "2006",
                ["Input.To"] = "2020-07",
                ["Input.Version"] = "2",
            },
            formPage: $"/people/{person}/affiliations/{id}/edit"
        );
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("until July 2020", await client.GetStringAsync($"/people/{person}?lang=en"));

        // A form read at version 2, saved after version 3: nothing is overwritten, and the form says what was saved since.
        var stale = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/affiliations/{id}/edit",
            new()
            {
                ["Input.OrganisationId"] = union.ToString(),
                ["Input.Role"] = "Member",
                ["Input.Version"] = "2",
            },
            formPage: $"/people/{person}/affiliations/{id}/edit"
        );
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("value=\"Member\"", await stale.Content.ReadAsStringAsync());
        await using var after = app.OpenDb();
        var stored = await after.Affiliations.SingleAsync();
        Assert.Equal(("President", "2020-07"), (stored.Role, stored.To?.ToString()));
        Assert.Equal(3, (await after.People.SingleAsync(p => p.Id == person)).Version);
        Assert.Equal(3, await after.RecordVersions.CountAsync(v => v.RecordType == "person" && v.RecordId == person));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AFormWithAnError_SavesNothing_KeepsWhatWasTyped_AndNamesTheFieldInKhmerAndEnglish(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Rong Chhun");
        var union = await DesignationsApiTests.CreatedAsync(
            client,
            "/api/v1/organisations",
            new { names = new { en = "CCU" }, kind = "union" }
        );

        var noOrganisation = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/affiliations/new?lang=km",
            new() { ["Input.Role"] = "typed role", ["Input.Version"] = "1" }
        );
        Assert.Equal(HttpStatusCode.OK, noOrganisation.StatusCode);
        var html = await noOrganisation.Content.ReadAsStringAsync();
        Assert.Contains("typed role", html);
        Assert.Contains("អង្គការ៖ សូមជ្រើសរើសអង្គការដែលមនុស្សនេះជាសមាជិក ឬធ្លាប់ជាសមាជិក។", html);

        var backwards = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/affiliations/new?lang=km",
            new()
            {
                ["Input.OrganisationId"] = union.ToString(),
                ["Input.From"] = "2020",
                ["Input.To"] = "2019",
                ["Input.Version"] = "1",
            }
        );
        Assert.Contains("រហូតដល់៖ សម្ព័ន្ធភាពមិនអាចបញ្ចប់មុនពេលវាចាប់ផ្តើមបានទេ។", await backwards.Content.ReadAsStringAsync());
        var english = await TestApp.PostFormAsync(
            client,
            $"/people/{person}/affiliations/new?lang=en",
            new()
            {
                ["Input.OrganisationId"] = union.ToString(),
                ["Input.From"] = "2020",
                ["Input.To"] = "2019",
                ["Input.Version"] = "1",
            }
        );
        Assert.Contains("Until: an affiliation cannot end before it began.", await english.Content.ReadAsStringAsync());

        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Affiliations.CountAsync());
        Assert.Equal(1, (await db.People.SingleAsync(p => p.Id == person)).Version);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AViewer_SeesAffiliations_ButNoAddOrEditLink_AndCannotOpenTheForm(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Viewer);
        var viewer = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var person = await TestApp.CreatePersonAsync(monitor, "Thun Saray");
        var licadho = await DesignationsApiTests.CreatedAsync(
            monitor,
            "/api/v1/organisations",
            new { names = new { en = "Licadho" }, kind = "ngo" }
        );
        var affiliation = await DesignationsApiTests.CreatedAsync(
            monitor,
            $"/api/v1/people/{person}/affiliations",
            new { organisationId = licadho, role = "Founder" }
        );

        var page = await viewer.GetStringAsync($"/people/{person}");
        Assert.Contains("Licadho", page);
        Assert.Contains("Founder", page);
        Assert.DoesNotContain($"/people/{person}/affiliations/new", page);
        Assert.DoesNotContain($"/people/{person}/affiliations/{affiliation}/edit", page);
        Assert.Contains($"/people/{person}/affiliations/new", await monitor.GetStringAsync($"/people/{person}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/people/{person}/affiliations/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/people/{person}/affiliations/{affiliation}/edit")).StatusCode);
    }

    [GeneratedRegex("name=\"Input.OrganisationId\"")]
    private static partial Regex OrganisationOptions();
}
