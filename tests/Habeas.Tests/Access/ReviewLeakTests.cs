using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Access;

/// <summary>
/// The reproductions of the security review of 2026-12-07 (findings 1, 3, 7 and 14), as the reviewer ran them: a
/// restricted record made by one monitor, read by another monitor, a viewer, a campaigner and a coordinator.
/// </summary>
public sealed class ReviewLeakTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ACitationOfARestrictedPersonOrEvent_IsInvisibleToWhoeverMayNotSeeIt_ThroughApiSourcePageAndEditPage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mon1 = await app.AccountAsync(Roles.Monitor);
        var mon2 = await app.AccountAsync(Roles.Monitor);
        var view = await app.AccountAsync(Roles.Viewer);
        var person = await IdOf(
            await mon1.Client.PostAsJsonAsync(
                "/api/v1/people",
                new { names = new[] { new { text = "Zorblat CanaryRestrictedPerson" } }, level = "restricted" }
            )
        );
        var ev = await IdOf(
            await mon1.Client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2020-01-10",
                    personIds = new[] { person },
                    level = "restricted",
                }
            )
        );
        var source = await IdOf(await mon1.Client.PostAsJsonAsync("/api/v1/sources", new { title = "Internal source" }));
        var citation = await IdOf(
            await mon1.Client.PostAsJsonAsync(
                "/api/v1/citations",
                new
                {
                    sourceId = source,
                    targetType = "person",
                    targetId = person,
                    quote = "CITECANARY quote about restricted person",
                }
            )
        );
        var eventCitation = await IdOf(
            await mon1.Client.PostAsJsonAsync(
                "/api/v1/citations",
                new
                {
                    sourceId = source,
                    targetType = "event",
                    targetId = ev,
                    quote = "CITEEVCANARY quote about restricted event",
                }
            )
        );

        // The author still sees both.
        Assert.Contains("CITECANARY", await mon1.Client.GetStringAsync($"/api/v1/citations?sourceId={source}"), StringComparison.Ordinal);
        Assert.Contains("CITEEVCANARY", await mon1.Client.GetStringAsync($"/sources/{source}"), StringComparison.Ordinal);
        foreach (var reader in new[] { mon2, view })
        {
            var bySource = await reader.Client.GetStringAsync($"/api/v1/citations?sourceId={source}");
            var byTarget = await reader.Client.GetStringAsync($"/api/v1/citations?targetType=person&targetId={person}");
            var page = await reader.Client.GetStringAsync($"/sources/{source}");
            foreach (var text in new[] { bySource, byTarget, page })
            {
                Assert.DoesNotContain("CITECANARY", text, StringComparison.Ordinal);
                Assert.DoesNotContain("CITEEVCANARY", text, StringComparison.Ordinal);
                Assert.DoesNotContain(person.ToString(), text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(ev.ToString(), text, StringComparison.OrdinalIgnoreCase);
            }
            foreach (var id in new[] { citation, eventCitation })
            {
                var edit = await reader.Client.GetAsync($"/citations/new?id={id}");
                Assert.True(edit.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)edit.StatusCode}");
                Assert.DoesNotContain("CANARY", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.GetAsync($"/history/citation/{id}")).StatusCode);
            }
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheActionOfARestrictedCase_AndItsLettersRepliesAndHistory_AreHiddenFromWhoeverMayNotSeeTheCase(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var mon1 = await app.AccountAsync(Roles.Monitor);
        var readers = new[]
        {
            await app.AccountAsync(Roles.Viewer),
            await app.AccountAsync(Roles.Monitor),
            await app.AccountAsync(Roles.Campaigner),
            await app.AccountAsync(Roles.Coordinator),
        };
        var caseId = await IdOf(
            await mon1.Client.PostAsJsonAsync("/api/v1/cases", new { title = "Restricted case", level = "restricted" })
        );
        var action = await IdOf(
            await admin.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA C/1",
                    kind = "urgent-action",
                    title = "TITLECANARY",
                    caseIds = new[] { caseId },
                    appealText = new { en = "APPEALCANARY" },
                }
            )
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await admin.PutAsJsonAsync($"/api/v1/actions/{action}/letters/en", new { text = "LETTERCANARY {{salutation}}" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/actions/{action}/issue", new { issuedOn = "2026-01-01" })).StatusCode
        );
        var target = await admin.PostAsJsonAsync(
            $"/api/v1/actions/{action}/targets",
            new
            {
                organisation = "Ministry of Interior",
                postalAddress = "TARGETCANARY street",
                language = "en",
            }
        );
        Assert.Equal(HttpStatusCode.Created, target.StatusCode);
        var reply = await IdOf(
            await admin.PostAsJsonAsync(
                $"/api/v1/actions/{action}/replies",
                new
                {
                    kind = "acknowledgement",
                    receivedOn = "2026-01-02",
                    summary = "REPLYCANARY thanks",
                }
            )
        );
        var template = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{action}/letters");
        Assert.Contains("LETTERCANARY", template.GetRawText(), StringComparison.Ordinal);

        string[] gets =
        [
            $"/api/v1/actions/{action}",
            $"/api/v1/actions/{action}/letters",
            $"/api/v1/actions/{action}/summary",
            $"/api/v1/actions/{action}/replies",
            $"/api/v1/actions/{action}/story",
            $"/api/v1/actions/{action}/cards",
            $"/actions/{action}",
            $"/actions/{action}/document",
            $"/actions/{action}/letters",
            $"/actions/{action}/cards",
            $"/actions/{action}/edit",
            $"/history/action/{action}",
            $"/history/reply/{reply}",
        ];
        foreach (var reader in readers)
        {
            foreach (var path in gets)
            {
                var response = await reader.Client.GetAsync(path);
                Assert.True(
                    response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                    $"{path} as {reader.Email}: {(int)response.StatusCode}"
                );
                Assert.DoesNotContain("CANARY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            foreach (var list in new[] { "/api/v1/actions", "/actions" })
            {
                Assert.DoesNotContain("TITLECANARY", await reader.Client.GetStringAsync(list), StringComparison.Ordinal);
            }
        }
        var coordinator = readers[3];
        var publish = await coordinator.Client.PostAsJsonAsync($"/api/v1/actions/{action}/publish", new { @public = true });
        Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await coordinator.Client.PostAsJsonAsync($"/api/v1/actions/{action}/targets", new { organisation = "Added" })).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAnonymousClient().GetAsync($"/act/{action}")).StatusCode);
        // The administrator, who sees the case, still sees everything.
        Assert.Contains("APPEALCANARY", await admin.GetStringAsync($"/api/v1/actions/{action}"), StringComparison.Ordinal);
        Assert.Contains("REPLYCANARY", await admin.GetStringAsync($"/history/reply/{reply}"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ACoordinatorWhoMayNotSeeEveryCase_CannotPublishTheAction(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        var mon1 = await app.AccountAsync(Roles.Monitor);
        var open = await IdOf(await coordinator.Client.PostAsJsonAsync("/api/v1/cases", new { title = "Open case" }));
        var action = await IdOf(
            await coordinator.Client.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA C/2",
                    kind = "urgent-action",
                    title = "t",
                    caseIds = new[] { open },
                }
            )
        );
        // The case is restricted afterwards by someone else: the coordinator no longer sees the action, nor may publish it.
        var restricted = await mon1.Client.PutAsJsonAsync(
            $"/api/v1/cases/{open}",
            new
            {
                title = "Open case",
                level = "restricted",
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await coordinator.Client.PostAsJsonAsync($"/api/v1/actions/{action}/publish", new { @public = true })).StatusCode
        );
        await using var db = app.OpenDb();
        db.Viewer = new Habeas.Platform.Access.Viewer(coordinator.User.Id, true, false, false, true);
        var tracked = await Habeas.Campaigns.Actions.ActionsApi.LoadAsync(db, action, CancellationToken.None);
        Assert.Null(tracked);
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        var loaded = (await Habeas.Campaigns.Actions.ActionsApi.LoadAsync(db, action, CancellationToken.None))!;
        db.Viewer = new Habeas.Platform.Access.Viewer(coordinator.User.Id, true, false, false, true);
        loaded.Public = true;
        // The check every page and endpoint that publishes an action makes before it saves (not the save itself).
        await Assert.ThrowsAsync<Habeas.Platform.Access.AccessDeniedException>(() =>
            Habeas.Campaigns.Actions.ActionPublishing.CheckAsync(db, loaded, wasPublic: false, CancellationToken.None)
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EveryVersionedTypeWithoutALevel_HasItsHistoryReadByItsOwnRule_AndUnknownTypesAre404(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var mon1 = await app.AccountAsync(Roles.Monitor);
        var view = await app.AccountAsync(Roles.Viewer);
        var person = await IdOf(
            await mon1.Client.PostAsJsonAsync(
                "/api/v1/people",
                new { names = new[] { new { text = "Restricted Someone" } }, level = "restricted" }
            )
        );
        Guid org,
            designation;
        await using (var db = app.OpenDb())
        {
            var organisation = new Habeas.Records.Organisations.Organisation { Kind = "ngo" };
            organisation.Names["en"] = "Some NGO";
            var d = new Habeas.Records.People.Designation
            {
                PersonId = person,
                OrganisationId = organisation.Id,
                Category = "prisoner-of-conscience",
                Rationale = "DESIGNATIONCANARY",
            };
            db.AddRange(organisation, d);
            await db.SaveChangesAsync();
            (org, designation) = (organisation.Id, d.Id);
        }
        Assert.Contains(
            "DESIGNATIONCANARY",
            await mon1.Client.GetStringAsync($"/history/designation/{designation}"),
            StringComparison.Ordinal
        );
        var hidden = await view.Client.GetAsync($"/history/designation/{designation}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await view.Client.GetAsync($"/history/organisation/{org}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/history/no-such-type/{org}")).StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AVisibleCase_DoesNotShowTheIdOfItsRestrictedDefendant_InItsChargesOrItsHistory(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mon1 = await app.AccountAsync(Roles.Monitor);
        var mon2 = await app.AccountAsync(Roles.Monitor);
        var person = await IdOf(
            await mon1.Client.PostAsJsonAsync(
                "/api/v1/people",
                new { names = new[] { new { text = "Hidden Defendant" } }, level = "restricted" }
            )
        );
        var caseId = await IdOf(
            await mon1.Client.PostAsJsonAsync(
                "/api/v1/cases",
                new { title = "Visible case", people = new[] { new { personId = person, role = "defendant" } } }
            )
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await mon1.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/charges", new { description = "Treason", personId = person })
            ).StatusCode
        );
        var ev = await IdOf(
            await mon1.Client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2020-01-10",
                    personIds = new[] { person },
                }
            )
        );

        Assert.Contains(person.ToString(), await mon1.Client.GetStringAsync($"/api/v1/cases/{caseId}"), StringComparison.OrdinalIgnoreCase);
        var charges = await mon2.Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        var charge = charges.GetProperty("charges")[0];
        Assert.Equal("Treason", charge.GetProperty("description").GetString());
        Assert.True(
            !charge.TryGetProperty("personId", out var defendant) || defendant.ValueKind == JsonValueKind.Null,
            charge.GetRawText()
        );
        foreach (var path in new[] { $"/api/v1/cases/{caseId}", $"/history/case/{caseId}", $"/history/event/{ev}", $"/cases/{caseId}" })
        {
            var text = await mon2.Client.GetStringAsync(path);
            Assert.DoesNotContain(person.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains(person.ToString(), await mon1.Client.GetStringAsync($"/history/case/{caseId}"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ImportingTheExternalIdOfAHiddenPerson_AnswersAsForAnAbsentOne_WithoutItsId(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        const string Mapping = """{ "system": "field-list", "columns": { "No.": "externalId", "Name": "name" } }""";
        Assert.Equal(
            HttpStatusCode.OK,
            (await app.CreateClient().PostAsync("/api/v1/import", Upload("No.;Name\n7;Hidden Person\n", Mapping))).StatusCode
        );
        Guid hidden;
        await using (var db = app.OpenDb())
        {
            var person = await db.People.SingleAsync();
            person.Level = Habeas.Platform.Access.RecordLevels.Restricted;
            await db.SaveChangesAsync();
            hidden = person.Id;
        }

        var byExternalId = await coordinator.Client.PostAsync("/api/v1/import", Upload("No.;Name\n7;Hidden Person\n", Mapping));
        var byAbsentId = await coordinator.Client.PostAsync(
            "/api/v1/import",
            Upload($"Id;Name\n{Guid.NewGuid()};Someone\n", """{ "columns": { "Id": "id", "Name": "name" } }""")
        );
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byExternalId.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byAbsentId.StatusCode);
        var hiddenText = await byExternalId.Content.ReadAsStringAsync();
        Assert.DoesNotContain(hidden.ToString(), hiddenText, StringComparison.OrdinalIgnoreCase);
        static string Message(string json) =>
            JsonDocument.Parse(json).RootElement.GetProperty("problems")[0].GetProperty("message").GetString()!;
        Assert.Equal(Message(await byAbsentId.Content.ReadAsStringAsync()), Message(hiddenText));
    }

    private static MultipartFormDataContent Upload(string csv, string mapping)
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "list.csv" }, { new StringContent(mapping), "mapping" } };
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }
}
