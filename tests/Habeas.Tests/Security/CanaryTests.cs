using System.Net.Http.Json;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Security;

/// <summary>
/// docs/security.md 10 and 19: confidential values and restricted records, planted in every kind of record, never reach
/// a user who may not see them, through any page or API operation (with every planted record's id, and a search for
/// the canary), nor any log line, whoever reads them.
/// </summary>
public sealed class CanaryTests
{
    private const string Restricted = "CANARYR";
    private const string Confidential = "CANARYC";

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ConfidentialAndRestrictedValues_ReachNoUnauthorisedOutput_AndNoLog(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?>()
            {
                [Habeas.Platform.Security.RateLimits.PermitsKey] = "100000",
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
            }
        );
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var ids = new Dictionary<string, List<Guid>>();
        await PlantAsync(app, holder, ids);

        var readers = new Dictionary<string, HttpClient>();
        foreach (var role in new[] { Roles.Viewer, Roles.Campaigner, Roles.Monitor, Roles.Coordinator })
        {
            readers[role] = (await app.AccountAsync(role)).Client;
        }
        readers["anonymous"] = app.CreateAnonymousClient();
        readers["monitor + confidential"] = holder.Client;

        var leaks = new List<string>();
        var calls = 0;
        foreach (var operation in Endpoints.All(app.Services).Where(o => o.Method == "GET"))
        {
            var targets = operation.RecordType is null
                ? [(Guid?)null]
                : ids.GetValueOrDefault(operation.RecordType, []).Select(i => (Guid?)i).ToList();
            foreach (var id in targets)
            {
                foreach (var (reader, client) in readers)
                {
                    var path = operation.PathFor(id) + "?q=CANARY&quote=CANARY";
                    using var response = await client.GetAsync(path);
                    calls++;
                    var text = await response.Content.ReadAsStringAsync() + response.Headers + response.Content.Headers;
                    var mayReadConfidential =
                        reader == "monitor + confidential" && operation.Route.Contains("confidential", StringComparison.Ordinal);
                    if (
                        text.Contains(Restricted, StringComparison.Ordinal)
                        || (!mayReadConfidential && text.Contains(Confidential, StringComparison.Ordinal))
                    )
                    {
                        leaks.Add($"{reader}: GET {path} ({(int)response.StatusCode})");
                    }
                }
            }
        }
        Assert.True(calls > 200, $"only {calls} calls made");
        Assert.True(leaks.Count == 0, "Leaked to: " + string.Join("\n", leaks));
        // The holder did read them (so the check above is not vacuous) ...
        var read = await holder.Client.GetStringAsync($"/api/v1/people/{ids["person"][1]}/confidential");
        Assert.Contains(Confidential, read, StringComparison.Ordinal);
        // ... and nothing of it, nor of the restricted records, reached a log line.
        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("CANARY", StringComparison.Ordinal));
    }

    private static async Task PlantAsync(TestApp app, TestAccounts.Account holder, Dictionary<string, List<Guid>> ids)
    {
        Guid internalPerson,
            internalEvent,
            internalSource;
        await using (var db = app.OpenDb())
        {
            var hidden = new Person { Level = RecordLevels.Restricted };
            hidden.Names.Add(
                new PersonName
                {
                    Text = $"{Restricted} Sok Hidden",
                    Script = "Latn",
                    Kind = NameKinds.Primary,
                    SearchText = "canaryr sok hidden",
                }
            );
            var shown = new Person();
            shown.Names.Add(
                new PersonName
                {
                    Text = "Chan Dara",
                    Script = "Latn",
                    Kind = NameKinds.Primary,
                    SearchText = "chan dara",
                }
            );
            var hiddenCase = new Case { Title = $"{Restricted} case title", Level = RecordLevels.Restricted };
            hiddenCase.Participants.Add(new CaseParticipant { PersonId = shown.Id, Role = "defendant" });
            var shownCase = new Case { Title = "Case of Chan Dara" };
            shownCase.Participants.Add(new CaseParticipant { PersonId = shown.Id, Role = "defendant" });
            shownCase.Participants.Add(new CaseParticipant { PersonId = hidden.Id, Role = "defendant" });
            var hiddenEvent = new Event
            {
                Type = "arrest",
                Level = RecordLevels.Restricted,
                Date = Core.Dates.FuzzyDate.Parse("2021-03-05"),
                CaseId = shownCase.Id,
                Description = new Habeas.Platform.Shared.LocalizedText { ["en"] = $"{Restricted} arrested at a checkpoint" },
            };
            hiddenEvent.People.Add(new EventPerson { PersonId = shown.Id });
            var shownEvent = new Event
            {
                Type = "hearing",
                Date = Core.Dates.FuzzyDate.Parse("2021-04-01"),
                CaseId = shownCase.Id,
            };
            shownEvent.People.Add(new EventPerson { PersonId = shown.Id });
            shownEvent.People.Add(new EventPerson { PersonId = hidden.Id });
            var hiddenSource = new Source
            {
                Title = $"{Restricted} source title",
                Author = $"{Restricted} author",
                Level = RecordLevels.Restricted,
            };
            var shownSource = new Source { Title = "Family statement" };
            db.AddRange(
                hidden,
                shown,
                hiddenCase,
                shownCase,
                hiddenEvent,
                shownEvent,
                hiddenSource,
                shownSource,
                new Citation
                {
                    SourceId = hiddenSource.Id,
                    TargetType = "person",
                    TargetId = shown.Id,
                    Quote = $"{Restricted} quote",
                },
                new Citation
                {
                    SourceId = shownSource.Id,
                    TargetType = "person",
                    TargetId = hidden.Id,
                    Quote = "plain quote",
                }
            );
            await db.SaveChangesAsync();
            ids["person"] = [hidden.Id, shown.Id];
            ids["case"] = [hiddenCase.Id, shownCase.Id];
            ids["event"] = [hiddenEvent.Id, shownEvent.Id];
            ids["source"] = [hiddenSource.Id, shownSource.Id];
            ids["citation"] = db.Citations.Select(c => c.Id).ToList();
            (internalPerson, internalEvent, internalSource) = (shown.Id, shownEvent.Id, shownSource.Id);
        }
        var versions = new Dictionary<Guid, int>();
        foreach (
            var (segment, id, field) in new[]
            {
                ("people", internalPerson, "health"),
                ("people", internalPerson, "family-contacts"),
                ("people", internalPerson, "prison-address"),
                ("events", internalEvent, "witnesses"),
                ("sources", internalSource, "source-identity"),
            }
        )
        {
            (
                await holder.Client.PutAsJsonAsync(
                    $"/api/v1/{segment}/{id}/confidential",
                    new
                    {
                        fields = new Dictionary<string, string> { [field] = $"{Confidential} {field} value" },
                        version = versions.GetValueOrDefault(id),
                    }
                )
            ).EnsureSuccessStatusCode();
            versions[id] = versions.GetValueOrDefault(id) + 1;
        }
    }
}
