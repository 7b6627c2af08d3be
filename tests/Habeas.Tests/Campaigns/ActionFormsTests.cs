using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Campaigns.Actions;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Campaigns;

/// <summary>Every step of an action done in the browser's forms: the API's validation shown by field, what was typed
/// kept, lifecycle refusals explained, conflicts shown with the other change, and only campaigners offered the forms.</summary>
public sealed class ActionFormsTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ACampaigner_CreatesIssuesTargetsUpdatesCountsAndClosesAnAction_ThroughTheForms(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var campaigner = await ClientAsync(app, Roles.Campaigner);
        var person = await TestApp.CreatePersonAsync(admin, "Sok Yoeun");
        var caseId = await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/cases",
                new { title = "Extradition of Sok Yoeun", people = new[] { new { personId = person, role = "defendant" } } }
            )
        );
        var release = await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "release",
                    date = "2004-02-26",
                    personIds = new[] { person },
                }
            )
        );

        // A mistake: no title. The form comes back with the API's message and everything typed.
        var form = await Post(
            campaigner,
            "/actions/new",
            new()
            {
                ["Input.Code"] = "UA 309/02",
                ["Input.Kind"] = "urgent-action",
                ["Input.CaseIds"] = caseId.ToString(),
                ["Input.AppealText[km]"] = "សូមកុំបញ្ជូនសុខ យឿនត្រឡប់ទៅកម្ពុជាវិញ",
                ["Input.AppealText[th]"] = "โปรดอย่าส่งตัวกลับ",
            }
        );
        Assert.Contains("Give the action a title.", form, StringComparison.Ordinal);
        Assert.Contains("value=\"UA 309/02\"", form, StringComparison.Ordinal);
        Assert.Contains("សូមកុំបញ្ជូនសុខ យឿនត្រឡប់ទៅកម្ពុជាវិញ</textarea>", form, StringComparison.Ordinal);
        Assert.Contains("โปรดอย่าส่งตัวกลับ</textarea>", form, StringComparison.Ordinal);
        Assert.Matches($"value=\"{caseId}\" checked", form);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.CampaignActions.CountAsync());
        }

        var page = await Post(
            campaigner,
            "/actions/new",
            new()
            {
                ["Input.Code"] = "UA 309/02",
                ["Input.Kind"] = "urgent-action",
                ["Input.Title"] = "Cambodian opposition member at risk of forcible return",
                ["Input.CaseIds"] = caseId.ToString(),
                ["Input.Concerns"] = "prisoner-of-conscience",
                ["Input.AppealText[en]"] = "Do not return Sok Yoeun to Cambodia.",
            }
        );
        Guid action;
        await using (var db = app.OpenDb())
        {
            var ids = await db.CampaignActions.Select(a => a.Id).ToListAsync();
            Assert.True(ids.Count == 1, page);
            action = ids[0];
        }
        Assert.Contains("UA 309/02", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/actions/{action}/issue\"", page, StringComparison.Ordinal);

        // Nothing is sent for a draft: the reason is on the page, nothing is written.
        var refused = await Post(
            campaigner,
            $"/actions/{action}/outreach/new",
            new() { ["Input.Channel"] = "letter", ["Input.Count"] = "5" }
        );
        Assert.Contains("Nothing is sent for a draft: issue the action first.", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"5\"", refused, StringComparison.Ordinal);

        var badIssue = await Post(
            campaigner,
            $"/actions/{action}/issue",
            new() { ["Input.IssuedOn"] = "2002-11-19", ["Input.ActBy"] = "2002-10-01" }
        );
        Assert.Contains("Act by 1 October 2002 is before the action is issued (19 November 2002).", badIssue, StringComparison.Ordinal);
        Assert.Contains("value=\"2002-10-01\"", badIssue, StringComparison.Ordinal);
        await Post(campaigner, $"/actions/{action}/issue", new() { ["Input.IssuedOn"] = "2002-11-19", ["Input.ActBy"] = "2002-12-31" });
        var again = await Post(campaigner, $"/actions/{action}/issue", new() { ["Input.IssuedOn"] = "2002-11-20" });
        Assert.Contains("The action was issued before.", again, StringComparison.Ordinal);

        var badTarget = await Post(campaigner, $"/actions/{action}/targets/new", new() { ["Input.Salutation"] = "Dear Prime Minister" });
        Assert.Contains("Name the official", badTarget, StringComparison.Ordinal);
        Assert.Contains("value=\"Dear Prime Minister\"", badTarget, StringComparison.Ordinal);
        await Post(
            campaigner,
            $"/actions/{action}/targets/new",
            new()
            {
                ["Input.Title"] = "Prime Minister",
                ["Input.Name"] = "Thaksin Shinawatra",
                ["Input.Organisation"] = "Government House",
                ["Input.Salutation"] = "Dear Prime Minister",
                ["Input.Language"] = "th",
            }
        );
        Guid target;
        await using (var db = app.OpenDb())
        {
            target = (await db.CampaignTargets.SingleAsync()).Id;
        }

        var badUpdate = await Post(
            campaigner,
            $"/actions/{action}/updates/new",
            new() { ["Input.Text[en]"] = "Further information on UA 309/02" }
        );
        Assert.Contains("Say in a line what changed", badUpdate, StringComparison.Ordinal);
        Assert.Contains("Further information on UA 309/02</textarea>", badUpdate, StringComparison.Ordinal);
        await Post(
            campaigner,
            $"/actions/{action}/updates/new",
            new()
            {
                ["Input.WhatChanged"] = "UNHCR recognises Sok Yoeun as a refugee",
                ["Input.Text[en]"] = "Further information on UA 309/02",
                ["Input.IssuedOn"] = "2003-05-02",
            }
        );

        var badOutreach = await Post(
            campaigner,
            $"/actions/{action}/outreach/new",
            new()
            {
                ["Input.Channel"] = "card-to-prisoner",
                ["Input.Count"] = "3000",
                ["Input.Country"] = "Finland",
                ["Input.Date"] = "2003-12-20",
            }
        );
        Assert.Contains("Finland&#x27; is not a two-letter country code", badOutreach, StringComparison.Ordinal);
        Assert.Contains("value=\"3000\"", badOutreach, StringComparison.Ordinal);
        await Post(
            campaigner,
            $"/actions/{action}/outreach/new",
            new()
            {
                ["Input.Channel"] = "card-to-prisoner",
                ["Input.Count"] = "3000",
                ["Input.Country"] = "fi",
                ["Input.Date"] = "2003-12-20",
            }
        );
        await Post(
            campaigner,
            $"/actions/{action}/outreach/new",
            new()
            {
                ["Input.Channel"] = "letter",
                ["Input.Count"] = "40",
                ["Input.TargetId"] = target.ToString(),
                ["Input.Date"] = "2002-11-25",
            }
        );

        // The close form offers the events of the action's cases: the release among them.
        var closeForm = await campaigner.GetStringAsync($"/actions/{action}/close");
        Assert.Contains($"value=\"{release}\"", closeForm, StringComparison.Ordinal);
        var badClose = await Post(
            campaigner,
            $"/actions/{action}/close",
            new() { ["Input.Note"] = "Resettled in Finland.", ["Input.EventId"] = release.ToString() }
        );
        Assert.Contains("Choose the outcome: Released", badClose, StringComparison.Ordinal);
        Assert.Contains("Resettled in Finland.</textarea>", badClose, StringComparison.Ordinal);
        await Post(
            campaigner,
            $"/actions/{action}/close",
            new()
            {
                ["Input.Outcome"] = "released",
                ["Input.Date"] = "2004-02-26",
                ["Input.EventId"] = release.ToString(),
                ["Input.Note"] = "Resettled in Finland.",
            }
        );
        var closedAgain = await Post(campaigner, $"/actions/{action}/close", new() { ["Input.Outcome"] = "released" });
        Assert.Contains("The action is already closed.", closedAgain, StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            var saved = await db.CampaignActions.Include(a => a.Updates).Include(a => a.Targets).Include(a => a.Cases).SingleAsync();
            Assert.Equal("closed", saved.Status);
            Assert.Equal("released", saved.Outcome);
            Assert.Equal(release, saved.OutcomeEventId);
            Assert.Equal(new DateOnly(2002, 11, 19), saved.IssuedOn);
            Assert.Equal(new DateOnly(2004, 2, 26), saved.ClosedOn);
            Assert.Equal("UNHCR recognises Sok Yoeun as a refugee", Assert.Single(saved.Updates).WhatChanged);
            Assert.Equal(target, Assert.Single(saved.Targets).TargetId);
            Assert.Equal(caseId, Assert.Single(saved.Cases).CaseId);
            Assert.Equal(3040, await db.Outreach.SumAsync(o => o.Count));
            Assert.Equal("FI", (await db.Outreach.SingleAsync(o => o.Count == 3000)).Country);
        }
        var details = await campaigner.GetStringAsync($"/actions/{action}");
        Assert.Contains("3,000", details, StringComparison.Ordinal);
        Assert.Contains("<svg", details, StringComparison.Ordinal);
        Assert.Contains("Card to the prisoner", details, StringComparison.Ordinal);
        // Closed: only what a closed action can still take is offered.
        Assert.DoesNotContain($"href=\"/actions/{action}/close\"", details, StringComparison.Ordinal);
        Assert.Contains($"href=\"/actions/{action}/outreach/new\"", details, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task EditingFromAStaleVersion_ShowsTheConflictWithTheOtherChange_AndKeepsWhatWasTyped(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var campaigner = await ClientAsync(app, Roles.Campaigner);
        var action = await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA 12/24",
                    kind = "petition",
                    title = "First title",
                }
            )
        );

        // The campaigner opens the form at version 1 …
        var form = await campaigner.GetStringAsync($"/actions/{action}/edit");
        Assert.Contains("name=\"Input.Version\" value=\"1\"", form, StringComparison.Ordinal);
        // … someone saves in between (through the API, with the version read) …
        var put = await admin.PutAsJsonAsync(
            $"/api/v1/actions/{action}",
            new
            {
                version = 1,
                code = "UA 12/24",
                kind = "petition",
                title = "Changed by the coordinator",
            }
        );
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        // … and the API refuses a second save from version 1.
        var stale = await admin.PutAsJsonAsync(
            $"/api/v1/actions/{action}",
            new
            {
                version = 1,
                code = "UA 12/24",
                kind = "petition",
                title = "Stale",
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var conflict = await Post(
            campaigner,
            $"/actions/{action}/edit",
            new()
            {
                ["Input.Version"] = "1",
                ["Input.Code"] = "UA 12/24",
                ["Input.Kind"] = "petition",
                ["Input.Title"] = "The campaigner's title",
            }
        );
        Assert.Contains("Someone else saved this record while you were editing.", conflict, StringComparison.Ordinal);
        Assert.Contains("Changed by the coordinator", conflict, StringComparison.Ordinal);
        Assert.Contains("value=\"The campaigner&#x27;s title\"", conflict, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal("Changed by the coordinator", (await db.CampaignActions.SingleAsync()).Title);
        }

        // From the version now saved, the edit goes through.
        await Post(
            campaigner,
            $"/actions/{action}/edit",
            new()
            {
                ["Input.Version"] = "2",
                ["Input.Code"] = "UA 12/24",
                ["Input.Kind"] = "petition",
                ["Input.Title"] = "The campaigner's title",
            }
        );
        await using (var db = app.OpenDb())
        {
            var saved = await db.CampaignActions.SingleAsync();
            Assert.Equal("The campaigner's title", saved.Title);
            Assert.Equal(3, saved.Version);
        }
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnActionWithACaseTheEditorMayNotSee_IsNotTheirsToEdit_AndKeepsItsCases(string provider)
    {
        // Until the 2026-12-07 review, a campaigner edited such an action (its hidden cases kept); now the action itself is
        // hidden from whoever may not see every one of its cases (docs/visibility.md).
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var hidden = await CreatedId(await admin.PostAsJsonAsync("/api/v1/cases", new { title = "Witness case", level = "restricted" }));
        var visible = await CreatedId(await admin.PostAsJsonAsync("/api/v1/cases", new { title = "Public case" }));
        var action = await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA 13/24",
                    kind = "petition",
                    title = "T",
                    caseIds = new[] { hidden, visible },
                }
            )
        );

        var form = await campaigner.Client.GetAsync($"/actions/{action}/edit");
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        Assert.DoesNotContain("Witness case", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var put = await campaigner.Client.PutAsJsonAsync(
            $"/api/v1/actions/{action}",
            new
            {
                version = 1,
                code = "UA 13/24",
                kind = "petition",
                title = "T2",
                caseIds = Array.Empty<Guid>(),
            }
        );
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);

        await using var db = app.OpenDb();
        var saved = await db.CampaignActions.Include(a => a.Cases).SingleAsync();
        Assert.Equal("T", saved.Title);
        Assert.Equal(new[] { hidden, visible }.Order(), saved.Cases.Select(c => c.CaseId).Order());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ViewersAndMonitors_SeeNoForms_AndTheirPostsAreForbidden(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var action = await CreatedId(
            await app.CreateClient()
                .PostAsJsonAsync(
                    "/api/v1/actions",
                    new
                    {
                        code = "UA 14/24",
                        kind = "petition",
                        title = "Petition",
                    }
                )
        );
        var campaigner = await app.AccountAsync(Roles.Campaigner);
        Assert.Contains(
            $"href=\"/actions/{action}/edit\"",
            await campaigner.Client.GetStringAsync($"/actions/{action}"),
            StringComparison.Ordinal
        );
        Assert.Contains("href=\"/actions/new\"", await campaigner.Client.GetStringAsync("/actions"), StringComparison.Ordinal);

        foreach (var role in new[] { Roles.Viewer, Roles.Monitor })
        {
            var client = (await app.AccountAsync(role)).Client;
            var details = await client.GetStringAsync($"/actions/{action}");
            Assert.DoesNotContain($"/actions/{action}/edit", details, StringComparison.Ordinal);
            Assert.DoesNotContain($"/actions/{action}/issue", details, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/actions/new\"", await client.GetStringAsync("/actions"), StringComparison.Ordinal);
            foreach (
                var path in new[]
                {
                    "/actions/new",
                    $"/actions/{action}/edit",
                    $"/actions/{action}/issue",
                    $"/actions/{action}/targets/new",
                    $"/actions/{action}/updates/new",
                    $"/actions/{action}/outreach/new",
                    $"/actions/{action}/close",
                }
            )
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
                var post = await TestApp.PostFormAsync(
                    client,
                    path,
                    new()
                    {
                        ["Input.IssuedOn"] = "2024-01-01",
                        ["Input.Code"] = "X",
                        ["Input.Kind"] = "petition",
                        ["Input.Title"] = "X",
                    },
                    formPage: $"/actions/{action}"
                );
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{role} POST {path}: {post.StatusCode}");
            }
        }
        await using var db = app.OpenDb();
        var saved = await db.CampaignActions.SingleAsync();
        Assert.Equal("draft", saved.Status);
        Assert.Equal(1, saved.Version);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheForms_SpeakKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var action = await CreatedId(
            await app.CreateClient()
                .PostAsJsonAsync(
                    "/api/v1/actions",
                    new
                    {
                        code = "UA 15/24",
                        kind = "petition",
                        title = "Petition",
                    }
                )
        );
        var client = await ClientAsync(app, Roles.Campaigner);
        foreach (
            var path in new[]
            {
                "/actions/new",
                $"/actions/{action}/edit",
                $"/actions/{action}/issue",
                $"/actions/{action}/targets/new",
                $"/actions/{action}/updates/new",
                $"/actions/{action}/outreach/new",
                $"/actions/{action}/close",
                $"/actions/{action}",
                "/actions/numbers",
                "/actions",
            }
        )
        {
            foreach (var language in new[] { "en", "km" })
            {
                var response = await client.GetAsync($"{path}?lang={language}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} in {language}: {response.StatusCode}");
                Assert.DoesNotMatch(@"\[(actions|numbers|language)\.[a-zA-Z.]+\]", await response.Content.ReadAsStringAsync());
            }
        }
        var refused = await Post(
            client,
            $"/actions/{action}/updates/new?lang=km",
            new() { ["Input.WhatChanged"] = "x" },
            $"/actions/{action}/updates/new?lang=km"
        );
        Assert.Contains("សេចក្តីព្រាងមិនមានអ្វីត្រូវធ្វើបច្ចុប្បន្នភាពទេ", refused, StringComparison.Ordinal);
    }

    /// <summary>A client of a new account with this role that does not follow redirects (the test client would drop the token).</summary>
    internal static async Task<HttpClient> ClientAsync(TestApp app, string role)
    {
        var account = await app.AccountAsync(role);
        var client = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.Token);
        return client;
    }

    /// <summary>Posts a form; the page shown after it (the form again with its messages, or the page redirected to).</summary>
    private static async Task<string> Post(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var response = await TestApp.PostFormAsync(client, path, fields, formPage);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
        {
            return await client.GetStringAsync(response.Headers.Location!.OriginalString);
        }
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    internal static async Task<Guid> CreatedId(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }
}
