using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Publishing.Publication;
using Habeas.Records.Cases;
using Habeas.Records.Custody;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Public;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Publication;

/// <summary>Publishing a case in one step (/cases/{id}/publish, POST /api/v1/cases/{id}/publish) and the staff preview of
/// public pages (?preview=1).</summary>
public sealed class CasePublicationTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>An internal case with two defendants, a witness who is only in an event, three events, a restricted event, a
    /// restricted co-defendant, and a source cited for the first event.</summary>
    private sealed record World(
        Guid Case,
        Guid Sok,
        Guid Vanna,
        Guid Witness,
        Guid Hidden,
        Guid[] Events,
        Guid RestrictedEvent,
        Guid Source
    );

    private static async Task<World> WorldAsync(TestApp app)
    {
        await using var db = app.OpenDb();
        var sok = PublicSiteTests.NewPerson("Sok Pubcase", RecordLevels.Internal);
        var vanna = PublicSiteTests.NewPerson("Vanna Pubcase", RecordLevels.Internal);
        var witness = PublicSiteTests.NewPerson("Witness Pubcase", RecordLevels.Internal);
        var hidden = PublicSiteTests.NewPerson("Hidden Pubcase", RecordLevels.Restricted);
        var @case = new Case { Title = "The case of Sok and Vanna", Level = RecordLevels.Internal };
        foreach (var (person, role) in new[] { (sok, "defendant"), (vanna, "co-defendant"), (hidden, "co-defendant") })
        {
            @case.Participants.Add(
                new CaseParticipant
                {
                    CaseId = @case.Id,
                    PersonId = person.Id,
                    Role = role,
                }
            );
        }
        @case.Charges.Add(
            new Charge
            {
                CaseId = @case.Id,
                Description = "Incitement",
                State = "pending",
            }
        );
        var source = new Source { Title = "Court record of Sok and Vanna", Level = RecordLevels.Internal };
        db.AddRange(sok, vanna, witness, hidden, @case, source);
        await db.SaveChangesAsync();
        var events = new[]
        {
            PublicSiteTests.NewEvent(
                "arrest",
                "2024-03-01",
                RecordLevels.Internal,
                @case.Id,
                null,
                "Sok and Vanna arrested",
                sok.Id,
                vanna.Id
            ),
            PublicSiteTests.NewEvent(
                "pre-trial-detention-order",
                "2024-03-03",
                RecordLevels.Internal,
                @case.Id,
                null,
                "Detention ordered",
                sok.Id,
                witness.Id
            ),
            PublicSiteTests.NewEvent("hearing", "2024-06-10", RecordLevels.Internal, @case.Id, null, "First hearing", vanna.Id),
        };
        var restricted = PublicSiteTests.NewEvent(
            "hearing",
            "2024-07-10",
            RecordLevels.Restricted,
            @case.Id,
            null,
            "Closed hearing",
            sok.Id
        );
        db.AddRange(events);
        db.Add(restricted);
        await db.SaveChangesAsync();
        db.Add(
            new Citation
            {
                SourceId = source.Id,
                TargetType = "event",
                TargetId = events[0].Id,
                Quote = "They were taken at dawn",
            }
        );
        await db.SaveChangesAsync();
        return new World(@case.Id, sok.Id, vanna.Id, witness.Id, hidden.Id, events.Select(e => e.Id).ToArray(), restricted.Id, source.Id);
    }

    private static async Task<List<XElement>> FeedAsync(HttpClient anonymous) =>
        XDocument.Parse(await anonymous.GetStringAsync("/public/feed.atom")).Root!.Elements(Atom + "entry").ToList();

    private static async Task<Dictionary<Guid, string>> LevelsAsync(TestApp app, World w)
    {
        await using var db = app.OpenDb();
        var levels = new Dictionary<Guid, string>();
        foreach (var p in await db.People.Where(p => new[] { w.Sok, w.Vanna, w.Witness, w.Hidden }.Contains(p.Id)).ToListAsync())
        {
            levels[p.Id] = p.Level;
        }
        foreach (var e in await db.Events.Where(e => e.CaseId == w.Case).ToListAsync())
        {
            levels[e.Id] = e.Level;
        }
        levels[w.Case] = (await db.Cases.SingleAsync(c => c.Id == w.Case)).Level;
        levels[w.Source] = (await db.Sources.SingleAsync(s => s.Id == w.Source)).Level;
        return levels;
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Publish_MakesExactlyTheChosenRecordsPublic_InOneSave_WithOneFeedEntry_AndUnpublishReversesIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        using var anonymous = app.CreateAnonymousClient();
        var before = await FeedAsync(anonymous);
        long auditBefore;
        int versionsBefore;
        await using (var db = app.OpenDb())
        {
            auditBefore = await db.AuditEntries.CountAsync();
            versionsBefore = await db.RecordVersions.CountAsync();
        }
        Guid[] chosen = [w.Case, w.Sok, w.Vanna, .. w.Events, w.Source];

        using var published = await coordinator.Client.PostAsJsonAsync($"/api/v1/cases/{w.Case}/publish", new { records = chosen });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var levels = await LevelsAsync(app, w);
        Assert.All(chosen, id => Assert.Equal(RecordLevels.Public, levels[id]));
        // Not ticked: stays internal; restricted: never touched.
        Assert.Equal(RecordLevels.Internal, levels[w.Witness]);
        Assert.Equal(RecordLevels.Restricted, levels[w.Hidden]);
        Assert.Equal(RecordLevels.Restricted, levels[w.RestrictedEvent]);
        await using (var db = app.OpenDb())
        {
            // One save: a version and an audit entry per record, and one publication entry, all at the same time.
            var versions = await db.RecordVersions.OrderBy(v => v.Id).Skip(versionsBefore).ToListAsync();
            Assert.Equal(chosen.Order(), versions.Select(v => v.RecordId).Order());
            Assert.Single(versions.Select(v => v.ChangedAt).Distinct());
            var audit = await db.AuditEntries.OrderBy(e => e.Sequence).Skip((int)auditBefore).ToListAsync();
            Assert.Equal(chosen.Length + 1, audit.Count);
            var publication = Assert.Single(audit, e => e.RecordType == CasePublication.AuditType);
            Assert.Equal(CasePublication.PublishedAction, publication.Action);
            Assert.Equal(w.Case, publication.RecordId);
            Assert.Single(audit.Select(e => e.At).Distinct());
            // The public custody of the published people is rebuilt in the same save.
            Assert.True(await db.PublishedCustodyPeriods.AnyAsync(p => p.PersonId == w.Sok));
        }
        var after = await FeedAsync(anonymous);
        Assert.Equal(before.Count + 1, after.Count);
        var entry = after[0];
        Assert.Equal("Published: The case of Sok and Vanna", entry.Element(Atom + "title")!.Value);
        Assert.Equal("Case published — people: 2, events: 3, sources: 1", entry.Element(Atom + "summary")!.Value);
        Assert.EndsWith($"/public/cases/{w.Case}", (string)entry.Element(Atom + "link")!.Attribute("href")!, StringComparison.Ordinal);
        Assert.DoesNotContain(after, e => e.Element(Atom + "title")!.Value.Contains("Sok Pubcase", StringComparison.Ordinal));
        // The public case page shows what was ticked, and nothing else.
        var page = await anonymous.GetStringAsync($"/public/cases/{w.Case}");
        Assert.Contains("Sok Pubcase", page, StringComparison.Ordinal);
        Assert.Contains("Vanna Pubcase", page, StringComparison.Ordinal);
        Assert.Contains("Court record of Sok and Vanna", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Witness Pubcase", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Pubcase", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Closed hearing", page, StringComparison.Ordinal);

        // Unpublish everything but one event, in one step: the publication's entry now speaks of that event only.
        using var unpublished = await coordinator.Client.PostAsJsonAsync(
            $"/api/v1/cases/{w.Case}/unpublish",
            new { records = chosen.Where(id => id != w.Events[2]).ToArray() }
        );
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        levels = await LevelsAsync(app, w);
        Assert.All(chosen.Where(id => id != w.Events[2]), id => Assert.Equal(RecordLevels.Internal, levels[id]));
        Assert.Equal(RecordLevels.Public, levels[w.Events[2]]);
        using var gone = await anonymous.GetAsync($"/public/cases/{w.Case}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var afterUnpublishing = await FeedAsync(anonymous);
        Assert.Equal(before.Count + 1, afterUnpublishing.Count);
        Assert.DoesNotContain("The case of Sok and Vanna", afterUnpublishing[0].Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal("Case published — people: 0, events: 1, sources: 0", afterUnpublishing[0].Element(Atom + "summary")!.Value);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(
                1,
                await db.AuditEntries.CountAsync(e =>
                    e.RecordType == CasePublication.AuditType && e.Action == CasePublication.UnpublishedAction
                )
            );
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Publish_RefusesRestrictedRecordsAndStrangers_AndOnlyPublishersMayPublish_SavingNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        var administrator = await app.AccountAsync(Roles.Administrator);
        var monitor = await app.AccountAsync(Roles.Monitor);

        // Even an administrator, who sees them, cannot publish a restricted record with its case; the rest is not saved.
        using var restricted = await administrator.Client.PostAsJsonAsync(
            $"/api/v1/cases/{w.Case}/publish",
            new { records = new[] { w.Case, w.Witness, w.RestrictedEvent, w.Hidden } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, restricted.StatusCode);
        using var stranger = await administrator.Client.PostAsJsonAsync(
            $"/api/v1/cases/{w.Case}/publish",
            new { records = new[] { w.Case, Guid.NewGuid() } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        using var nothing = await administrator.Client.PostAsJsonAsync(
            $"/api/v1/cases/{w.Case}/publish",
            new { records = Array.Empty<Guid>() }
        );
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        using var byMonitor = await monitor.Client.PostAsJsonAsync($"/api/v1/cases/{w.Case}/publish", new { records = new[] { w.Case } });
        Assert.Equal(HttpStatusCode.Forbidden, byMonitor.StatusCode);
        using var noCase = await administrator.Client.PostAsJsonAsync(
            $"/api/v1/cases/{Guid.NewGuid()}/publish",
            new { records = new[] { w.Case } }
        );
        Assert.Equal(HttpStatusCode.NotFound, noCase.StatusCode);

        var levels = await LevelsAsync(app, w);
        Assert.Equal(RecordLevels.Internal, levels[w.Case]);
        Assert.Equal(RecordLevels.Internal, levels[w.Witness]);
        Assert.Equal(RecordLevels.Restricted, levels[w.RestrictedEvent]);
        Assert.Equal(RecordLevels.Restricted, levels[w.Hidden]);
        await using var db = app.OpenDb();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.RecordType == CasePublication.AuditType));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ThePublishPage_ShowsEachRecordWithATick_AndThePublicPreview_ThenPublishesTheTickedOnes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);
        await using (var db = app.OpenDb())
        {
            // The coordinator is named on the restricted records, so they see them (and still may not publish them here).
            db.RecordGrants.AddRange(
                new RecordGrant
                {
                    RecordType = "event",
                    RecordId = w.RestrictedEvent,
                    UserId = coordinator.Id,
                },
                new RecordGrant
                {
                    RecordType = "person",
                    RecordId = w.Hidden,
                    UserId = coordinator.Id,
                }
            );
            await db.SaveChangesAsync();
        }
        using var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, coordinator);

        var casePage = await client.GetStringAsync($"/cases/{w.Case}");
        Assert.Contains($"href=\"/cases/{w.Case}/publish\"", casePage, StringComparison.Ordinal);
        var page = await client.GetStringAsync($"/cases/{w.Case}/publish");
        // Defendants, events and the source are ticked at first; the witness is offered unticked; restricted records are
        // listed with the reason and no tick.
        Assert.Contains($"value=\"{w.Sok}\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{w.Events[1]}\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{w.Source}\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"records\" value=\"{w.Witness}\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{w.RestrictedEvent}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{w.Hidden}\"", page, StringComparison.Ordinal);
        Assert.Contains("Hidden Pubcase", page, StringComparison.Ordinal);
        Assert.Contains("Restricted: cannot be published with the case", page, StringComparison.Ordinal);
        // The preview is the public case partial, with the ticked records as if published.
        Assert.Contains("Preview — not public.", page, StringComparison.Ordinal);
        Assert.Contains("<article class=\"public-case\">", page, StringComparison.Ordinal);
        Assert.Contains("Sok and Vanna arrested", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Closed hearing", page, StringComparison.Ordinal);

        // "Update preview" with only the case and one event ticked: the defendants are not in the preview; nothing saved.
        using var preview = await TestApp.PostFormAsync(
            client,
            $"/cases/{w.Case}/publish?handler=Preview",
            new() { ["records[0]"] = w.Case.ToString(), ["records[1]"] = w.Events[2].ToString() },
            $"/cases/{w.Case}/publish"
        );
        var previewed = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("First hearing", previewed, StringComparison.Ordinal);
        Assert.DoesNotContain("Sok and Vanna arrested", previewed, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"/public/people/", previewed.Split("public-case")[1], StringComparison.Ordinal);
        Assert.Equal(RecordLevels.Internal, (await LevelsAsync(app, w))[w.Case]);

        using var saved = await TestApp.PostFormAsync(
            client,
            $"/cases/{w.Case}/publish",
            new()
            {
                ["records[0]"] = w.Case.ToString(),
                ["records[1]"] = w.Sok.ToString(),
                ["records[2]"] = w.Events[0].ToString(),
            }
        );
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("3 records published.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var levels = await LevelsAsync(app, w);
        Assert.Equal(RecordLevels.Public, levels[w.Case]);
        Assert.Equal(RecordLevels.Public, levels[w.Sok]);
        Assert.Equal(RecordLevels.Public, levels[w.Events[0]]);
        Assert.Equal(RecordLevels.Internal, levels[w.Vanna]);
        Assert.Equal(RecordLevels.Internal, levels[w.Source]);

        // Unpublish: the case only, from its own page; what was not ticked stays public.
        Assert.Contains($"href=\"/cases/{w.Case}/unpublish\"", await client.GetStringAsync($"/cases/{w.Case}"), StringComparison.Ordinal);
        using var back = await TestApp.PostFormAsync(client, $"/cases/{w.Case}/unpublish", new() { ["records[0]"] = w.Case.ToString() });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        levels = await LevelsAsync(app, w);
        Assert.Equal(RecordLevels.Internal, levels[w.Case]);
        Assert.Equal(RecordLevels.Public, levels[w.Sok]);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ThePublishPage_IsForCoordinators_AndRendersInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        using var monitor = app.CreateAnonymousClient();
        await app.SignInAsync(monitor, await app.CreateUserAsync(Roles.Monitor));
        using var refused = await monitor.GetAsync($"/cases/{w.Case}/publish");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain($"/cases/{w.Case}/publish", await monitor.GetStringAsync($"/cases/{w.Case}"), StringComparison.Ordinal);

        using var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");
        await app.SignInAsync(client, await app.CreateUserAsync(Roles.Coordinator));
        using var response = await client.GetAsync($"/cases/{w.Case}/publish");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"km\">", page, StringComparison.Ordinal);
        Assert.Contains("ផ្សព្វផ្សាយរឿងក្ដីនេះ", page, StringComparison.Ordinal);
        Assert.Contains("ការមើលជាមុន — មិនមែនសាធារណៈទេ។", page, StringComparison.Ordinal);
        Assert.DoesNotContain("[publication.", page, StringComparison.Ordinal);
        using var unpublish = await client.GetAsync($"/cases/{w.Case}/unpublish");
        Assert.Equal(HttpStatusCode.OK, unpublish.StatusCode);
        Assert.Contains("ដករឿងក្ដីនេះចេញពីគេហទំព័រសាធារណៈ", await unpublish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task StaffPreviewAPublicPageBeforeItIsPublic_AnonymousReadersStillGet404(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        using var anonymous = app.CreateAnonymousClient();
        foreach (var path in new[] { $"/public/people/{w.Sok}?preview=1", $"/public/cases/{w.Case}?preview=1", $"/public/people/{w.Sok}" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var staff = app.CreateAnonymousClient();
        await app.SignInAsync(staff, await app.CreateUserAsync(Roles.Monitor));
        using var person = await staff.GetAsync($"/public/people/{w.Sok}?preview=1");
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        var profile = await person.Content.ReadAsStringAsync();
        Assert.Contains("Preview — not public.", profile, StringComparison.Ordinal);
        Assert.Contains("Sok Pubcase", profile, StringComparison.Ordinal);
        // As the public would see it: only public events (none yet), so no internal event shows.
        Assert.DoesNotContain("Sok and Vanna arrested", profile, StringComparison.Ordinal);
        using var casePreview = await staff.GetAsync($"/public/cases/{w.Case}?preview=1");
        Assert.Equal(HttpStatusCode.OK, casePreview.StatusCode);
        var casePage = await casePreview.Content.ReadAsStringAsync();
        Assert.Contains("Preview — not public.", casePage, StringComparison.Ordinal);
        Assert.Contains("The case of Sok and Vanna", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Sok Pubcase", casePage, StringComparison.Ordinal);
        // Without ?preview=1 a signed-in reader gets the public site as everyone does.
        using var plain = await staff.GetAsync($"/public/cases/{w.Case}");
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        // A restricted person the reader may not see has no preview either.
        using var hidden = await staff.GetAsync($"/public/people/{w.Hidden}?preview=1");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
