using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Files;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Habeas.Tests.Files.CampaignFiles;

namespace Habeas.Tests.Files;

/// <summary>docs/files.md, "Files on sources, events and people": uploads on each kind of record through the page and the API,
/// their metadata checked with messages in English and Khmer, the files hidden with a restricted record, and a person's photo
/// on their page.</summary>
public sealed class RecordFileTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Api_UploadsOnASourceAnEventAndAPerson_ListsThem_AndAuditsEachUpload(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var (source, ev, person) = await RecordsAsync(monitor, "internal");

        foreach (
            var (segment, id, name) in new[]
            {
                ("sources", source, "decision.pdf"),
                ("events", ev, "notes.txt"),
                ("people", person, "portrait.png"),
            }
        )
        {
            byte[] content = name switch
            {
                "decision.pdf" => "%PDF-1.4\n1 0 obj\n"u8.ToArray(),
                "notes.txt" => "Hearing at Phnom Penh Municipal Court.\n"u8.ToArray(),
                _ => Png(),
            };
            var response = await UploadAsync(
                monitor,
                segment,
                id,
                content,
                name,
                credit: "Adhoc monitor",
                consent: "staff",
                caption: "Seen 3 March"
            );
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var fileId = created.RootElement.GetProperty("id").GetGuid();
            Assert.Equal("Adhoc monitor", created.RootElement.GetProperty("credit").GetString());
            Assert.Equal("staff", created.RootElement.GetProperty("consent").GetString());

            using var list = JsonDocument.Parse(await monitor.GetStringAsync($"/api/v1/{segment}/{id}/files"));
            var only = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal(fileId, only.GetProperty("id").GetGuid());
            Assert.Equal(name, only.GetProperty("name").GetString());
            Assert.Equal("Seen 3 March", only.GetProperty("caption").GetString());
            Assert.Equal(content, await monitor.GetByteArrayAsync($"/files/{fileId}"));
        }

        await using var db = app.OpenDb();
        var files = await db.StoredFiles.ToListAsync();
        Assert.Equal(3, files.Count);
        Assert.Contains(files, f => f.SourceId == source && f.ActionId == null && f.EventId == null && f.PersonId == null);
        Assert.Contains(files, f => f.EventId == ev);
        Assert.Contains(files, f => f.PersonId == person && !f.IsPhoto);
        var audit = await db.AuditEntries.Where(a => a.Action == "file-uploaded").ToListAsync();
        Assert.Contains(audit, a => a.RecordType == "source" && a.RecordId == source);
        Assert.Contains(audit, a => a.RecordType == "event" && a.RecordId == ev);
        Assert.Contains(audit, a => a.RecordType == "person" && a.RecordId == person);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARestrictedRecordsFiles_Are404_AndAbsentFromLists_ForAReaderWithoutAGrant(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var (source, ev, person) = await RecordsAsync(admin, "restricted");
        var hidden = new List<Guid>();
        foreach (var (segment, id) in new[] { ("sources", source), ("events", ev), ("people", person) })
        {
            hidden.Add(await UploadedAsync(admin, segment, id, Png(), "witness.png", photo: segment == "people"));
        }
        var shownPerson = await TestApp.CreatePersonAsync(admin, "Kem Sokha");
        var shown = await UploadedAsync(admin, "people", shownPerson, Png(), "letter.png");

        foreach (var role in new[] { Roles.Viewer, Roles.Monitor, Roles.Coordinator })
        {
            var reader = (await app.AccountAsync(role)).Client;
            foreach (var file in hidden)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/files/{file}")).StatusCode);
            }
            foreach (var (segment, id) in new[] { ("sources", source), ("events", ev), ("people", person) })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/{segment}/{id}/files")).StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/files/{shown}")).StatusCode);
            Assert.Contains(shown.ToString(), await reader.GetStringAsync($"/api/v1/people/{shownPerson}/files"), StringComparison.Ordinal);
        }
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(monitor, "people", person, Png(), "more.png")).StatusCode);

        // The query filter itself: a viewer's context finds none of the restricted records' files, the administrator's all.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Habeas.Platform.Storage.HabeasDb>();
            var viewer = await app.CreateUserAsync(Roles.Viewer);
            db.Viewer = new Habeas.Platform.Access.Viewer(
                viewer.Id,
                SignedIn: true,
                SeesAllRestricted: false,
                Confidential: false,
                MayPublish: false
            );
            Assert.Empty(await db.StoredFiles.Where(f => hidden.Contains(f.Id)).ToListAsync());
            Assert.Single(await db.StoredFiles.Where(f => f.Id == shown).ToListAsync());
        }
        foreach (var file in hidden)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/files/{file}")).StatusCode);
        }
        // A reader granted the person sees the person's file.
        var granted = await app.AccountAsync(Roles.Viewer);
        Assert.Equal(
            HttpStatusCode.OK,
            (await admin.PutAsJsonAsync($"/api/v1/people/{person}/access", new { users = new[] { granted.Email }, version = 0 })).StatusCode
        );
        Assert.Equal(HttpStatusCode.OK, (await granted.Client.GetAsync($"/files/{hidden[2]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await granted.Client.GetAsync($"/files/{hidden[0]}")).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheFilesSection_OnEachRecordsPage_UploadsThroughTheForm_AndShowsThePersonsPhoto(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (source, ev, person) = await RecordsAsync(app.CreateClient(), "internal");
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, await app.CreateUserAsync(Roles.Monitor));

        foreach (
            var (segment, id, page) in new[]
            {
                ("sources", source, $"/sources/{source}"),
                ("events", ev, $"/events/{ev}/edit"),
                ("people", person, $"/people/{person}"),
            }
        )
        {
            var before = await client.GetStringAsync(page);
            Assert.Contains("id=\"files\"", before, StringComparison.Ordinal);
            Assert.Contains($"action=\"/files/{segment}/{id}\"", before, StringComparison.Ordinal);
            Assert.Contains("enctype=\"multipart/form-data\"", before, StringComparison.Ordinal);
            var response = await PostMultipartAsync(
                client,
                $"/files/{segment}/{id}",
                [
                    ("Input.Credit", "Chhay Sovann"),
                    ("Input.Consent", "public"),
                    ("Input.Caption", "Court decision, page 1"),
                    ("Input.Photo", segment == "people" ? "true" : "false"),
                ],
                [("Upload", $"scan-{segment}.png", Png())],
                formPage: page
            );
            Assert.Equal(page, response.RequestMessage!.RequestUri!.AbsolutePath);
            var after = await response.Content.ReadAsStringAsync();
            Assert.Contains($"scan-{segment}.png", after, StringComparison.Ordinal);
            Assert.Contains("By Chhay Sovann", after, StringComparison.Ordinal);
            Assert.Contains("May be published", after, StringComparison.Ordinal);
        }

        await using var db = app.OpenDb();
        var photo = await db.StoredFiles.SingleAsync(f => f.PersonId == person);
        Assert.True(photo.IsPhoto);
        Assert.Equal("public", photo.Consent);
        var personPage = await client.GetStringAsync($"/people/{person}");
        Assert.Contains($"<img src=\"/files/{photo.Id}\"", personPage, StringComparison.Ordinal);
        var image = await client.GetAsync($"/files/{photo.Id}");
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);

        // A second image chosen as the photo replaces the first; "show no photo" removes it.
        var second = await UploadedAsync(app.CreateClient(), "people", person, Png(red: 10), "second.png");
        var chosen = await PostMultipartAsync(
            client,
            $"/files/people/{person}?handler=Photo",
            [("fileId", second.ToString())],
            [],
            formPage: $"/people/{person}"
        );
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var withSecond = await client.GetStringAsync($"/people/{person}");
        Assert.Contains($"<img src=\"/files/{second}\"", withSecond, StringComparison.Ordinal);
        Assert.DoesNotContain($"<img src=\"/files/{photo.Id}\"", withSecond, StringComparison.Ordinal);
        await using (var check = app.OpenDb())
        {
            Assert.Equal(second, (await check.StoredFiles.SingleAsync(f => f.PersonId == person && f.IsPhoto)).Id);
            Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "person-photo-chosen" && a.RecordId == person));
        }
        await PostMultipartAsync(client, $"/files/people/{person}?handler=Photo", [], [], formPage: $"/people/{person}");
        Assert.DoesNotContain("<img src=\"/files/", await client.GetStringAsync($"/people/{person}"), StringComparison.Ordinal);

        // A viewer sees the section but no upload form.
        var viewer = app.CreateAnonymousClient();
        await app.SignInAsync(viewer, await app.CreateUserAsync(Roles.Viewer));
        var viewed = await viewer.GetStringAsync($"/sources/{source}");
        Assert.Contains("scan-sources.png", viewed, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/files/sources/{source}\"", viewed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/files/sources/{source}")).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ARefusedFileOrTooLongCredit_ComesBackWithWhatWasTyped_InEnglishAndInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (source, _, person) = await RecordsAsync(app.CreateClient(), "internal");
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, await app.CreateUserAsync(Roles.Monitor));
        var path = $"/files/sources/{source}";

        var markup = await PostMultipartAsync(
            client,
            path,
            [("Input.Credit", "Typed credit"), ("Input.Caption", "Typed caption")],
            [("Upload", "scan.jpg", "<html><script>alert(1)</script></html>"u8.ToArray())]
        );
        Assert.Equal(HttpStatusCode.OK, markup.StatusCode);
        var english = await markup.Content.ReadAsStringAsync();
        Assert.Contains("scan.jpg holds web page markup", english, StringComparison.Ordinal);
        Assert.Contains("value=\"Typed credit\"", english, StringComparison.Ordinal);
        Assert.Contains("Typed caption", english, StringComparison.Ordinal);

        var longCredit = new string('ក', StoredFile.MaxCredit + 1);
        var khmer = await PostMultipartAsync(client, path + "?lang=km", [("Input.Credit", longCredit)], [("Upload", "photo.png", Png())]);
        var khmerHtml = await khmer.Content.ReadAsStringAsync();
        Assert.Contains(
            $"ប្រភពវែងពេក៖ យ៉ាងច្រើន {StoredFile.MaxCredit} តួអក្សរ តែនេះមាន {StoredFile.MaxCredit + 1}។",
            khmerHtml,
            StringComparison.Ordinal
        );
        var englishCredit = await PostMultipartAsync(
            client,
            path + "?lang=en",
            [("Input.Credit", longCredit)],
            [("Upload", "photo.png", Png())]
        );
        Assert.Contains(
            $"The credit is too long: at most {StoredFile.MaxCredit} characters, this has {StoredFile.MaxCredit + 1}.",
            await englishCredit.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var khmerFile = await PostMultipartAsync(client, path + "?lang=km", [], [("Upload", "setup.exe", [0x4D, 0x5A, 0x90, 0x00])]);
        Assert.Contains(
            "setup.exe មិនមែនជាប្រភេទឯកសារដែល Habeas រក្សាទុកទេ",
            await khmerFile.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        // A PDF cannot be a person's photo.
        var notImage = await PostMultipartAsync(
            client,
            $"/files/people/{person}?lang=km",
            [("Input.Photo", "true")],
            [("Upload", "decision.pdf", "%PDF-1.4\n"u8.ToArray())]
        );
        Assert.Contains("decision.pdf មិនមែនជារូបភាពទេ", await notImage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The API names the field, in English.
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var api = await UploadAsync(monitor, "people", person, Png(), "photo.png", credit: longCredit, consent: "maybe");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains("The credit is too long", errors.GetProperty("credit")[0].GetString(), StringComparison.Ordinal);
        // The choices by their labels, each with the code the API takes.
        Assert.Matches(@"\(none\), .+ \(staff\), .+ \(public\)", errors.GetProperty("consent")[0].GetString());
        var missing = await monitor.PostAsync(
            $"/api/v1/people/{person}/files",
            new MultipartFormDataContent { { new StringContent("x"), "credit" } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        await using var db = app.OpenDb();
        Assert.Equal(0, await db.StoredFiles.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task RecordUploads_TakeAFileAtTheLimit_AndCutOffABodyFarBeyondIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var source = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/sources", new { title = "Court decision" }));
        var twoMegabytes = new byte[2 * 1024 * 1024];
        Png().CopyTo(twoMegabytes, 0);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(admin, "sources", source, twoMegabytes, "scan.png")).StatusCode);
        var tooLarge = new byte[(10 * 1024 * 1024) + 1];
        Png().CopyTo(tooLarge, 0);
        var refused = await UploadAsync(admin, "sources", source, tooLarge, "large.png");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("10 MB", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.RequestEntityTooLarge,
            (await UploadAsync(admin, "sources", source, new byte[13 * 1024 * 1024], "huge.png")).StatusCode
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ThePublicProfile_ShowsAPublicPersonsPhoto_OnlyWhenItsConsentAllowsPublication(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var anonymous = app.CreateAnonymousClient();
        var person = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun", level = "public" }));

        // Staff only: the public site neither links nor serves it.
        var staffOnly = await UploadAsync(admin, "people", person, Png(), "staff.png", credit: "Adhoc", consent: "staff", photo: true);
        Assert.Equal(HttpStatusCode.Created, staffOnly.StatusCode);
        Assert.DoesNotContain("/photo\"", await anonymous.GetStringAsync($"/public/people/{person}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/people/{person}/photo")).StatusCode);

        // Publication allowed: shown, with its credit, and served to anyone.
        var published = await UploadAsync(
            admin,
            "people",
            person,
            Png(red: 1),
            "public.png",
            credit: "Adhoc",
            consent: "public",
            photo: true
        );
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var profile = await anonymous.GetStringAsync($"/public/people/{person}");
        Assert.Contains($"<img src=\"/public/people/{person}/photo\"", profile, StringComparison.Ordinal);
        Assert.Contains("By Adhoc", profile, StringComparison.Ordinal);
        var photo = await anonymous.GetAsync($"/public/people/{person}/photo");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(Png(red: 1), await photo.Content.ReadAsByteArrayAsync());
        // The staff file itself stays behind sign-in.
        using var body = JsonDocument.Parse(await published.Content.ReadAsStringAsync());
        var notFollowing = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        notFollowing.DefaultRequestHeaders.Authorization = null;
        var direct = await notFollowing.GetAsync($"/files/{body.RootElement.GetProperty("id").GetGuid()}");
        Assert.NotEqual(HttpStatusCode.OK, direct.StatusCode);
        Assert.NotEqual("image/png", direct.Content.Headers.ContentType?.MediaType);

        // A person who is not public has no public photo, whatever its consent.
        var internalPerson = await CreatedAsync(
            await admin.PostAsJsonAsync("/api/v1/people", new { name = "Kem Ley", level = "internal" })
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (await UploadAsync(admin, "people", internalPerson, Png(), "p.png", consent: "public", photo: true)).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/people/{internalPerson}/photo")).StatusCode);
    }

    private static async Task<(Guid Source, Guid Event, Guid Person)> RecordsAsync(HttpClient client, string level)
    {
        var person = await CreatedAsync(await client.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun", level }));
        var source = await CreatedAsync(
            await client.PostAsJsonAsync("/api/v1/sources", new { title = "Judgment of the Phnom Penh court", level })
        );
        var ev = await CreatedAsync(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2020-07-31",
                    personIds = new[] { person },
                    level,
                }
            )
        );
        return (source, ev, person);
    }

    private static async Task<Guid> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }

    internal static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client,
        string segment,
        Guid id,
        byte[] content,
        string name,
        string? credit = null,
        string? consent = null,
        string? caption = null,
        bool photo = false
    )
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
        foreach (var (field, value) in new[] { ("credit", credit), ("consent", consent), ("caption", caption) })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), field);
            }
        }
        if (photo)
        {
            form.Add(new StringContent("true"), "photo");
        }
        return await client.PostAsync($"/api/v1/{segment}/{id}/files", form);
    }

    private static async Task<Guid> UploadedAsync(
        HttpClient client,
        string segment,
        Guid id,
        byte[] content,
        string name,
        bool photo = false
    )
    {
        var response = await UploadAsync(client, segment, id, content, name, photo: photo);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }
}
