using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Campaigns.Letters;
using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Storage;

/// <summary>
/// Two editors saving the same version: one success and one conflict, whether the saves come one after the other or
/// race at the database; the 409 names the versions; the forms keep what was typed beside what the other one saved.
/// docs/concurrency.md lists every editable record with the test that proves it.
/// </summary>
public sealed class ConcurrentEditTests
{
    [Fact]
    public void EveryVersionedRecord_HasItsVersionAsAConcurrencyToken()
    {
        var options = new DbContextOptionsBuilder<Habeas.Platform.Storage.HabeasDb>().UseSqlite("Data Source=:memory:").Options;
        using var db = new Habeas.Platform.Storage.HabeasDb(options, TimeProvider.System);
        var versioned = db.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)).ToList();

        Assert.True(versioned.Count >= 15, $"only {versioned.Count} versioned record types in the model");
        Assert.All(versioned, t =>
            Assert.True(
                t.FindProperty(nameof(IVersioned.Version))!.IsConcurrencyToken,
                $"{t.ClrType.Name}.Version is not a concurrency token"
            )
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TwoContextsSavingFromTheSameVersion_TheDatabaseRefusesTheSecond(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var id = await TestApp.CreatePersonAsync(app.CreateClient(), "Lim Mony");
        await using var first = app.OpenDb();
        await using var second = app.OpenDb();
        // Both read version 1 before either saves: the check in memory passes for both, only the database can tell.
        var mine = await first.People.Include(p => p.Names).SingleAsync(p => p.Id == id);
        var theirs = await second.People.Include(p => p.Names).SingleAsync(p => p.Id == id);

        Assert.True(await Saving.TrySaveAsync(first, mine, 1, () => mine.Occupation = "Lawyer", CancellationToken.None));
        Assert.False(await Saving.TrySaveAsync(second, theirs, 1, () => theirs.Occupation = "Teacher", CancellationToken.None));

        await using var db = app.OpenDb();
        var saved = await db.People.SingleAsync(p => p.Id == id);
        Assert.Equal("Lawyer", saved.Occupation);
        Assert.Equal(2, saved.Version);
        Assert.Equal(2, await db.RecordVersions.CountAsync(v => v.RecordId == id));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ParallelSavesOfTheSameVersion_OneSucceeds_EveryOtherIsA409WithTheCurrentVersion(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Lim Mony");

        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 4)
                .Select(i =>
                    client.PutAsJsonAsync(
                        $"/api/v1/people/{id}",
                        new
                        {
                            name = "Lim Mony",
                            occupation = $"Occupation {i}",
                            version = 1,
                        }
                    )
                )
        );

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
            var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(1, problem.GetProperty("yourVersion").GetInt32());
            Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        }
        await using var db = app.OpenDb();
        var saved = await db.People.SingleAsync(p => p.Id == id);
        Assert.Equal($"Occupation {winner}", saved.Occupation);
        Assert.Equal(2, saved.Version);
        Assert.Equal(2, await db.RecordVersions.CountAsync(v => v.RecordId == id));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AStaleSave_Is409_NamingBothVersions_WhoSaved_AndTheFieldsThatChanged(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var created = await client.PostAsJsonAsync("/api/v1/cases", new { title = "First title" });
        var id = (await created.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        (await client.PutAsJsonAsync($"/api/v1/cases/{id}", new { title = "Second title", version = 1 })).EnsureSuccessStatusCode();

        var stale = await client.PutAsJsonAsync($"/api/v1/cases/{id}", new { title = "Stale title", version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Contains("version 2 was saved since", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, problem.GetProperty("yourVersion").GetInt32());
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("changedBy").GetString()));
        Assert.Contains("title", problem.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));
        await using var db = app.OpenDb();
        Assert.Equal("Second title", (await db.Cases.SingleAsync(c => c.Id == id)).Title);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EventsAndSources_AStaleSave_Is409WithTheCurrentVersion_AndChangesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(client, "Lim Mony");
        var eventId = (
            await (
                await client.PostAsJsonAsync(
                    "/api/v1/events",
                    new
                    {
                        type = "arrest",
                        date = "2016-04-28",
                        personIds = new[] { person },
                    }
                )
            ).Content.ReadFromJsonAsync<TestApp.Created>()
        )!.Id;
        var sourceId = (
            await (
                await client.PostAsJsonAsync("/api/v1/sources", new { title = "CamboJA, July 2021" })
            ).Content.ReadFromJsonAsync<TestApp.Created>()
        )!.Id;
        var edits = new (string Url, Func<string, object> Body)[] { ($"/api/v1/events/{eventId}", date => new
            {
                type = "arrest",
                date,
                personIds = new[] { person },
                version = 1,
            }), ($"/api/v1/sources/{sourceId}", title => new { title, version = 1 }) };

        foreach (var (url, body) in edits)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(url, body("2016-04-29"))).StatusCode);
            var stale = await client.PutAsJsonAsync(url, body("2016-04-30"));
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal(2, (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt32());
        }
        await using var db = app.OpenDb();
        Assert.Equal("2016-04-29", (await db.Events.SingleAsync(e => e.Id == eventId)).Date?.ToString());
        Assert.Equal("2016-04-29", (await db.Sources.SingleAsync(e => e.Id == sourceId)).Title);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task CaseForm_FromAStaleVersion_ShowsWhatWasSavedSince_BesideWhatWasTyped(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        var id = (
            await (
                await client.PostAsJsonAsync("/api/v1/cases", new { title = "First title" })
            ).Content.ReadFromJsonAsync<TestApp.Created>()
        )!.Id;
        (
            await client.PutAsJsonAsync($"/api/v1/cases/{id}", new { title = "Title saved by the other editor", version = 1 })
        ).EnsureSuccessStatusCode();

        var conflict = await TestApp.PostFormAsync(
            client,
            $"/cases/{id}/edit",
            new() { ["Input.Version"] = "1", ["Input.Title"] = "Title typed here" }
        );

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var html = await conflict.Content.ReadAsStringAsync();
        Assert.Contains("<del>First title</del>", html, StringComparison.Ordinal);
        Assert.Contains("<ins>Title saved by the other editor</ins>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Title typed here\"", html, StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.Equal("Title saved by the other editor", (await db.Cases.SingleAsync(c => c.Id == id)).Title);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task PersonForm_FromAStaleVersion_ShowsTheOtherChange_KeepsWhatWasTyped_AndSavesOnTheSecondTry(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        var id = await TestApp.CreatePersonAsync(client, "Lim Mony");
        Dictionary<string, string> Form(string version) =>
            new()
            {
                ["Input.Version"] = version,
                ["Input.Names[0].Text"] = "Lim Mony",
                ["Input.Names[0].Kind"] = "primary",
                ["Input.Occupation"] = "Teacher typed here",
            };
        // The editor opened the form at version 1; someone else saved version 2 in between.
        (
            await client.PutAsJsonAsync(
                $"/api/v1/people/{id}",
                new
                {
                    name = "Lim Mony",
                    occupation = "Lawyer saved first",
                    version = 1,
                }
            )
        ).EnsureSuccessStatusCode();

        var conflict = await TestApp.PostFormAsync(client, $"/people/{id}/edit", Form("1"));

        var html = await conflict.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("Someone else saved this record while you were editing.", html, StringComparison.Ordinal);
        Assert.Contains("Lawyer saved first", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Teacher typed here\"", html, StringComparison.Ordinal);
        Assert.Matches("name=\"Input.Version\" value=\"2\"|value=\"2\"[^>]*name=\"Input.Version\"", html);
        await using (var db = app.OpenDb())
        {
            Assert.Equal("Lawyer saved first", (await db.People.SingleAsync(p => p.Id == id)).Occupation);
        }

        // Saving again from the form as it now stands (version 2) replaces the other change knowingly.
        var again = await TestApp.PostFormAsync(client, $"/people/{id}/edit", Form("2"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = app.OpenDb())
        {
            var saved = await db.People.SingleAsync(p => p.Id == id);
            Assert.Equal("Teacher typed here", saved.Occupation);
            Assert.Equal(3, saved.Version);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task LetterTemplateApi_NeedsTheVersionOfAnExistingTemplate_AndRefusesAStaleOne(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var action = await ActionAsync(client);
        var letters = $"/api/v1/actions/{action}/letters/en";

        var created = await client.PutAsJsonAsync(letters, new { text = "Dear {{salutation}}, first." });
        Assert.Equal(1, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var noVersion = await client.PutAsJsonAsync(letters, new { text = "Dear {{salutation}}, no version." });
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Contains(
            "version",
            (await noVersion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
        );
        var second = await client.PutAsJsonAsync(letters, new { text = "Dear {{salutation}}, second.", version = 1 });
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var stale = await client.PutAsJsonAsync(letters, new { text = "Dear {{salutation}}, stale.", version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains("text", problem.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));
        await using var db = app.OpenDb();
        Assert.Equal("Dear {{salutation}}, second.", (await db.LetterTemplates.SingleAsync()).Text);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task LetterTemplates_ParallelSavesOfTheSameVersion_OneSucceeds(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var action = await ActionAsync(client);
        var letters = $"/api/v1/actions/{action}/letters/km";

        // Two editors make the first Khmer template at once, then two edit version 1 at once.
        var creating = await Task.WhenAll(
            Enumerable.Range(0, 2).Select(i => client.PutAsJsonAsync(letters, new { text = $"{{{{salutation}}}} {i}", version = 0 }))
        );
        var updating = await Task.WhenAll(
            Enumerable.Range(0, 2).Select(i => client.PutAsJsonAsync(letters, new { text = $"{{{{salutation}}}} edit {i}", version = 1 }))
        );

        foreach (var pair in new[] { creating, updating })
        {
            Assert.Single(pair, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(pair, r => r.StatusCode == HttpStatusCode.Conflict);
        }
        var winner = Array.FindIndex(updating, r => r.StatusCode == HttpStatusCode.OK);
        await using var db = app.OpenDb();
        var saved = await db.LetterTemplates.SingleAsync();
        Assert.Equal($"{{{{salutation}}}} edit {winner}", saved.Text);
        Assert.Equal(2, saved.Version);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task LetterForm_FromAStaleVersion_ShowsTheOtherText_KeepsWhatWasTyped_AndSavesOnTheSecondTry(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        var action = await ActionAsync(client);
        var page = $"/actions/{action}/letters";
        // The editor opens the page while there is no English template (version 0); someone else makes one in between.
        Assert.Contains("name=\"version\" value=\"0\"", await client.GetStringAsync(page), StringComparison.Ordinal);
        (
            await client.PutAsJsonAsync(
                $"/api/v1/actions/{action}/letters/en",
                new { text = "Dear {{salutation}}, the other editor's letter." }
            )
        ).EnsureSuccessStatusCode();

        var conflict = await TestApp.PostFormAsync(
            client,
            page,
            new()
            {
                ["language"] = "en",
                ["version"] = "0",
                ["text"] = "Dear {{salutation}}, what I typed.",
            }
        );

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var html = await conflict.Content.ReadAsStringAsync();
        Assert.Contains("the other editor&#x27;s letter.", html, StringComparison.Ordinal);
        Assert.Contains("what I typed.", html, StringComparison.Ordinal);
        Assert.Contains("name=\"version\" value=\"1\"", html, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal("Dear {{salutation}}, the other editor's letter.", (await db.LetterTemplates.SingleAsync()).Text);
        }

        var again = await TestApp.PostFormAsync(
            client,
            page,
            new()
            {
                ["language"] = "en",
                ["version"] = "1",
                ["text"] = "Dear {{salutation}}, what I typed.",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = app.OpenDb())
        {
            var saved = await db.LetterTemplates.SingleAsync();
            Assert.Equal("Dear {{salutation}}, what I typed.", saved.Text);
            Assert.Equal(2, saved.Version);
        }
    }

    private static async Task<Guid> ActionAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync(
            "/api/v1/actions",
            new
            {
                code = "UA 7/26",
                kind = "urgent-action",
                title = "Nothing lost",
            }
        );
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }
}
