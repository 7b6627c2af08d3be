using System.Net.Http.Json;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Shared;
using Habeas.Records.Cases;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Public;

/// <summary>
/// The public site is generated from the internal records with every confidential field and unpublished record removed:
/// canaries planted in confidential fields of a public person and of a public event, in an internal event of a public
/// person, an internal case and an internal source about them, a restricted and an internal co-defendant, and in the
/// values a public person had before being published, never reach any public page or the feed, for an anonymous visitor
/// or a signed-in administrator (who sees the same public site).
/// </summary>
public sealed class PublicCanaryTests
{
    private const string Canary = "CANARYP";

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task NothingUnpublished_ReachesThePublicSite_WhoeverReadsIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        Guid shown,
            later,
            publicCase,
            publicEvent,
            internalCase,
            restricted;
        await using (var db = app.OpenDb())
        {
            var person = PublicSiteTests.NewPerson("Sokha Shown", RecordLevels.Public, "human-rights-defender");
            // Internal at first, with words that were never published; cleaned, then published.
            var laterPerson = PublicSiteTests.NewPerson($"Vanna Later", RecordLevels.Internal);
            laterPerson.Biography = LocalizedText.Of("en", $"{Canary} biography before publishing");
            laterPerson.Occupation = $"{Canary} occupation before publishing";
            var hidden = PublicSiteTests.NewPerson($"{Canary} Restricted Codefendant", RecordLevels.Restricted);
            var internalPerson = PublicSiteTests.NewPerson($"{Canary} Internal Codefendant", RecordLevels.Internal);
            var open = new Case { Title = "Case of Sokha Shown", Level = RecordLevels.Public };
            foreach (var p in new[] { person, hidden, internalPerson })
            {
                open.Participants.Add(
                    new CaseParticipant
                    {
                        CaseId = open.Id,
                        PersonId = p.Id,
                        Role = "defendant",
                    }
                );
            }
            open.Charges.Add(
                new Charge
                {
                    CaseId = open.Id,
                    PersonId = hidden.Id,
                    Description = $"{Canary} charge of a restricted defendant",
                    State = "pending",
                }
            );
            var closed = new Case { Title = $"{Canary} internal case title", Level = RecordLevels.Internal };
            closed.Participants.Add(
                new CaseParticipant
                {
                    CaseId = closed.Id,
                    PersonId = person.Id,
                    Role = "defendant",
                }
            );
            var source = new Source { Title = $"{Canary} internal source", Level = RecordLevels.Internal };
            var publicSource = new Source { Title = "Public report", Level = RecordLevels.Public };
            db.AddRange(person, laterPerson, hidden, internalPerson, open, closed, source, publicSource);
            await db.SaveChangesAsync();
            var shownEvent = PublicSiteTests.NewEvent(
                "pre-trial-detention-order",
                "2022-02-02",
                RecordLevels.Public,
                open.Id,
                null,
                "Detained pending trial",
                person.Id,
                hidden.Id,
                internalPerson.Id
            );
            db.AddRange(
                shownEvent,
                PublicSiteTests.NewEvent(
                    "release",
                    "2022-03-03",
                    RecordLevels.Internal,
                    open.Id,
                    null,
                    $"{Canary} internal release",
                    person.Id
                ),
                PublicSiteTests.NewEvent(
                    "hearing",
                    "2022-04-04",
                    RecordLevels.Public,
                    closed.Id,
                    null,
                    "Hearing in the internal case",
                    person.Id
                ),
                PublicSiteTests.NewEvent(
                    "arrest",
                    "2022-01-01",
                    RecordLevels.Restricted,
                    open.Id,
                    null,
                    $"{Canary} restricted arrest",
                    person.Id
                )
            );
            await db.SaveChangesAsync();
            db.Citations.AddRange(
                new Citation
                {
                    SourceId = source.Id,
                    TargetType = "person",
                    TargetId = person.Id,
                    Quote = $"{Canary} quote of an internal source",
                },
                new Citation
                {
                    SourceId = source.Id,
                    TargetType = "event",
                    TargetId = shownEvent.Id,
                    Quote = $"{Canary} event quote of an internal source",
                },
                new Citation
                {
                    SourceId = publicSource.Id,
                    TargetType = "event",
                    TargetId = shownEvent.Id,
                    Quote = "The court ordered detention",
                }
            );
            await db.SaveChangesAsync();
            (shown, later, publicCase, publicEvent, internalCase, restricted) = (
                person.Id,
                laterPerson.Id,
                open.Id,
                shownEvent.Id,
                closed.Id,
                hidden.Id
            );
        }
        var versions = new Dictionary<Guid, int>();
        foreach (
            var (segment, id, field) in new[]
            {
                ("people", shown, "health"),
                ("people", shown, "family-contacts"),
                ("people", shown, "prison-address"),
                ("events", publicEvent, "witnesses"),
            }
        )
        {
            (
                await holder.Client.PutAsJsonAsync(
                    $"/api/v1/{segment}/{id}/confidential",
                    new
                    {
                        fields = new Dictionary<string, string> { [field] = $"{Canary} {field} value" },
                        version = versions.GetValueOrDefault(id),
                    }
                )
            ).EnsureSuccessStatusCode();
            versions[id] = versions.GetValueOrDefault(id) + 1;
        }
        await using (var db = app.OpenDb())
        {
            var person = await db.People.SingleAsync(p => p.Id == later);
            person.Biography = LocalizedText.Of("en", "Published biography");
            person.Occupation = null;
            await db.SaveChangesAsync();
            person.Level = RecordLevels.Public;
            await db.SaveChangesAsync();
        }

        var anonymous = app.CreateAnonymousClient();
        var administrator = app.CreateClient();
        var paths = new[]
        {
            "/public",
            "/public?sort=arrest",
            "/public?status=pre-trial-detention",
            "/public?status=free",
            "/public?tag=human-rights-defender",
            "/public?page=2",
            $"/public/people/{shown}",
            $"/public/people/{later}",
            $"/public/people/{restricted}",
            $"/public/cases/{publicCase}",
            $"/public/cases/{internalCase}",
            "/public/feed.atom",
        };
        var shownPage = "";
        foreach (var path in paths)
        {
            var seen = new List<string>();
            foreach (var (reader, client) in new[] { ("anonymous", anonymous), ("administrator", administrator) })
            {
                using var response = await client.GetAsync(path);
                var text = await response.Content.ReadAsStringAsync() + response.Headers + response.Content.Headers;
                Assert.False(
                    text.Contains(Canary, StringComparison.Ordinal),
                    $"{reader}: GET {path} ({(int)response.StatusCode}) shows a canary"
                );
                seen.Add(PublicSiteTests.WithoutTokens(await response.Content.ReadAsStringAsync()));
            }
            // The same public site for everyone.
            Assert.Equal(seen[0], seen[1]);
            if (path == $"/public/people/{shown}")
            {
                shownPage = seen[0];
            }
        }
        // Not vacuous: the public things are there, and the canaries are in the records (an administrator reads them inside).
        Assert.Contains("Detained pending trial", shownPage, StringComparison.Ordinal);
        Assert.Contains("The court ordered detention", shownPage, StringComparison.Ordinal);
        Assert.Contains("status pre-trial-detention", shownPage, StringComparison.Ordinal);
        Assert.Contains(Canary, await administrator.GetStringAsync($"/api/v1/cases/{internalCase}"), StringComparison.Ordinal);
        Assert.Contains(Canary, await holder.Client.GetStringAsync($"/api/v1/people/{shown}/confidential"), StringComparison.Ordinal);
        Assert.Contains("Vanna Later", await anonymous.GetStringAsync("/public/feed.atom"), StringComparison.Ordinal);
    }
}
