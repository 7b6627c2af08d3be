using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Tests.Files;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Retraction;

/// <summary>
/// Retraction and restoration (docs/retraction.md): every kind that can be retracted leaves the places that showed it at
/// once, answers 410 with its reason where it has a page of its own, stays in history, and is back after a restore.
/// </summary>
public sealed class RetractionTests
{
    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>One record and where it shows: a read whose answer holds the record's id while it stands.</summary>
    private sealed record Probe(string Segment, Guid Id, string ShownIn, string? OwnPage);

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EveryKind_LeavesWhereItShowed_AndComesBackWhenRestored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var campaigner = (await app.AccountAsync(Roles.Campaigner)).Client;
        var coordinator = (await app.AccountAsync(Roles.Coordinator)).Client;

        var action = await CampaignFiles.ClosedActionAsync(admin, close: false);
        var person = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{action.CaseId}"))
            .GetProperty("people")[0]
            .GetProperty("personId")
            .GetGuid();
        var charge = await IdAsync(
            await admin.PostAsJsonAsync($"/api/v1/cases/{action.CaseId}/charges", new { description = "Illegal entry", personId = person })
        );
        var source = await IdAsync(await admin.PostAsJsonAsync("/api/v1/sources", new { title = "Adhoc report, 2004" }));
        var citation = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/citations",
                new
                {
                    sourceId = source,
                    targetType = "event",
                    targetId = action.EventId,
                    quote = "released",
                }
            )
        );
        var adhoc = await IdAsync(await admin.PostAsJsonAsync("/api/v1/organisations", new { names = new { en = "Adhoc" }, kind = "ngo" }));
        var designation = await IdAsync(
            await admin.PostAsJsonAsync(
                $"/api/v1/people/{person}/designations",
                new { organisationId = adhoc, category = "political-prisoner" }
            )
        );
        var intervention = await IdAsync(
            await admin.PostAsJsonAsync($"/api/v1/cases/{action.CaseId}/interventions", new { kind = "legal-aid", lawyer = "Sam Sokong" })
        );
        var reply = await IdAsync(
            await admin.PostAsJsonAsync(
                $"/api/v1/actions/{action.ActionId}/replies",
                new
                {
                    kind = "acknowledgement",
                    receivedOn = "2003-12-30",
                    summary = "Thanks for the cards.",
                }
            )
        );
        var file = await CampaignFiles.UploadedIdAsync(admin, action.ActionId, "%PDF-1.4\nA letter.\n"u8.ToArray(), "letter.pdf");

        var probes = new Probe[]
        {
            new("charges", charge, $"/api/v1/cases/{action.CaseId}", null),
            new("citations", citation, $"/api/v1/citations?sourceId={source}", null),
            new("designations", designation, $"/people/{person}", null),
            new("interventions", intervention, $"/cases/{action.CaseId}", null),
            new("events", action.EventId, $"/api/v1/cases/{action.CaseId}", $"/api/v1/events/{action.EventId}"),
            new("sources", source, "/api/v1/sources", $"/api/v1/sources/{source}"),
            new("people", person, "/api/v1/search/people?q=Sok%20Yoeun", $"/api/v1/people/{person}"),
            new("cases", action.CaseId, "/api/v1/cases", $"/api/v1/cases/{action.CaseId}"),
            new("targets", action.TargetId, $"/api/v1/actions/{action.ActionId}", null),
            new("replies", reply, $"/api/v1/actions/{action.ActionId}/replies", null),
            new("files", file, $"/api/v1/actions/{action.ActionId}/replies", $"/files/{file}"),
            new("actions", action.ActionId, "/api/v1/actions", $"/api/v1/actions/{action.ActionId}"),
        };
        // Files show in their action's list of files; the reply list is a stand-in only when the API has no file list.
        probes[10] = probes[10] with { ShownIn = $"/api/v1/actions/{action.ActionId}" };
        Assert.Equal(
            Habeas.Platform.Retraction.Retractions.Kinds.Select(k => k.Segment).Order(StringComparer.Ordinal),
            probes.Select(p => p.Segment).Order(StringComparer.Ordinal)
        );

        foreach (var probe in probes)
        {
            var editor = probe.Segment is "actions" or "targets" or "replies" or "files" ? campaigner : monitor;
            if (probe.Segment != "files")
            {
                Assert.True(await ShowsAsync(admin, probe), $"{probe.Segment} should show in {probe.ShownIn} before");
            }
            if (probe.OwnPage is not null)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(probe.OwnPage)).StatusCode);
            }

            var retracted = await editor.PostAsJsonAsync(
                $"/api/v1/{probe.Segment}/{probe.Id}/retract",
                new { reason = $"Entered by mistake ({probe.Segment})" }
            );
            Assert.True(
                retracted.StatusCode == HttpStatusCode.OK,
                $"{probe.Segment}: {retracted.StatusCode} {await retracted.Content.ReadAsStringAsync()}"
            );
            Assert.False(await ShowsAsync(admin, probe), $"{probe.Segment} still shows in {probe.ShownIn}");
            if (probe.OwnPage is not null)
            {
                var gone = await admin.GetAsync(probe.OwnPage);
                Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
                if (probe.OwnPage.StartsWith("/api/", StringComparison.Ordinal))
                {
                    var problem = await gone.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.Equal($"Entered by mistake ({probe.Segment})", problem.GetProperty("detail").GetString());
                }
            }
            // Twice is refused; only a coordinator restores.
            Assert.Equal(
                HttpStatusCode.Conflict,
                (await editor.PostAsJsonAsync($"/api/v1/{probe.Segment}/{probe.Id}/retract", new { reason = "again" })).StatusCode
            );
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await editor.PostAsync($"/api/v1/{probe.Segment}/{probe.Id}/restore", null)).StatusCode
            );
            var listed = await coordinator.GetStringAsync("/api/v1/retracted");
            Assert.Contains(probe.Id.ToString(), listed, StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/v1/{probe.Segment}/{probe.Id}/restore", null)).StatusCode);
            if (probe.Segment != "files")
            {
                Assert.True(await ShowsAsync(admin, probe), $"{probe.Segment} should show in {probe.ShownIn} after the restore");
            }
            if (probe.OwnPage is not null)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(probe.OwnPage)).StatusCode);
            }
        }

        // History and the audit log keep both changes, with the reason.
        await using var db = app.OpenDb();
        var versions = await db
            .RecordVersions.Where(v => v.RecordType == "person" && v.RecordId == person)
            .OrderBy(v => v.Version)
            .ToListAsync();
        var retraction = versions.Single(v => v.Change == "retracted");
        Assert.Contains("Entered by mistake (people)", retraction.Data, StringComparison.Ordinal);
        Assert.Equal("restored", versions[^1].Change);
        Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Action == "retracted" && e.RecordType == "file" && e.RecordId == file);
        Assert.Null(await Habeas.Platform.Audit.AuditLog.VerifyAsync(db, CancellationToken.None));
    }

    private static async Task<bool> ShowsAsync(HttpClient client, Probe probe)
    {
        var response = await client.GetAsync(probe.ShownIn);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Contains(probe.Id.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARetractedRelease_LeavesCustodyStatisticsAndThePublicSite_AtOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var coordinator = (await app.AccountAsync(Roles.Coordinator)).Client;
        var anonymous = app.CreateAnonymousClient();
        var person = await IdAsync(await coordinator.PostAsJsonAsync("/api/v1/people", new { name = "Tep Vanny", level = "public" }));
        await IdAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2020-01-10",
                    personIds = new[] { person },
                    level = "public",
                }
            )
        );
        // The release typed with the wrong year: 2020 for 2023.
        var release = await IdAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "release",
                    date = "2020-03-01",
                    personIds = new[] { person },
                    level = "public",
                }
            )
        );
        const string Figure = "/api/v1/statistics/figures/detained?from=2021-06-01&to=2021-06-01&interval=day";
        const string PublicFigure = "/public/statistics/detained.json?from=2021-06-01&to=2021-06-01&interval=day";
        Assert.Equal(0, await DetainedAsync(monitor, Figure));
        Assert.Equal(0, await DetainedAsync(anonymous, PublicFigure));
        Assert.Contains("\"status\":\"free\"", await StatusAsync(monitor, person), StringComparison.Ordinal);
        Assert.Contains(release.ToString(), await anonymous.GetStringAsync("/public/feed.atom"), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(
            HttpStatusCode.OK,
            (
                await monitor.PostAsJsonAsync($"/api/v1/events/{release}/retract", new { reason = "Wrong year: released in 2023." })
            ).StatusCode
        );
        Assert.Equal(1, await DetainedAsync(monitor, Figure));
        Assert.Equal(1, await DetainedAsync(anonymous, PublicFigure));
        Assert.DoesNotContain("\"status\":\"free\"", await StatusAsync(monitor, person), StringComparison.Ordinal);
        Assert.DoesNotContain(release.ToString(), await anonymous.GetStringAsync("/public/feed.atom"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(
            release.ToString(),
            await anonymous.GetStringAsync($"/public/people/{person}"),
            StringComparison.OrdinalIgnoreCase
        );

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/v1/events/{release}/restore", null)).StatusCode);
        Assert.Equal(0, await DetainedAsync(monitor, Figure));
        Assert.Equal(0, await DetainedAsync(anonymous, PublicFigure));

        // A retracted person leaves the public list, their public page (410, no reason), search and the figures.
        Assert.Equal(
            HttpStatusCode.OK,
            (await monitor.PostAsJsonAsync($"/api/v1/events/{release}/retract", new { reason = "Wrong year." })).StatusCode
        );
        Assert.Contains("Tep Vanny", await anonymous.GetStringAsync("/public"), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await monitor.PostAsJsonAsync($"/api/v1/people/{person}/retract", new { reason = "PRIVATE-REASON a duplicate record" })
            ).StatusCode
        );
        Assert.DoesNotContain("Tep Vanny", await anonymous.GetStringAsync("/public"), StringComparison.Ordinal);
        var publicPage = await anonymous.GetAsync($"/public/people/{person}");
        Assert.Equal(HttpStatusCode.Gone, publicPage.StatusCode);
        Assert.DoesNotContain("PRIVATE-REASON", await publicPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(
            person.ToString(),
            await monitor.GetStringAsync("/api/v1/search/people?q=Tep%20Vanny"),
            StringComparison.Ordinal
        );
        Assert.Equal(0, await DetainedAsync(monitor, Figure));
        Assert.Equal(0, await DetainedAsync(anonymous, PublicFigure));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/v1/people/{person}/restore", null)).StatusCode);
        Assert.Equal(1, await DetainedAsync(anonymous, PublicFigure));
        Assert.Contains("Tep Vanny", await anonymous.GetStringAsync("/public"), StringComparison.Ordinal);
    }

    private static async Task<double> DetainedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {body}");
        var rows = JsonDocument.Parse(body).RootElement.GetProperty("rows");
        return rows[0].GetProperty("values")[0].GetDouble();
    }

    private static async Task<string> StatusAsync(HttpClient client, Guid person) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}")).GetProperty("custody").ToString();

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AFile_IsRetractedByWhoeverMayEditItsOwner_AMonitorASourcesFile_ACampaignerAnActionsFile(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var campaigner = (await app.AccountAsync(Roles.Campaigner)).Client;
        var action = await CampaignFiles.ClosedActionAsync(admin, close: false);
        var actionFile = await CampaignFiles.UploadedIdAsync(admin, action.ActionId, "%PDF-1.4\nA letter.\n"u8.ToArray(), "letter.pdf");
        var source = await IdAsync(await admin.PostAsJsonAsync("/api/v1/sources", new { title = "Court decision, 12 March" }));
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("%PDF-1.4\nThe decision.\n"u8.ToArray()), "file", "decision.pdf" },
        };
        var sourceFile = await IdAsync(await admin.PostAsync($"/api/v1/sources/{source}/files", form));

        Task<HttpResponseMessage> Retract(HttpClient client, Guid file) =>
            client.PostAsJsonAsync($"/api/v1/files/{file}/retract", new { reason = "The wrong scan" });

        var refused = await Retract(campaigner, sourceFile);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("may not retract", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Retract(monitor, actionFile)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Retract(monitor, sourceFile)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Retract(campaigner, actionFile)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Retract(await ViewerAsync(app), sourceFile)).StatusCode);

        // The page asks the same of a monitor signed in: a source's file yes, an action's file no.
        var browser = app.CreateAnonymousClient();
        await app.SignInAsync(browser, await app.CreateUserAsync(Roles.Monitor));
        var other = await IdAsync(
            await admin.PostAsync(
                $"/api/v1/sources/{source}/files",
                new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\nAnother.\n"u8.ToArray()), "file", "other.pdf" } }
            )
        );
        var actionOther = await CampaignFiles.UploadedIdAsync(
            admin,
            action.ActionId,
            "%PDF-1.4\nAnother letter.\n"u8.ToArray(),
            "other.pdf"
        );
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/retract/files/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/retract/files/{actionOther}")).StatusCode);
    }

    private static async Task<HttpClient> ViewerAsync(TestApp app) => (await app.AccountAsync(Roles.Viewer)).Client;

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Refusals_AreClear_AndNoOneOutsideTheRecordLearnsItWasRetracted(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        var other = (await app.AccountAsync(Roles.Monitor)).Client;
        var viewer = (await app.AccountAsync(Roles.Viewer)).Client;
        var hidden = await IdAsync(await monitor.PostAsJsonAsync("/api/v1/people", new { name = "Hidden Person", level = "restricted" }));
        var open = await IdAsync(await monitor.PostAsJsonAsync("/api/v1/people", new { name = "Open Person" }));

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await viewer.PostAsJsonAsync($"/api/v1/people/{open}/retract", new { reason = "no" })).StatusCode
        );
        var noReason = await monitor.PostAsJsonAsync($"/api/v1/people/{open}/retract", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await monitor.PostAsJsonAsync($"/api/v1/people/{open}/retract", new { reason = new string('x', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("501", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/people/{open}")).StatusCode);

        // A restricted record another monitor may not see: 404 before and after, never 410.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await other.PostAsJsonAsync($"/api/v1/people/{hidden}/retract", new { reason = "probe" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await monitor.PostAsJsonAsync($"/api/v1/people/{hidden}/retract", new { reason = "Duplicate" })).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/people/{hidden}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/people/{hidden}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await monitor.GetAsync($"/api/v1/people/{hidden}")).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task InTheBrowser_AMonitorRetractsWithAReason_InKhmer_AndACoordinatorRestores(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var monitorUser = await app.CreateUserAsync(Roles.Monitor);
        var monitor = app.CreateClient(new() { AllowAutoRedirect = false });
        monitor.DefaultRequestHeaders.Authorization = null; // the cookie of the monitor's sign-in, not the host's token
        await app.SignInAsync(monitor, monitorUser);
        monitor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");
        var person = await TestApp.CreatePersonAsync(app.CreateClient(), "Kem Sokha");

        var personPage = await monitor.GetStringAsync($"/people/{person}");
        Assert.Contains($"/retract/people/{person}?returnUrl=", personPage, StringComparison.Ordinal);
        var formPath = $"/retract/people/{person}?returnUrl=%2Fpeople";
        var form = await monitor.GetStringAsync(formPath);
        Assert.Contains("ដកកំណត់ត្រាចេញ", form, StringComparison.Ordinal);

        // No reason: the form again, in Khmer, naming the problem.
        var refused = await TestApp.PostFormAsync(monitor, formPath, new() { ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("មូលហេតុ៖ សូមប្រាប់ពីមូលហេតុ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var done = await TestApp.PostFormAsync(monitor, formPath, new() { ["Reason"] = "កត់ត្រាស្ទួន" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/people", done.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Kem Sokha", await monitor.GetStringAsync("/people"), StringComparison.Ordinal);
        var gone = await monitor.GetAsync($"/people/{person}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var goneText = await gone.Content.ReadAsStringAsync();
        Assert.Contains("កត់ត្រាស្ទួន", goneText, StringComparison.Ordinal);
        Assert.DoesNotContain("retracted?handler=Restore", goneText, StringComparison.Ordinal); // a monitor does not restore

        var coordinatorUser = await app.CreateUserAsync(Roles.Coordinator);
        var coordinator = app.CreateClient(new() { AllowAutoRedirect = false });
        coordinator.DefaultRequestHeaders.Authorization = null;
        await app.SignInAsync(coordinator, coordinatorUser);
        var list = await coordinator.GetStringAsync("/retracted");
        Assert.Contains("កត់ត្រាស្ទួន", list, StringComparison.Ordinal);
        var restored = await TestApp.PostFormAsync(
            coordinator,
            "/retracted?handler=Restore",
            new() { ["segment"] = "people", ["id"] = person.ToString() },
            "/retracted"
        );
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync($"/people/{person}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.GetAsync("/retracted")).StatusCode);
    }
}
