using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Cases;
using Habeas.Records.Duplicates;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Duplicates;

public sealed class MergeTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Merge_KeepsEveryNameEventCaseAndCitation_ResolvesTheOldId_IsAudited_AndUndoPutsEverythingBack(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var kept = await CreatedId(
            await client.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun", tags = new[] { "opposition-member" } })
        );
        var duplicate = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/people",
                new { names = new[] { new { text = "សុខ យឿន" }, new { text = "Sok Yoeurn" } }, tags = new[] { "human-rights-defender" } }
            )
        );
        var caseId = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/cases",
                new { title = "Extradition of Sok Yoeun", people = new[] { new { personId = duplicate, role = "defendant" } } }
            )
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await client.PostAsJsonAsync(
                    $"/api/v1/cases/{caseId}/charges",
                    new
                    {
                        provisionCode = "Thai Extradition Act",
                        provisionArticle = "12",
                        description = "Extradition request",
                        personId = duplicate,
                    }
                )
            ).StatusCode
        );
        var arrest = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "1999-12-29",
                    caseId,
                    personIds = new[] { duplicate },
                }
            )
        );
        var source = await CreatedId(await client.PostAsJsonAsync("/api/v1/sources", new { title = "Amnesty International UA 309/02" }));
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await client.PostAsJsonAsync(
                    "/api/v1/citations",
                    new
                    {
                        sourceId = source,
                        targetType = "person",
                        targetId = duplicate,
                    }
                )
            ).StatusCode
        );

        await app.Services.RefreshDuplicatesAsync();
        var pairs = await client.GetFromJsonAsync<JsonElement>("/api/v1/people/duplicates");
        var pair = Assert.Single(pairs.GetProperty("items").EnumerateArray());
        Assert.Equal(
            new[] { kept, duplicate }.Order(),
            new[] { pair.GetProperty("a").GetProperty("id").GetGuid(), pair.GetProperty("b").GetProperty("id").GetGuid() }.Order()
        );
        Assert.Contains("spellings of one name", pair.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);

        var merged = await client.PostAsJsonAsync($"/api/v1/people/{duplicate}/merge", new { into = kept });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        var survivor = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{kept}");
        Assert.Equal(
            ["Sok Yoeun", "សុខ យឿន", "Sok Yoeurn"],
            survivor.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("text").GetString())
        );
        Assert.Equal(arrest, Assert.Single(survivor.GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(caseId, Assert.Single(survivor.GetProperty("cases").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("police-custody", survivor.GetProperty("custodyStatus").GetString());
        Assert.Contains("human-rights-defender", survivor.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        // The merged id resolves to the survivor; it is gone from lists and searches.
        var noRedirects = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        noRedirects.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var redirect = await noRedirects.GetAsync($"/api/v1/people/{duplicate}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal($"/api/v1/people/{kept}", redirect.Headers.Location?.OriginalString);
        Assert.Equal(
            kept,
            (await client.GetFromJsonAsync<JsonElement>(redirect.Headers.Location!.OriginalString)).GetProperty("id").GetGuid()
        );
        Assert.Equal($"/people/{kept}", (await noRedirects.GetAsync($"/people/{duplicate}")).Headers.Location?.OriginalString);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/people?q=yoeu")).GetProperty("total").GetInt32());
        Assert.Equal(
            kept,
            Assert
                .Single(
                    (await client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Sok%20Yoeun"))
                        .GetProperty("items")
                        .EnumerateArray()
                )
                .GetProperty("id")
                .GetGuid()
        );
        await app.Services.RefreshDuplicatesAsync();
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/people/duplicates")).GetProperty("items").EnumerateArray());
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await client.PutAsJsonAsync($"/api/v1/people/{duplicate}", new { name = "Other", version = 2 })).StatusCode
        );
        await using (var db = app.OpenDb())
        {
            Assert.Equal(kept, (await db.Citations.SingleAsync()).TargetId);
            Assert.Equal(kept, (await db.Charges.SingleAsync()).PersonId);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "merged" && a.RecordId == duplicate));
            Assert.Equal(1, await db.CaseParticipants.CountAsync(p => p.PersonId == kept));
        }
        var page = await client.GetStringAsync($"/people/{kept}");
        Assert.Contains("“សុខ យឿន” was merged into this one", page, StringComparison.Ordinal);

        var undone = await client.PostAsync($"/api/v1/people/{duplicate}/unmerge", null);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);

        var back = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{duplicate}");
        Assert.Equal(duplicate, back.GetProperty("id").GetGuid());
        Assert.Equal(["សុខ យឿន", "Sok Yoeurn"], back.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        Assert.Equal(arrest, Assert.Single(back.GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("police-custody", back.GetProperty("custodyStatus").GetString());
        var keptAgain = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{kept}");
        Assert.Equal(["Sok Yoeun"], keptAgain.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        Assert.Empty(keptAgain.GetProperty("events").EnumerateArray());
        Assert.Equal("free", keptAgain.GetProperty("custodyStatus").GetString());
        Assert.Equal(["opposition-member"], keptAgain.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await using (var db = app.OpenDb())
        {
            Assert.Equal(duplicate, (await db.Citations.SingleAsync()).TargetId);
            Assert.Equal(duplicate, (await db.Charges.SingleAsync()).PersonId);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "unmerged" && a.RecordId == duplicate));
        }
        Assert.Equal(
            2,
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/search/people?q=Sok%20Yoeun")).GetProperty("items").GetArrayLength()
        );
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/people/{duplicate}/unmerge", null)).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Merges_ThatWouldShowMore_OrMakeNoSense_AreRefused_AndViewersMayNotMerge(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var a = await CreatedId(await client.PostAsJsonAsync("/api/v1/people", new { name = "Rong Chhun" }));
        var b = await CreatedId(await client.PostAsJsonAsync("/api/v1/people", new { name = "Rong Chhun", level = "restricted" }));
        var c = await CreatedId(await client.PostAsJsonAsync("/api/v1/people", new { name = "រ៉ុង ឈុន" }));
        var viewer = await app.AccountAsync(Roles.Viewer);

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/people/{b}/merge", new { into = a })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/people/{a}/merge", new { into = a })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/people/{a}/merge", new { })).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await client.PostAsJsonAsync($"/api/v1/people/{a}/merge", new { into = Guid.NewGuid() })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await viewer.Client.PostAsJsonAsync($"/api/v1/people/{c}/merge", new { into = a })).StatusCode
        );
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.People.IgnoreQueryFilters().CountAsync(p => p.MergedIntoId != null));
        Assert.Equal(0, await db.PersonMerges.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task DifferentPeople_CanBeDismissed_AndAreNoLongerListed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var a = await CreatedId(await client.PostAsJsonAsync("/api/v1/people", new { name = "Kem Sokha" }));
        var b = await CreatedId(await client.PostAsJsonAsync("/api/v1/people", new { name = "Kim Sokha" }));
        await app.Services.RefreshDuplicatesAsync();
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/people/duplicates")).GetProperty("items").EnumerateArray());

        Assert.Equal(
            HttpStatusCode.NoContent,
            (await client.PostAsJsonAsync("/api/v1/people/duplicates/dismiss", new { a = b, b = a })).StatusCode
        );

        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/people/duplicates")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/people/duplicates/dismiss", new { a })).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task CreatingAPersonAlreadyRecordedUnderAnotherSpelling_WarnsBeforeSaving(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var monitor = await app.AccountAsync(Roles.Monitor);
        var existing = await CreatedId(await monitor.Client.PostAsJsonAsync("/api/v1/people", new { name = "Thun Saray" }));

        // The API creates, and says whom it may duplicate.
        var api = await monitor.Client.PostAsJsonAsync("/api/v1/people", new { name = "ថុន សារ៉ាយ" });
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        var possible = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("possibleDuplicates");
        Assert.Equal(existing, possible[0].GetProperty("id").GetGuid());

        // The form warns first, keeps what was typed, and saves only when told it is someone else.
        var warned = await TestApp.PostFormAsync(
            monitor.Client,
            "/people/new",
            new() { ["Input.Names[0].Text"] = "Thun Sarai", ["Input.Occupation"] = "Director" }
        );
        var html = await warned.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Contains($"/people/{existing}", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Thun Sarai\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Director\"", html, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.PersonNames.CountAsync(n => n.Text == "Thun Sarai"));
        }
        var confirmed = await TestApp.PostFormAsync(
            monitor.Client,
            "/people/new",
            new() { ["Input.Names[0].Text"] = "Thun Sarai", ["ConfirmNew"] = "true" }
        );
        // Saved, and sent on to the new person's page (a bearer-token client lands on the sign-in page from there).
        var created = await FindAsync(app, "Thun Sarai");
        Assert.Contains(Uri.EscapeDataString($"/people/{created}"), confirmed.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
    }

    private static async Task<Guid> FindAsync(TestApp app, string name)
    {
        await using var db = app.OpenDb();
        return await db.PersonNames.Where(n => n.Text == name).Select(n => n.PersonId).SingleAsync();
    }

    private static async Task<Guid> CreatedId(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Merge_MovesTheDuplicatesFiles_KeepsTheSurvivorsPhoto_AndUndoGivesThemBack(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var kept = await TestApp.CreatePersonAsync(client, "Kem Sokha");
        var duplicate = await TestApp.CreatePersonAsync(client, "Kem Sokha");
        var keptPhoto = await UploadAsync(client, kept, "kept.png", photo: true);
        var duplicatePhoto = await UploadAsync(client, duplicate, "duplicate.png", photo: true);
        var letter = await UploadAsync(client, duplicate, "letter.pdf", photo: false);

        Assert.Equal(
            HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/people/{duplicate}/merge", new { into = kept })).StatusCode
        );

        await using (var db = app.OpenDb())
        {
            var files = await db.Set<Habeas.Records.Files.StoredFile>().Where(f => f.PersonId == kept).ToDictionaryAsync(f => f.Id);
            Assert.Equal(new[] { keptPhoto, duplicatePhoto, letter }.Order(), files.Keys.Order());
            Assert.True(files[keptPhoto].IsPhoto);
            Assert.False(files[duplicatePhoto].IsPhoto);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/people/{duplicate}/unmerge", null)).StatusCode);

        await using (var db = app.OpenDb())
        {
            var files = await db.Set<Habeas.Records.Files.StoredFile>().Where(f => f.PersonId != null).ToDictionaryAsync(f => f.Id);
            Assert.Equal(kept, files[keptPhoto].PersonId);
            Assert.Equal(duplicate, files[duplicatePhoto].PersonId);
            Assert.Equal(duplicate, files[letter].PersonId);
            Assert.True(files[keptPhoto].IsPhoto);
            Assert.True(files[duplicatePhoto].IsPhoto);
        }
    }

    private static async Task<Guid> UploadAsync(HttpClient client, Guid person, string name, bool photo)
    {
        // A 1x1 PNG, or a small PDF.
        var content = name.EndsWith(".png", StringComparison.Ordinal)
            ? Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
            : "%PDF-1.4\nA letter.\n"u8.ToArray();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
        form.Add(new StringContent("staff"), "consent");
        if (photo)
        {
            form.Add(new StringContent("true"), "photo");
        }
        var response = await client.PostAsync($"/api/v1/people/{person}/files", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
