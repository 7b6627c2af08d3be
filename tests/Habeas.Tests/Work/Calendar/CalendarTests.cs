using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Records.Deadlines;
using Habeas.Tests.Infrastructure;
using Habeas.Work.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Work.Calendar;

/// <summary>The calendar (docs/calendar.md): its pages, its API and the secret iCalendar links, read as their owner.</summary>
public sealed partial class CalendarTests
{
    private const string Canary = "Canaryname Sokhavy";
    private const string CanaryCase = "Canary case of the forgotten detainee";
    private const string CaseNumber = "CCN-0042/27";
    private const string CourtName = "Kampong Canary Provincial Court";

    private sealed record Planted(Guid PersonId, Guid CaseId, Guid EventId, DateOnly Day);

    /// <summary>A person, a case and a court, and a hearing of the case 10 days from now (scheduled, since it is after today).</summary>
    private static async Task<Planted> PlantAsync(HttpClient client, string? caseLevel = null)
    {
        var person = await TestApp.CreatePersonAsync(client, Canary);
        var court = await IdOf(
            await client.PostAsJsonAsync("/api/v1/organisations", new { names = new { en = CourtName }, kind = "court" })
        );
        var caseId = await IdOf(
            await client.PostAsJsonAsync(
                "/api/v1/cases",
                new
                {
                    title = CanaryCase,
                    courtCaseNumber = CaseNumber,
                    level = caseLevel ?? "internal",
                }
            )
        );
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        var eventId = await IdOf(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "hearing",
                    date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    caseId,
                    personIds = new[] { person },
                    actorOrganisationId = court,
                    actorRole = "court",
                }
            )
        );
        return new Planted(person, caseId, eventId, day);
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }

    private static async Task<string> FeedPathAsync(TestApp app, string userId, bool discreet)
    {
        await using var db = app.OpenDb();
        var secret = await CalendarFeeds.CreateAsync(db, userId, discreet, TimeProvider.System, CancellationToken.None);
        return $"/calendar/feed/{secret}.ics";
    }

    private static async Task<(string Text, Ical.Net.Calendar Calendar)> LoadFeedAsync(TestApp app, string path)
    {
        var response = await app.CreateAnonymousClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")));
        var text = await response.Content.ReadAsStringAsync();
        return (text, Ical.Net.Calendar.Load(text)!);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheFeed_ParsesWithTheHearingOnItsDay_AndTheDiscreetFeedCarriesNoNameNorCaseTitle(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var planted = await PlantAsync(app.CreateClient());
        var monitor = await app.AccountAsync(Roles.Monitor);

        var (_, full) = await LoadFeedAsync(app, await FeedPathAsync(app, monitor.User.Id, discreet: false));
        var hearing = Assert.Single(full.Events, e => e.Uid == $"event-{planted.EventId}@habeas");
        Assert.Equal(
            (planted.Day.Year, planted.Day.Month, planted.Day.Day),
            (hearing.DtStart!.Year, hearing.DtStart.Month, hearing.DtStart.Day)
        );
        Assert.False(hearing.DtStart.HasTime);
        Assert.Contains(Canary, hearing.Summary, StringComparison.Ordinal);
        Assert.Contains(CaseNumber, hearing.Summary, StringComparison.Ordinal);
        Assert.Contains(CourtName, hearing.Summary, StringComparison.Ordinal);
        Assert.EndsWith($"/events/{planted.EventId}/state", hearing.Url!.ToString(), StringComparison.Ordinal);

        var (text, discreet) = await LoadFeedAsync(app, await FeedPathAsync(app, monitor.User.Id, discreet: true));
        var quiet = Assert.Single(discreet.Events, e => e.Uid == $"event-{planted.EventId}@habeas");
        Assert.Equal($"Hearing — {CaseNumber} — {CourtName}", quiet.Summary);
        Assert.Null(quiet.Description);
        Assert.Null(quiet.Url);
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        foreach (var secret in new[] { Canary, "Canaryname", "Sokhavy", CanaryCase, "forgotten" })
        {
            Assert.DoesNotContain(secret, unfolded, StringComparison.OrdinalIgnoreCase);
        }
        Assert.All(discreet.Events, e => Assert.DoesNotContain("Canaryname", e.Summary ?? "", StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ADeadline_IsInTheFeedAndTheApi_AndTheDiscreetFeedSaysOnlyDeadlineAndTheCaseNumber(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var planted = await PlantAsync(app.CreateClient());
        var due = planted.Day.AddDays(3);
        await using (var db = app.OpenDb())
        {
            db.Deadlines.Add(
                new StoredDeadline
                {
                    PersonId = planted.PersonId,
                    CaseId = planted.CaseId,
                    Kind = "appeal",
                    Due = due,
                    DueLatest = due,
                    EventId = planted.EventId,
                    EventType = "hearing",
                    FromDate = planted.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }
            );
            await db.SaveChangesAsync();
        }
        var monitor = await app.AccountAsync(Roles.Monitor);
        var uid = $"deadline-appeal-{planted.EventId}-{planted.PersonId}@habeas";

        var (_, full) = await LoadFeedAsync(app, await FeedPathAsync(app, monitor.User.Id, discreet: false));
        var entry = Assert.Single(full.Events, e => e.Uid == uid);
        Assert.Equal((due.Year, due.Month, due.Day), (entry.DtStart!.Year, entry.DtStart.Month, entry.DtStart.Day));
        Assert.Contains(Canary, entry.Summary, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(entry.Description));
        Assert.EndsWith($"/people/{planted.PersonId}", entry.Url!.ToString(), StringComparison.Ordinal);

        var (text, discreet) = await LoadFeedAsync(app, await FeedPathAsync(app, monitor.User.Id, discreet: true));
        Assert.Equal($"deadline — {CaseNumber}", Assert.Single(discreet.Events, e => e.Uid == uid).Summary);
        Assert.DoesNotContain("Canaryname", text.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var answer = await monitor.Client.GetFromJsonAsync<JsonElement>("/api/v1/calendar");
        var item = Assert.Single(answer.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "deadline");
        Assert.Equal("person", item.GetProperty("recordType").GetString());
        Assert.Equal(planted.PersonId, item.GetProperty("recordId").GetGuid());
        Assert.Equal("due", item.GetProperty("state").GetString());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARestrictedCasesHearing_IsAbsentFromTheFeedOfAUserNotGrantedIt_AndPresentForAnAdministrator(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var planted = await PlantAsync(app.CreateClient(), caseLevel: "restricted");
        var monitor = await app.AccountAsync(Roles.Monitor);
        var admin = await app.AccountAsync(Roles.Administrator);

        var (othersText, others) = await LoadFeedAsync(app, await FeedPathAsync(app, monitor.User.Id, discreet: false));
        Assert.DoesNotContain(others.Events, e => e.Uid == $"event-{planted.EventId}@habeas");
        Assert.DoesNotContain(CaseNumber, othersText, StringComparison.Ordinal);
        var (_, admins) = await LoadFeedAsync(app, await FeedPathAsync(app, admin.User.Id, discreet: false));
        Assert.Single(admins.Events, e => e.Uid == $"event-{planted.EventId}@habeas");

        // The API and the page read the same way.
        var api = await monitor.Client.GetFromJsonAsync<JsonElement>("/api/v1/calendar");
        Assert.DoesNotContain(api.GetProperty("items").EnumerateArray(), i => i.GetProperty("recordId").GetGuid() == planted.EventId);
        var page = await monitor.Client.GetStringAsync($"/calendar?view=list");
        Assert.DoesNotContain(Canary, page, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ALinkMadeOnThePage_Answers_ThenRevoked_Answers404_AsDoesAnUnknownOneOrADisabledAccountsOne(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, user);

        var made = await TestApp.PostFormAsync(
            client,
            "/calendar/feeds?handler=Create",
            new() { ["Discreet"] = "true" },
            "/calendar/feeds"
        );
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var html = await made.Content.ReadAsStringAsync();
        var url = FeedUrl().Match(html).Groups[1].Value;
        Assert.StartsWith("http://localhost/calendar/feed/", url, StringComparison.Ordinal);
        var path = new Uri(url).AbsolutePath;
        await LoadFeedAsync(app, path);

        var feedId = FeedId().Match(html).Groups[1].Value;
        var revoked = await TestApp.PostFormAsync(client, "/calendar/feeds?handler=Revoke", new() { ["id"] = feedId }, "/calendar/feeds");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var anonymous = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/feed/" + new string('x', 43) + ".ics")).StatusCode);

        // Another user cannot revoke someone's link.
        var other = await app.AccountAsync(Roles.Monitor);
        var live = await FeedPathAsync(app, user.Id, discreet: false);
        await LoadFeedAsync(app, live);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HabeasUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            await users.SetLockoutEnabledAsync(stored, true);
            await users.SetLockoutEndDateAsync(stored, DateTimeOffset.MaxValue);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(live)).StatusCode);
        Assert.NotEqual(other.User.Id, user.Id);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheApi_ReturnsTheItems_AndRejectsABadRange(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var planted = await PlantAsync(app.CreateClient());
        var monitor = await app.AccountAsync(Roles.Viewer);

        var answer = await monitor.Client.GetFromJsonAsync<JsonElement>("/api/v1/calendar");
        var item = Assert.Single(answer.GetProperty("items").EnumerateArray(), i => i.GetProperty("recordId").GetGuid() == planted.EventId);
        Assert.Equal("event", item.GetProperty("kind").GetString());
        Assert.Equal("event", item.GetProperty("recordType").GetString());
        Assert.Equal("scheduled", item.GetProperty("state").GetString());
        Assert.Equal(planted.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), item.GetProperty("date").GetString());
        Assert.Contains(CaseNumber, item.GetProperty("title").GetString(), StringComparison.Ordinal);

        var day = planted.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var narrow = await monitor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/calendar?from={day}&to={day}");
        Assert.Single(narrow.GetProperty("items").EnumerateArray());
        var before = await monitor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/calendar?from=2020-01-01&to=2020-12-31");
        Assert.Empty(before.GetProperty("items").EnumerateArray());

        var wide = await monitor.Client.GetAsync("/api/v1/calendar?from=2027-01-01&to=2028-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, wide.StatusCode);
        Assert.True((await wide.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _));
        var malformed = await monitor.Client.GetAsync("/api/v1/calendar?from=tomorrow");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/v1/calendar")).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheMonthPage_ShowsTheHearing_InEnglishAndKhmer_AndTheWeekAndListViewsToo(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var planted = await PlantAsync(app.CreateClient());
        var monitor = await app.AccountAsync(Roles.Monitor);
        var month = planted.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        foreach (var (language, title, type) in new[] { ("en", "Calendar", "Hearing"), ("km", "ប្រតិទិន", "សវនាការ") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/calendar?month={month}");
            request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await monitor.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/events/{planted.EventId}/state\"", html, StringComparison.Ordinal);
            Assert.Contains(type + " — " + Canary, html, StringComparison.Ordinal);
            Assert.Contains(CaseNumber, html, StringComparison.Ordinal);
        }
        var week = planted.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains(CaseNumber, await monitor.Client.GetStringAsync($"/calendar?view=week&week={week}"), StringComparison.Ordinal);
        Assert.Contains(CaseNumber, await monitor.Client.GetStringAsync("/calendar?view=list"), StringComparison.Ordinal);
        var link = $"href=\"/events/{planted.EventId}/state\"";
        Assert.Contains(link, await monitor.Client.GetStringAsync($"/calendar?view=list&case={planted.CaseId}"), StringComparison.Ordinal);
        Assert.DoesNotContain(
            link,
            await monitor.Client.GetStringAsync($"/calendar?view=list&case={Guid.NewGuid()}"),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            link,
            await monitor.Client.GetStringAsync($"/calendar?view=list&team={Guid.NewGuid()}"),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            link,
            await monitor.Client.GetStringAsync($"/calendar?view=list&place={Guid.NewGuid()}"),
            StringComparison.Ordinal
        );
    }

    [GeneratedRegex("id=\"new-feed\">([^<]+)</pre>")]
    private static partial Regex FeedUrl();

    [GeneratedRegex("name=\"id\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex FeedId();
}
