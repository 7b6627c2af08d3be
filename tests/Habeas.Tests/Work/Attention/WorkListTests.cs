using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Work.Attention;

/// <summary>The work list (docs/work-list.md) through GET /api/v1/attention and the home page: deadlines derived from
/// events with their articles, scheduled events and their states, limbo, act-by dates, marks, and nothing the reader may
/// not see.</summary>
public sealed class WorkListTests
{
    /// <summary>The app runs on the system clock: today, read at each use.</summary>
    private static DateOnly Today => Habeas.Platform.Shared.Clock.Today(TimeProvider.System);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }

    private static async Task<List<JsonElement>> AttentionAsync(HttpClient client, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/attention");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("items").EnumerateArray().ToList();
    }

    private static IEnumerable<JsonElement> About(List<JsonElement> items, Guid recordId) =>
        items.Where(i => i.GetProperty("recordId").ValueKind == JsonValueKind.String && i.GetProperty("recordId").GetGuid() == recordId);

    /// <summary>Cambodia (ISO code KH, so its limits apply), a case there and a person in it.</summary>
    private static async Task<(Guid Person, Guid Case)> CambodianCaseAsync(
        TestApp app,
        HttpClient client,
        string name,
        string level = "internal"
    )
    {
        var cambodia = await IdOf(
            await client.PostAsJsonAsync("/api/v1/places", new { kind = "country", names = new { en = "Cambodia" } })
        );
        await using (var db = app.OpenDb())
        {
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            (await db.Set<Habeas.Records.Places.Place>().FindAsync(cambodia))!.Code = "KH";
            await db.SaveChangesAsync();
        }
        var person = await TestApp.CreatePersonAsync(client, name);
        var caseId = await IdOf(
            await client.PostAsJsonAsync(
                "/api/v1/cases",
                new
                {
                    title = $"The case of {name}",
                    courtCaseNumber = "PP-17/25",
                    jurisdictionId = cambodia,
                    level,
                }
            )
        );
        return (person, caseId);
    }

    private static Task<HttpResponseMessage> EventAsync(
        HttpClient client,
        string type,
        DateOnly day,
        Guid caseId,
        Guid person,
        string? decision = null
    ) =>
        client.PostAsJsonAsync(
            "/api/v1/events",
            new
            {
                type,
                date = Iso(day),
                caseId,
                personIds = new[] { person },
                decision,
            }
        );

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnOrderTwentyMonthsAgo_WithNoVerdict_IsOverdue_CitingTheArticle_UntilAVerdictEndsIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var (person, caseId) = await CambodianCaseAsync(app, client, "Chann Dara");
        var order = Today.AddMonths(-20);
        await IdOf(await EventAsync(client, "pre-trial-detention-order", order, caseId, person));

        var items = await AttentionAsync(client);
        var maximum = Assert.Single(About(items, person), i => i.GetProperty("kind").GetString() == "pre-trial-maximum");
        Assert.Equal("overdue", maximum.GetProperty("section").GetString());
        Assert.Equal("overdue", maximum.GetProperty("severity").GetString());
        Assert.Equal(Iso(order.AddMonths(18)), maximum.GetProperty("due").GetString());
        var reason = maximum.GetProperty("reason").GetString()!;
        Assert.Contains("art. 208", reason, StringComparison.Ordinal);
        Assert.Contains("Code of Criminal Procedure of the Kingdom of Cambodia", reason, StringComparison.Ordinal);
        Assert.Contains("18 mo", reason, StringComparison.Ordinal);
        Assert.Contains("Chann Dara", maximum.GetProperty("title").GetString(), StringComparison.Ordinal);
        // The same, in Khmer, for a Khmer reader.
        var khmer = Assert.Single(About(await AttentionAsync(client, "km"), person), i =>
            i.GetProperty("kind").GetString() == "pre-trial-maximum"
        );
        Assert.Contains("មាត្រា 208", khmer.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // A verdict ends pre-trial detention: its limits go, the time to appeal comes.
        await IdOf(await EventAsync(client, "verdict", Today.AddDays(-3), caseId, person, "convicted"));
        items = await AttentionAsync(client);
        Assert.DoesNotContain(About(items, person), i => i.GetProperty("kind").GetString() is "pre-trial-maximum" or "detention-order");
        var appeal = Assert.Single(About(items, caseId), i => i.GetProperty("kind").GetString() == "appeal");
        Assert.Equal(Iso(Today.AddDays(-3).AddMonths(1)), appeal.GetProperty("due").GetString());
        Assert.Equal("coming", appeal.GetProperty("section").GetString());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AHearingNextWeek_IsScheduled_AndAPostponementKeepsItsOldDate(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var (person, caseId) = await CambodianCaseAsync(app, client, "Sam Rith");
        var day = Today.AddDays(5);
        var hearing = await IdOf(await EventAsync(client, "hearing", day, caseId, person));

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{hearing}");
        Assert.Equal("scheduled", detail.GetProperty("state").GetString());
        var item = Assert.Single(About(await AttentionAsync(client), hearing));
        Assert.Equal("scheduled", item.GetProperty("kind").GetString());
        Assert.Equal("week", item.GetProperty("section").GetString());

        // Postponed to a day after the week: it leaves this week, and the old date is kept.
        var later = Today.AddDays(40);
        var postponed = await client.PutAsJsonAsync(
            $"/api/v1/events/{hearing}/state",
            new
            {
                state = "postponed",
                date = Iso(later),
                version = detail.GetProperty("version").GetInt32(),
            }
        );
        Assert.Equal(HttpStatusCode.OK, postponed.StatusCode);
        detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{hearing}");
        Assert.Equal(Iso(later), detail.GetProperty("date").GetString());
        Assert.Equal("scheduled", detail.GetProperty("state").GetString());
        Assert.Equal([Iso(day)], detail.GetProperty("postponedFrom").EnumerateArray().Select(d => d.GetString()!).ToArray());
        Assert.Empty(About(await AttentionAsync(client), hearing));
        var page = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("postponed from", page, StringComparison.Ordinal);

        // A bad state and a date with no postponement are refused, naming the field.
        var refused = await client.PutAsJsonAsync(
            $"/api/v1/events/{hearing}/state",
            new
            {
                state = "adjourned",
                date = Iso(later),
                version = detail.GetProperty("version").GetInt32(),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("state", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("date", out _));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AHearingThatPassedUnanswered_AsksWhatHappened_UntilItIsMarkedHeld(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var (person, caseId) = await CambodianCaseAsync(app, client, "Keo Sophal");
        var hearing = await IdOf(await EventAsync(client, "hearing", Today.AddDays(3), caseId, person));
        // The day passes: the hearing is moved back in time by an edit of its date, as the clock would.
        await using (var db = app.OpenDb())
        {
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            var e = await db.Set<Habeas.Records.Events.Event>().FindAsync(hearing);
            e!.Date = Core.Dates.FuzzyDate.FromDate(Today.AddDays(-2));
            await db.SaveChangesAsync();
        }
        var item = Assert.Single(About(await AttentionAsync(client), hearing));
        Assert.Equal("outcome-missing", item.GetProperty("kind").GetString());
        Assert.Equal("overdue", item.GetProperty("section").GetString());
        Assert.StartsWith("What happened on", item.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{hearing}");
        var held = await client.PutAsJsonAsync(
            $"/api/v1/events/{hearing}/state",
            new { state = "held", version = detail.GetProperty("version").GetInt32() }
        );
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Empty(About(await AttentionAsync(client), hearing));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ACaseWithNoEventForSevenMonths_IsInLimbo_AndDoneHidesIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var (person, caseId) = await CambodianCaseAsync(app, client, "Mao Vanna");
        await IdOf(await EventAsync(client, "charge", Today.AddMonths(-7), caseId, person));

        var limbo = Assert.Single(About(await AttentionAsync(client), caseId), i => i.GetProperty("kind").GetString() == "case-limbo");
        Assert.Equal("limbo", limbo.GetProperty("section").GetString());
        Assert.Equal(Iso(Today.AddMonths(-1)), limbo.GetProperty("due").GetString());

        var home = await client.GetStringAsync("/");
        Assert.Contains("The case of Mao Vanna", home, StringComparison.Ordinal);
        var key = limbo.GetProperty("key").GetString()!;
        var done = await TestApp.PostFormAsync(
            client,
            "/?handler=Mark",
            new Dictionary<string, string> { ["key"] = key, ["act"] = "done" },
            "/"
        );
        Assert.True(done.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK, done.StatusCode.ToString());
        Assert.DoesNotContain(About(await AttentionAsync(client), caseId), i => i.GetProperty("kind").GetString() == "case-limbo");
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARestrictedCasesDeadlinesAndHearings_ReachNoOneWhoMayNotSeeIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var (person, caseId) = await CambodianCaseAsync(app, admin, "Restricted Canarysoth", level: "restricted");
        await IdOf(await EventAsync(admin, "verdict", Today.AddDays(-2), caseId, person, "convicted"));
        await IdOf(await EventAsync(admin, "hearing", Today.AddDays(4), caseId, person));
        var monitor = await app.AccountAsync(Roles.Monitor);

        Assert.NotEmpty(About(await AttentionAsync(admin), caseId));
        var seen = await AttentionAsync(monitor.Client);
        Assert.Empty(About(seen, caseId));
        Assert.DoesNotContain(seen, i => i.GetRawText().Contains("Canarysoth", StringComparison.Ordinal));
        // Watching what one may not see is refused as if it did not exist.
        var watch = await monitor.Client.PostAsJsonAsync("/api/v1/watches", new { recordType = "case", recordId = caseId });
        Assert.Equal(HttpStatusCode.NotFound, watch.StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AWatchedCase_IsMine_AndAnActByDateInTwoDaysIsOnTheList(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var (person, caseId) = await CambodianCaseAsync(app, client, "Hun Bopha");
        await IdOf(await EventAsync(client, "charge", Today.AddMonths(-8), caseId, person));
        var monitor = await app.AccountAsync(Roles.Monitor);
        Assert.Equal(
            HttpStatusCode.Created,
            (await monitor.Client.PostAsJsonAsync("/api/v1/watches", new { recordType = "case", recordId = caseId })).StatusCode
        );
        var watches = await monitor.Client.GetFromJsonAsync<JsonElement>("/api/v1/watches");
        Assert.Contains(watches.GetProperty("items").EnumerateArray(), w => w.GetProperty("recordId").GetGuid() == caseId);
        var limbo = Assert.Single(About(await AttentionAsync(monitor.Client), caseId));
        Assert.True(limbo.GetProperty("mine").GetBoolean());

        var action = await IdOf(
            await client.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA 117/26",
                    kind = "urgent-action",
                    title = "Release Hun Bopha",
                    caseIds = new[] { caseId },
                }
            )
        );
        await using (var db = app.OpenDb())
        {
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            var a = await db.Set<Habeas.Campaigns.Actions.CampaignAction>().FindAsync(action);
            a!.Status = "issued";
            a.IssuedOn = Today.AddDays(-10);
            a.ActBy = Today.AddDays(2);
            await db.SaveChangesAsync();
        }
        var actBy = Assert.Single(About(await AttentionAsync(client), action));
        Assert.Equal("act-by", actBy.GetProperty("kind").GetString());
        Assert.Equal("campaigns", actBy.GetProperty("section").GetString());
        Assert.Contains("UA 117/26 is in 2 days", actBy.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
