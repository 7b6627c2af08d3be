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
using Microsoft.Extensions.DependencyInjection;

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
        var kept = Hidden(html, "UploadId");
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(csv)), html, StringComparison.Ordinal);

        // Map the headers on the page and check again: the bad birth date is listed by line and column; nothing written.
        (string, string)[] choices =
        [
            ("UploadId", kept),
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
        Assert.Contains("<td>3</td><td>Born</td><td>19xx</td>", TestApp.WithoutCellLabels(check), StringComparison.Ordinal);
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

        // The corrected file, chosen with the same choices: they stay, and it is imported.
        var imported = await (
            await CampaignFiles.PostMultipartAsync(
                client,
                "/import?handler=Import",
                choices,
                [("Upload", "list.csv", Encoding.UTF8.GetBytes(csv.Replace("19xx", "1977", StringComparison.Ordinal)))],
                "/import"
            )
        ).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-written\"", imported, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(2, await db.People.CountAsync());
            Assert.Equal(2, await db.Events.CountAsync(e => e.Type == "arrest"));
        }

        // The mapping as chosen, to keep: from the form, now that the imported file is no longer kept.
        Assert.DoesNotContain("name=\"UploadId\" value=\"", imported, StringComparison.Ordinal);
        choices[0] = ("UploadId", "");
        var mapping = await CampaignFiles.PostMultipartAsync(client, "/import?handler=Mapping", choices, [], "/import");
        Assert.Equal("application/json", mapping.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await mapping.Content.ReadAsStringAsync());
        Assert.Equal("birthDate", json.RootElement.GetProperty("columns").GetProperty("Born").GetString());
        Assert.Equal("arrest", json.RootElement.GetProperty("constants").GetProperty("event1.type").GetString());

        // In Khmer.
        Assert.Contains("នាំចូល", await client.GetStringAsync("/import?lang=km"), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostPageAsync(
        HttpClient client,
        string handler,
        (string, string)[] fields,
        string? csv = null,
        string lang = "en"
    ) =>
        CampaignFiles.PostMultipartAsync(
            client,
            $"/import?handler={handler}&lang={lang}",
            fields,
            csv is null ? [] : [("Upload", "list.csv", Encoding.UTF8.GetBytes(csv))],
            "/import"
        );

    private static async Task<HttpClient> CoordinatorAsync(TestApp app)
    {
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, await app.CreateUserAsync(Roles.Coordinator));
        return client;
    }

    private static string UploadsFolder(TestApp app) =>
        Path.Combine(app.Services.GetRequiredService<Habeas.Platform.Storage.StorageOptions>().DataDirectory, "import-uploads");

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Page_TheKeptFile_IsOnlyForTheUserWhoUploadedIt_AndGoneAfterTheImport(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await CoordinatorAsync(app);
        var other = await CoordinatorAsync(app);
        var csv = "name,birthDate\nSecret Person Kept,1970\n";
        var first = await (await PostPageAsync(owner, "Check", [], csv)).Content.ReadAsStringAsync();
        var id = Hidden(first, "UploadId");
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(File.Exists(Path.Combine(UploadsFolder(app), id + ".upload")));

        // Another coordinator with the id: not found, nothing of the file shown, nothing imported.
        foreach (var handler in new[] { "Check", "Import", "Mapping" })
        {
            var response = await PostPageAsync(other, handler, [("UploadId", id)]);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("no longer kept", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret Person Kept", html, StringComparison.Ordinal);
            Assert.DoesNotContain("list.csv", html, StringComparison.Ordinal);
            Assert.DoesNotContain(id, html, StringComparison.Ordinal);
        }
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.People.CountAsync());
        }

        // The owner still has it, checks and imports it without choosing it again; then it is deleted.
        var check = await PostPageAsync(owner, "Check", [("UploadId", id)]);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("id=\"import-clean\"", await check.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var imported = await (await PostPageAsync(owner, "Import", [("UploadId", id)])).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-written\"", imported, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"UploadId\" value=\"", imported, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(UploadsFolder(app), id + ".upload")));
        Assert.False(File.Exists(Path.Combine(UploadsFolder(app), id + ".json")));
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.People.CountAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await PostPageAsync(owner, "Import", [("UploadId", id)])).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Page_AnExpiredOrUnknownUpload_SaysTheFileIsNoLongerKept_InEnglishAndKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = await CoordinatorAsync(app);
        var id = Hidden(await (await PostPageAsync(client, "Check", [], "name\nSok Expired\n")).Content.ReadAsStringAsync(), "UploadId");
        // An hour and a minute later (the entry's time moved back, as the clock would move on).
        var entry = Path.Combine(UploadsFolder(app), id + ".json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(entry))!;
        json["Stored"] = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(61);
        await File.WriteAllTextAsync(entry, json.ToJsonString());

        var expired = await PostPageAsync(client, "Check", [("UploadId", id), ("Headers[0]", "name"), ("Fields[0]", "name")]);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        var html = await expired.Content.ReadAsStringAsync();
        Assert.Contains("The uploaded file is no longer kept", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"import-clean\"", html, StringComparison.Ordinal);
        Assert.False(File.Exists(entry));
        Assert.False(File.Exists(Path.Combine(UploadsFolder(app), id + ".upload")));

        foreach (var unknown in new[] { "0123456789abcdef0123456789abcdef", "../habeas.db", "x" })
        {
            var response = await PostPageAsync(client, "Check", [("UploadId", unknown)]);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("The uploaded file is no longer kept", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var khmer = await PostPageAsync(client, "Check", [("UploadId", id)], lang: "km");
        Assert.Equal(HttpStatusCode.NotFound, khmer.StatusCode);
        Assert.Contains("ឯកសារដែលបានផ្ទុកឡើងលែងត្រូវបានរក្សាទុកទៀតហើយ", await khmer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Page_AFileThatWouldWriteNothing_IsNeverCalledClean_AndSaysWhy(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = await CoordinatorAsync(app);

        static void Nothing(string html, string why)
        {
            Assert.Contains("id=\"import-nothing\"", html, StringComparison.Ordinal);
            Assert.Contains(why, html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"import-clean\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("No problems", html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"import-written\"", html, StringComparison.Ordinal);
        }

        // Only a header line.
        Nothing(await (await PostPageAsync(client, "Check", [], "name,sex\n")).Content.ReadAsStringAsync(), "It has no rows");
        // Rows, but no column goes to a field (the trial's file: "Name" and "Sex" are not field names).
        var unmapped = await (await PostPageAsync(client, "Check", [], "Name,Sex\nSok Yoeun,male\n")).Content.ReadAsStringAsync();
        Nothing(unmapped, "No row gives a person");
        var khmer = await (await PostPageAsync(client, "Check", [], "Name,Sex\nSok Yoeun,male\n", "km")).Content.ReadAsStringAsync();
        Nothing(khmer, "គ្មានអ្វីត្រូវនាំចូលទេ");
        Assert.DoesNotContain("គ្មានបញ្ហាទេ", khmer, StringComparison.Ordinal);

        // Everything already recorded: imported once, then the same file again (checked, and imported).
        var csv = "id,name\n{0},Sok Recorded\n";
        var person = Guid.Empty;
        var created = await (await PostPageAsync(client, "Import", [], "name,sex\nSok Recorded,male\n")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-written\"", created, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            person = await db.PersonNames.Where(n => n.Text == "Sok Recorded").Select(n => n.PersonId).SingleAsync();
        }
        var again = string.Format(System.Globalization.CultureInfo.InvariantCulture, csv, person);
        Nothing(await (await PostPageAsync(client, "Check", [], again)).Content.ReadAsStringAsync(), "already recorded");
        Nothing(await (await PostPageAsync(client, "Import", [], again)).Content.ReadAsStringAsync(), "already recorded");
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.People.CountAsync());
        }
    }

    private static string Hidden(string html, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no hidden field {name}");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
