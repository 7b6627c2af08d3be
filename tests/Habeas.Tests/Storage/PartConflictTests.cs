using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Platform.History;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Storage;

/// <summary>
/// The access list and the confidential values of a record carry versions of their own (History/PartVersion.cs): two
/// saves of the same version give one success and one conflict, on the API (409) and on the forms (the other change
/// shown above the form that keeps what was typed), and a conflict never shows a confidential value to anyone who may
/// not read it. docs/concurrency.md.
/// </summary>
public sealed class PartConflictTests
{
    private const string SavedFirst = "CANARY-saved-first-Prey-Sar-block-B";
    private const string Typed = "CANARY-typed-second-Prey-Sar-block-C";

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AccessApi_TwoSavesOfTheSameVersion_OneIs200_TheOtherA409NamingTheList_AndAPutWithoutAVersionIs400(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Lim Mony");
        await AddTeamsAsync(app, "Team A", "Team B");
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}/access")).GetProperty("version").GetInt32());

        var responses = await Task.WhenAll(
            new[] { "Team A", "Team B" }.Select(team =>
                client.PutAsJsonAsync(
                    $"/api/v1/people/{id}/access",
                    new
                    {
                        users = Array.Empty<string>(),
                        teams = new[] { team },
                        version = 0,
                    }
                )
            )
        );

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, problem.GetProperty("yourVersion").GetInt32());
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(new[] { "teams" }, problem.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.Contains("access list", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var winner = (await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("teams")[0]
            .GetProperty("name")
            .GetString();

        await using (var db = app.OpenDb())
        {
            var teams = await db
                .RecordGrants.Where(g => g.RecordId == id)
                .Join(db.Teams, g => g.TeamId, t => t.Id, (_, t) => t.Name)
                .ToListAsync();
            Assert.Equal([winner!], teams);
            Assert.Equal(1, await db.PartVersions.CountAsync(v => v.RecordId == id && v.Part == PartVersions.Access));
        }
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}/access");
        Assert.Equal(1, read.GetProperty("version").GetInt32());

        // A save from the version now read works; one without a version is refused, naming the field.
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await client.PutAsJsonAsync($"/api/v1/people/{id}/access", new { teams = new[] { "Team A", "Team B" }, version = 1 })
            ).StatusCode
        );
        var missing = await client.PutAsJsonAsync($"/api/v1/people/{id}/access", new { teams = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"version\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ConfidentialApi_TwoSavesOfTheSameVersion_OneIs200_TheOtherA409NamingTheFieldButNeverAValue(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var id = await TestApp.CreatePersonAsync(app.CreateClient(), "Lim Mony");

        var responses = await Task.WhenAll(
            new[] { SavedFirst, Typed }.Select(value =>
                holder.Client.PutAsJsonAsync(
                    $"/api/v1/people/{id}/confidential",
                    new { fields = new Dictionary<string, string> { ["health"] = value }, version = 0 }
                )
            )
        );

        var ok = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var body = await conflict.Content.ReadAsStringAsync();
        Assert.DoesNotContain("CANARY", body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(0, problem.GetProperty("yourVersion").GetInt32());
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(new[] { "health" }, problem.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()!).ToArray());

        var read = await holder.Client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}/confidential");
        Assert.Equal(1, read.GetProperty("version").GetInt32());
        var saved = read.GetProperty("fields").GetProperty("health").GetString();
        Assert.Contains(saved, new[] { SavedFirst, Typed });
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.ConfidentialValues.CountAsync(v => v.RecordId == id));
            var version = await db.PartVersions.SingleAsync(v => v.RecordId == id && v.Part == PartVersions.Confidential);
            // The version keeps ciphertexts only.
            Assert.DoesNotContain("CANARY", version.Data + version.Before, StringComparison.Ordinal);
        }

        // A stale save later is refused too; without a version it is a 400; without the grant a 403 that says nothing.
        var stale = await holder.Client.PutAsJsonAsync(
            $"/api/v1/people/{id}/confidential",
            new { fields = new Dictionary<string, string> { ["prison-address"] = "CANARY-stale" }, version = 0 }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.DoesNotContain("CANARY", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var missing = await holder.Client.PutAsJsonAsync(
            $"/api/v1/people/{id}/confidential",
            new { fields = new Dictionary<string, string> { ["health"] = "x" } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var plain = await app.AccountAsync(Roles.Monitor);
        var refused = await plain.Client.PutAsJsonAsync(
            $"/api/v1/people/{id}/confidential",
            new { fields = new Dictionary<string, string> { ["health"] = "x" }, version = 0 }
        );
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("CANARY", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.ConfidentialValues.CountAsync(v => v.RecordId == id));
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AccessForm_FromAStaleVersion_ShowsTheSavedList_KeepsWhatWasTyped_AndSavesOnTheSecondTry(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var id = await TestApp.CreatePersonAsync(client, "Lim Mony");
        await AddTeamsAsync(app, "Team A", "Team B");
        var colleague = await app.CreateUserAsync(Roles.Monitor);
        Dictionary<string, string> Form(string version) =>
            new()
            {
                ["Version"] = version,
                ["Emails"] = colleague.Email!,
                ["Teams"] = "Team B",
            };
        // The form was opened at version 0; someone else saved version 1 in between.
        (
            await client.PutAsJsonAsync($"/api/v1/people/{id}/access", new { teams = new[] { "Team A" }, version = 0 })
        ).EnsureSuccessStatusCode();

        var conflict = await TestApp.PostFormAsync(client, $"/access/people/{id}", Form("0"));

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var html = TestApp.WithoutCellLabels(await conflict.Content.ReadAsStringAsync());
        Assert.Contains("Someone else saved this record while you were editing.", html, StringComparison.Ordinal);
        // The saved list, labelled, beside the typed one, which the form still holds.
        Assert.Contains("<td>Teams</td><td><del></del></td><td><ins>Team A</ins></td>", html, StringComparison.Ordinal);
        Assert.Contains($">{colleague.Email}</textarea>", html, StringComparison.Ordinal);
        Assert.Matches("name=\"Teams\" value=\"Team B\" checked", html);
        Assert.Contains("name=\"Version\" value=\"1\"", html, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.RecordGrants.CountAsync(g => g.RecordId == id));
        }

        var again = await TestApp.PostFormAsync(client, $"/access/people/{id}", Form("1"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var now = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}/access");
        Assert.Equal(2, now.GetProperty("version").GetInt32());
        Assert.Equal(
            new[] { "Team B" },
            now.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray()
        );
        Assert.Equal(
            new[] { colleague.Email! },
            now.GetProperty("users").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray()
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ConfidentialForm_FromAStaleVersion_ShowsTheHolderTheSavedValue_KeepsWhatWasTyped_AndAuditsTheRead(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var id = await TestApp.CreatePersonAsync(app.CreateClient(), "Lim Mony");
        (
            await holder.Client.PutAsJsonAsync(
                $"/api/v1/people/{id}/confidential",
                new { fields = new Dictionary<string, string> { ["health"] = SavedFirst }, version = 0 }
            )
        ).EnsureSuccessStatusCode();
        int reads;
        await using (var db = app.OpenDb())
        {
            reads = await db.AuditEntries.CountAsync(a => a.RecordId == id && a.Action == "confidential-read");
        }

        var conflict = await TestApp.PostFormAsync(
            holder.Client,
            $"/confidential/people/{id}",
            new()
            {
                ["Version"] = "0",
                ["Values[health]"] = Typed,
                ["Values[prison-address]"] = "",
                ["Values[family-contacts]"] = "",
            }
        );

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var html = TestApp.WithoutCellLabels(await conflict.Content.ReadAsStringAsync());
        Assert.Contains("Someone else saved this record while you were editing.", html, StringComparison.Ordinal);
        Assert.Contains($"<td>Health details</td><td><del></del></td><td><ins>{SavedFirst}</ins></td>", html, StringComparison.Ordinal);
        Assert.Contains($">{Typed}</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Version\" value=\"1\"", html, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.PartVersions.CountAsync(v => v.RecordId == id));
            // The form's own read (GET) and the conflict panel's: each shown value is an audited read.
            Assert.Equal(reads + 2, await db.AuditEntries.CountAsync(a => a.RecordId == id && a.Action == "confidential-read"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.RecordId == id && a.Action == "confidential-updated"));
        }

        using var form = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        form.DefaultRequestHeaders.Authorization = new("Bearer", holder.Token);
        var again = await TestApp.PostFormAsync(
            form,
            $"/confidential/people/{id}",
            new()
            {
                ["Version"] = "1",
                ["Values[health]"] = Typed,
                ["Values[prison-address]"] = "",
                ["Values[family-contacts]"] = "",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal($"/confidential/people/{id}?saved=true", again.Headers.Location?.OriginalString);
        var read = await holder.Client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}/confidential");
        Assert.Equal(Typed, read.GetProperty("fields").GetProperty("health").GetString());
        Assert.Equal(2, read.GetProperty("version").GetInt32());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AConflict_NeverShowsAConfidentialValue_ToAnEditorWithoutTheGrant(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var plain = await app.AccountAsync(Roles.Monitor);
        var id = await TestApp.CreatePersonAsync(app.CreateClient(), "Lim Mony");
        // Someone with the grant changes the confidential values and the person after the plain editor opened the form.
        (
            await holder.Client.PutAsJsonAsync(
                $"/api/v1/people/{id}/confidential",
                new { fields = new Dictionary<string, string> { ["health"] = SavedFirst }, version = 0 }
            )
        ).EnsureSuccessStatusCode();
        (
            await holder.Client.PutAsJsonAsync(
                $"/api/v1/people/{id}",
                new
                {
                    name = "Lim Mony",
                    occupation = "Lawyer saved first",
                    version = 1,
                }
            )
        ).EnsureSuccessStatusCode();

        var personConflict = await TestApp.PostFormAsync(
            plain.Client,
            $"/people/{id}/edit",
            new()
            {
                ["Input.Version"] = "1",
                ["Input.Names[0].Text"] = "Lim Mony",
                ["Input.Names[0].Kind"] = "primary",
                ["Input.Occupation"] = "Teacher",
            }
        );
        var html = await personConflict.Content.ReadAsStringAsync();
        Assert.Contains("Lawyer saved first", html, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", html, StringComparison.Ordinal);

        // The confidential form from a stale version, by someone without the grant: refused before anything is compared.
        var confidential = await plain.Client.PostAsync(
            $"/confidential/people/{id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Version"] = "0", ["Values[health]"] = "x" })
        );
        Assert.Contains(confidential.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.BadRequest });
        Assert.DoesNotContain("CANARY", await confidential.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A viewer holding the grant may read the values but not save them: no conflict panel, no value in the refusal.
        var viewer = await app.AccountAsync(Roles.Viewer, confidential: true);
        var readerPost = await TestApp.PostFormAsync(
            viewer.Client,
            $"/confidential/people/{id}",
            new() { ["Version"] = "0", ["Values[health]"] = "x" }
        );
        Assert.Equal(HttpStatusCode.Forbidden, readerPost.StatusCode);
        Assert.DoesNotContain("CANARY", await readerPost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task AddTeamsAsync(TestApp app, params string[] names)
    {
        await using var db = app.OpenDb();
        foreach (var name in names)
        {
            db.Teams.Add(new Habeas.Platform.Access.Team { Name = name, CreatedAt = DateTimeOffset.UtcNow });
        }
        await db.SaveChangesAsync();
    }
}
