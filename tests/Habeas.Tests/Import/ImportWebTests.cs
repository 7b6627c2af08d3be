using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Tests.Files;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Import;

public sealed class ImportWebTests
{
    private static MultipartFormDataContent Upload(string csv, string? mapping)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "list.csv");
        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }
        return form;
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Api_DryRunThenImport_AnswersTheReport_422WithProblems_AndOnlyCoordinatorsAndAdministratorsMayImport(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var dry = await client.PostAsync("/api/v1/import?dryRun=true", Upload(Imports.OddCsv, Imports.OddMapping));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        using (var report = JsonDocument.Parse(await dry.Content.ReadAsStringAsync()))
        {
            Assert.Equal(3, report.RootElement.GetProperty("counts").GetProperty("created").GetInt32());
            Assert.False(report.RootElement.GetProperty("written").GetBoolean());
        }
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.People.CountAsync());
        }

        var bad = await client.PostAsync(
            "/api/v1/import",
            Upload(Imports.OddCsv.Replace(";F;", ";Q;", StringComparison.Ordinal), Imports.OddMapping)
        );
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        using (var report = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()))
        {
            var problem = report.RootElement.GetProperty("problems")[0];
            Assert.Equal(
                (3, "Gender", "Q"),
                (
                    problem.GetProperty("line").GetInt32(),
                    problem.GetProperty("column").GetString(),
                    problem.GetProperty("value").GetString()
                )
            );
        }

        var coordinator = (await app.AccountAsync(Roles.Coordinator)).Client;
        Assert.Equal(
            HttpStatusCode.OK,
            (await coordinator.PostAsync("/api/v1/import", Upload(Imports.OddCsv, Imports.OddMapping))).StatusCode
        );
        await using (var db = app.OpenDb())
        {
            Assert.Equal(3, await db.People.CountAsync());
        }

        var noFile = await client.PostAsync("/api/v1/import", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("\"file\"", await noFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badMapping = await client.PostAsync("/api/v1/import", Upload(Imports.OddCsv, "{ nope"));
        Assert.Equal(HttpStatusCode.BadRequest, badMapping.StatusCode);
        Assert.Contains("\"mapping\"", await badMapping.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var role in new[] { Roles.Monitor, Roles.Campaigner, Roles.Viewer })
        {
            var other = (await app.AccountAsync(role)).Client;
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await other.PostAsync("/api/v1/import?dryRun=true", Upload(Imports.OddCsv, Imports.OddMapping))).StatusCode
            );
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/import")).StatusCode);
        }
        var anonymous = app.CreateAnonymousClient();
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anonymous.PostAsync("/api/v1/import?dryRun=true", Upload(Imports.OddCsv, Imports.OddMapping))).StatusCode
        );
        await using var final = app.OpenDb();
        Assert.Equal(3, await final.People.CountAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Page_MapsTheHeaders_ShowsTheProblems_KeepsTheChoices_ThenImports_AndGivesTheMappingFile(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, await app.CreateUserAsync(Roles.Coordinator));
        var csv = "Full name,Born,Arrested\nសុខ យឿន,1950,1999-12-15\nChan Dara,19xx,2001-02-03\n";

        // Upload and check: the headers are offered for mapping; "Full name" is not a field yet, so it is unmapped.
        var first = await CampaignFiles.PostMultipartAsync(
            client,
            "/import?handler=Check",
            [],
            [("Upload", "list.csv", Encoding.UTF8.GetBytes(csv))],
            "/import"
        );
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-mapping\"", html, StringComparison.Ordinal);
        Assert.Contains("Full name, Born, Arrested", html, StringComparison.Ordinal);
        var kept = Hidden(html, "FileContent");

        // Map the headers on the page and check again: the bad birth date is listed by line and column; nothing written.
        (string, string)[] choices =
        [
            ("FileContent", kept),
            ("FileName", "list.csv"),
            ("Headers[0]", "Full name"),
            ("Headers[1]", "Born"),
            ("Headers[2]", "Arrested"),
            ("Fields[0]", "name"),
            ("Fields[1]", "birthDate"),
            ("Fields[2]", "event1.date"),
            ("Constants", "event1.type=arrest"),
            ("System", ""),
            ("DateFormats", ""),
        ];
        var check = await (
            await CampaignFiles.PostMultipartAsync(client, "/import?handler=Check", choices, [], "/import")
        ).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-problems\"", check, StringComparison.Ordinal);
        Assert.Contains("<td>3</td><td>Born</td><td>19xx</td>", check, StringComparison.Ordinal);
        Assert.Contains("<option value=\"birthDate\" selected=\"selected\">", check, StringComparison.Ordinal);
        Assert.Contains("event1.type=arrest", check, StringComparison.Ordinal);
        var failedImport = await (
            await CampaignFiles.PostMultipartAsync(client, "/import?handler=Import", choices, [], "/import")
        ).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-problems-found\"", failedImport, StringComparison.Ordinal);
        Assert.Contains("<option value=\"event1.date\" selected=\"selected\">", failedImport, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.People.CountAsync());
        }

        // The corrected file, with the same choices: imported.
        choices[0] = ("FileContent", Convert.ToBase64String(Encoding.UTF8.GetBytes(csv.Replace("19xx", "1977", StringComparison.Ordinal))));
        var imported = await (
            await CampaignFiles.PostMultipartAsync(client, "/import?handler=Import", choices, [], "/import")
        ).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-written\"", imported, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(2, await db.People.CountAsync());
            Assert.Equal(2, await db.Events.CountAsync(e => e.Type == "arrest"));
        }

        // The mapping as chosen, to keep.
        var mapping = await CampaignFiles.PostMultipartAsync(client, "/import?handler=Mapping", choices, [], "/import");
        Assert.Equal("application/json", mapping.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await mapping.Content.ReadAsStringAsync());
        Assert.Equal("birthDate", json.RootElement.GetProperty("columns").GetProperty("Born").GetString());
        Assert.Equal("arrest", json.RootElement.GetProperty("constants").GetProperty("event1.type").GetString());

        // In Khmer.
        Assert.Contains("នាំចូល", await client.GetStringAsync("/import?lang=km"), StringComparison.Ordinal);
    }

    private static string Hidden(string html, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no hidden field {name}");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
