using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Statistics;

/// <summary>
/// Every figure over a small known population, internal and public editions. Built through the API:
/// One (public): public arrest 2020-01-10 in Phnom Penh, public release 2020-03-01; tags journalist; prisoner of conscience.
/// Two (public): public arrest 2020-02-05, internal release 2020-02-20; tags journalist and monk.
/// Three (internal): internal arrest 2020-01-15, never released.
/// A public case charges One and Two under the Criminal Code, Art. 495, and Two alone with "incitement";
/// an internal case charges Three under Art. 495.
/// </summary>
public sealed class StatisticsTests
{
    private const string Range = "from=2020-01-01&to=2020-03-31";

    private sealed record Population(TestApp App, TestAccounts.Account Coordinator, Guid One, Guid Two, Guid Three);

    private static async Task<Population> PopulateAsync(TestApp app)
    {
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        var client = coordinator.Client;
        var place = new Place
        {
            Kind = "city",
            Names = new() { ["en"] = "Phnom Penh", ["km"] = "ភ្នំពេញ" },
        };
        var organisation = new Organisation
        {
            Kind = "ngo",
            Names = new() { ["en"] = "Amnesty International" },
        };
        await using (var db = app.OpenDb())
        {
            db.Places.Add(place);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        }
        async Task<Guid> PersonAsync(string name, string level, params string[] tags)
        {
            var response = await client.PostAsJsonAsync(
                "/api/v1/people",
                new
                {
                    name,
                    level,
                    tags,
                }
            );
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        }
        async Task EventAsync(string type, string date, Guid person, string level, Guid? placeId = null)
        {
            var response = await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type,
                    date,
                    personIds = new[] { person },
                    level,
                    placeId,
                }
            );
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        var one = await PersonAsync("Statistics One", "public", "journalist");
        var two = await PersonAsync("Statistics Two", "public", "journalist", "monk");
        var three = await PersonAsync("Statistics Three", "internal");
        await EventAsync("arrest", "2020-01-10", one, "public", place.Id);
        await EventAsync("release", "2020-03-01", one, "public");
        await EventAsync("arrest", "2020-02-05", two, "public");
        await EventAsync("release", "2020-02-20", two, "internal");
        await EventAsync("arrest", "2020-01-15", three, "internal");
        async Task CaseAsync(string level, Guid[] defendants, params object[] charges)
        {
            var created = await client.PostAsJsonAsync(
                "/api/v1/cases",
                new
                {
                    title = $"Case {level}",
                    level,
                    people = defendants.Select(d => new { personId = d, role = "defendant" }),
                }
            );
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
            foreach (var charge in charges)
            {
                Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/cases/{id}/charges", charge)).StatusCode);
            }
        }
        await CaseAsync(
            "public",
            [one, two],
            new
            {
                description = "Treason",
                state = "pending",
                provisionCode = "Criminal Code",
                provisionArticle = "495",
            },
            new
            {
                description = "incitement",
                state = "pending",
                personId = two,
            }
        );
        await CaseAsync(
            "internal",
            [three],
            new
            {
                description = "Treason",
                state = "pending",
                provisionCode = "Criminal Code",
                provisionArticle = "495",
            }
        );
        await using (var db = app.OpenDb())
        {
            db.Designations.Add(
                new Designation
                {
                    PersonId = one,
                    OrganisationId = organisation.Id,
                    Category = "prisoner-of-conscience",
                    Date = Core.Dates.FuzzyDate.Parse("2020-01-20"),
                }
            );
            await db.SaveChangesAsync();
        }
        return new Population(app, coordinator, one, two, three);
    }

    private static async Task<JsonElement> FigureAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>key → the values of the row.</summary>
    private static Dictionary<string, double?[]> Rows(JsonElement figure) =>
        figure
            .GetProperty("rows")
            .EnumerateArray()
            .ToDictionary(
                r => r.GetProperty("key").GetString()!,
                r =>
                    r.GetProperty("values")
                        .EnumerateArray()
                        .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())
                        .ToArray()
            );

    private static double?[] D(params double?[] values) => values;

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EveryFigure_CountsTheKnownPopulation_AndThePublicEditionIgnoresInternalPeopleAndEvents(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var p = await PopulateAsync(app);
        var staff = p.Coordinator.Client;
        var anonymous = app.CreateAnonymousClient();

        // Detained at the end of each month; and the peak of each month.
        var detained = Rows(await FigureAsync(staff, $"/statistics/detained.json?{Range}&interval=month"));
        Assert.Equal([D(2), D(2), D(1)], [detained["2020-01"], detained["2020-02"], detained["2020-03"]]);
        var peak = Rows(await FigureAsync(staff, $"/statistics/detained.json?{Range}&interval=month&measure=peak"));
        Assert.Equal([D(2), D(3), D(1)], [peak["2020-01"], peak["2020-02"], peak["2020-03"]]);
        var publicDetained = Rows(await FigureAsync(anonymous, $"/public/statistics/detained.json?{Range}&interval=month"));
        Assert.Equal([D(1), D(2), D(1)], [publicDetained["2020-01"], publicDetained["2020-02"], publicDetained["2020-03"]]);
        // Daily, through the API: the day of the arrest counts, the day of the release does not.
        var daily = Rows(await FigureAsync(staff, "/api/v1/statistics/figures/detained?from=2020-01-09&to=2020-03-01&interval=day"));
        Assert.Equal(53, daily.Count);
        Assert.Equal(D(0), daily["2020-01-09"]);
        Assert.Equal(D(1), daily["2020-01-10"]);
        Assert.Equal(D(3), daily["2020-02-19"]);
        Assert.Equal(D(2), daily["2020-02-20"]);
        Assert.Equal(D(1), daily["2020-03-01"]);
        var weekly = Rows(await FigureAsync(staff, $"/api/v1/statistics/figures/detained?{Range}&interval=week&edition=public"));
        Assert.Equal(D(1), weekly["2020-01-06"]);

        var arrests = Rows(await FigureAsync(staff, $"/statistics/arrests-releases.json?{Range}"));
        Assert.Equal([D(2, 0), D(1, 1), D(0, 1)], [arrests["2020-01"], arrests["2020-02"], arrests["2020-03"]]);
        var publicArrests = Rows(await FigureAsync(anonymous, $"/public/statistics/arrests-releases.json?{Range}"));
        Assert.Equal([D(1, 0), D(1, 0), D(0, 1)], [publicArrests["2020-01"], publicArrests["2020-02"], publicArrests["2020-03"]]);

        const string on = "on=2020-02-10";
        var tags = Rows(await FigureAsync(staff, $"/statistics/by-tag.json?{Range}&{on}"));
        Assert.Equal(
            new Dictionary<string, double?[]>
            {
                ["journalist"] = D(2),
                ["monk"] = D(1),
                ["none"] = D(1),
            },
            tags
        );
        var publicTags = Rows(await FigureAsync(anonymous, $"/public/statistics/by-tag.json?{Range}&{on}"));
        Assert.Equal(new Dictionary<string, double?[]> { ["journalist"] = D(2), ["monk"] = D(1) }, publicTags);

        var charges = await FigureAsync(staff, $"/statistics/by-charge.json?{Range}&{on}");
        var chargeRows = charges
            .GetProperty("rows")
            .EnumerateArray()
            .ToDictionary(r => r.GetProperty("label").GetString()!, r => r.GetProperty("values")[0].GetDouble());
        Assert.Equal(new Dictionary<string, double> { ["Criminal Code, Art. 495"] = 3, ["incitement"] = 1 }, chargeRows);
        var publicCharges = await FigureAsync(anonymous, $"/public/statistics/by-charge.json?{Range}&{on}");
        Assert.Equal(
            new Dictionary<string, double> { ["Criminal Code, Art. 495"] = 2, ["incitement"] = 1 },
            publicCharges
                .GetProperty("rows")
                .EnumerateArray()
                .ToDictionary(r => r.GetProperty("label").GetString()!, r => r.GetProperty("values")[0].GetDouble())
        );

        var places = await FigureAsync(staff, $"/statistics/by-place.json?{Range}&{on}");
        Assert.Equal(
            new Dictionary<string, double> { ["Phnom Penh"] = 1, ["None recorded"] = 2 },
            places
                .GetProperty("rows")
                .EnumerateArray()
                .ToDictionary(r => r.GetProperty("label").GetString()!, r => r.GetProperty("values")[0].GetDouble())
        );

        var designations = Rows(await FigureAsync(staff, $"/statistics/by-designation.json?{Range}&{on}"));
        Assert.Equal(new Dictionary<string, double?[]> { ["prisoner-of-conscience"] = D(1), ["none"] = D(2) }, designations);
        // Before the designation's date, nobody is designated.
        Assert.DoesNotContain(
            "prisoner-of-conscience",
            Rows(await FigureAsync(staff, $"/statistics/by-designation.json?{Range}&on=2020-01-12")).Keys
        );

        // On 31 March: One served 51 days, Two 15 (completed); Three is still held, 77 days so far.
        var time = Rows(await FigureAsync(staff, $"/statistics/time-detained.json?{Range}"));
        Assert.Equal(D(2, 33, 15, 51), time["completed"]);
        Assert.Equal(D(1, 77, 77, 77), time["ongoing"]);
        Assert.Equal(D(3, 51, 15, 77), time["all"]);
        // In public, Two's release is unpublished: still held, 56 days so far.
        var publicTime = Rows(await FigureAsync(anonymous, $"/public/statistics/time-detained.json?{Range}"));
        Assert.Equal(D(1, 51, 51, 51), publicTime["completed"]);
        Assert.Equal(D(1, 56, 56, 56), publicTime["ongoing"]);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Downloads_CarryHowItWasCounted_AndTheRecordsBehindAFigure_AreListed_PublishedOnesOnlyInPublic(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var p = await PopulateAsync(app);
        var staff = p.Coordinator.Client;
        var anonymous = app.CreateAnonymousClient();

        var csv = await anonymous.GetAsync($"/public/statistics/detained.csv?{Range}&interval=month");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("# People deprived of liberty", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("# Public edition", StringComparison.Ordinal));
        Assert.Contains(lines, l =>
            l.StartsWith("# edition: public; from=2020-01-01&to=2020-03-31&interval=month", StringComparison.Ordinal)
        );
        Assert.Contains("key,label,People deprived of liberty", lines);
        Assert.Contains("2020-02,February 2020,2", lines);

        var json = await FigureAsync(anonymous, $"/public/statistics/by-tag.json?{Range}&on=2020-02-10");
        Assert.Equal("public", json.GetProperty("edition").GetString());
        Assert.Contains("published", json.GetProperty("howCounted").GetString(), StringComparison.Ordinal);
        var journalists = json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "journalist");
        Assert.Equal("/public/statistics/by-tag/records?on=2020-02-10&group=journalist", journalists.GetProperty("records").GetString());

        // The records behind a day: internal lists all three people; public, the two published ones linked to their public profiles.
        var internalList = await staff.GetStringAsync("/statistics/detained/records?on=2020-02-10");
        Assert.Contains("Statistics Three", internalList, StringComparison.Ordinal);
        Assert.Contains($"/people/{p.One}", internalList, StringComparison.Ordinal);
        var publicList = await anonymous.GetStringAsync("/public/statistics/detained/records?on=2020-02-10");
        Assert.Contains("Statistics One", publicList, StringComparison.Ordinal);
        Assert.Contains("Statistics Two", publicList, StringComparison.Ordinal);
        Assert.Contains($"/public/people/{p.One}", publicList, StringComparison.Ordinal);
        Assert.DoesNotContain("Statistics Three", publicList, StringComparison.Ordinal);
        // Two's unpublished release does not show in the public list of releases of February.
        var releases = await anonymous.GetStringAsync("/public/statistics/arrests-releases/records?from=2020-02-01&to=2020-02-29");
        Assert.Contains("Statistics Two", releases, StringComparison.Ordinal);
        Assert.DoesNotContain("20 February 2020", releases, StringComparison.Ordinal);
        var tagged = await anonymous.GetStringAsync("/public/statistics/by-tag/records?on=2020-02-10&group=monk");
        Assert.Contains("Statistics Two", tagged, StringComparison.Ordinal);
        Assert.DoesNotContain("Statistics One", tagged, StringComparison.Ordinal);
        // One person counted is "1 person", never "1 people".
        Assert.Contains("<strong>1 person</strong>", tagged, StringComparison.Ordinal);
        Assert.DoesNotContain("1 people", tagged, StringComparison.Ordinal);
        var ongoing = await staff.GetStringAsync("/statistics/time-detained/records?on=2020-03-31&group=ongoing");
        Assert.Contains("Statistics Three", ongoing, StringComparison.Ordinal);
        Assert.DoesNotContain("Statistics One", ongoing, StringComparison.Ordinal);

        // The pages: charts with their tables, in English and Khmer.
        var page = await staff.GetStringAsync($"/statistics?{Range}&interval=month");
        Assert.Contains("role=\"img\"", page, StringComparison.Ordinal);
        Assert.Contains("<table class=\"chart-table\">", page, StringComparison.Ordinal);
        Assert.Contains("/statistics/by-place.csv?", page, StringComparison.Ordinal);
        var khmer = await anonymous.GetStringAsync($"/public/statistics?{Range}&lang=km");
        Assert.Contains("<html lang=\"km\">", khmer, StringComparison.Ordinal);
        Assert.Contains("អ្នកទោសនយោបាយជាតួលេខ", khmer, StringComparison.Ordinal);
        Assert.DoesNotContain("Statistics Three", khmer, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task BadParameters_Get400NamingTheParameter_AndTheFormShowsTheMessage_AndStaffFiguresNeedSigningIn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = app.CreateClient();
        var anonymous = app.CreateAnonymousClient();
        foreach (
            var (query, field) in new[]
            {
                ("from=2020-03-01&to=2020-01-01", "from"),
                ("interval=hourly", "interval"),
                ("from=1950-01-01&to=2000-01-01&interval=day", "interval"),
                ("to=2020-02-30", "to"),
                ("measure=mean", "measure"),
            }
        )
        {
            foreach (
                var path in new[]
                {
                    $"/statistics/detained.json?{query}",
                    $"/public/statistics/by-tag.csv?{query}",
                    $"/api/v1/statistics/figures/detained?{query}",
                }
            )
            {
                var response = await (path.StartsWith("/public", StringComparison.Ordinal) ? anonymous : staff).GetAsync(path);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path} names {field}");
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/statistics/nonsense.json")).StatusCode);
        var form = await anonymous.GetAsync("/public/statistics?from=2020-03-01&to=2020-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("value=\"2020-03-01\"", html, StringComparison.Ordinal);
        Assert.Contains("must not be after", html, StringComparison.Ordinal);

        // Staff figures and their records are for signed-in readers only.
        foreach (var path in new[] { "/statistics", "/statistics/detained/records?on=2020-01-01" })
        {
            Assert.True(TestApp.WentTo(await anonymous.GetAsync(path), "/login"), path);
        }
        var download = await anonymous.GetAsync("/statistics/detained.json");
        Assert.True(
            download.StatusCode == HttpStatusCode.Unauthorized || TestApp.WentTo(download, "/login"),
            download.StatusCode.ToString()
        );
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/statistics/figures/detained")).StatusCode);
    }
}

/// <summary>The sweep counts every stored period and takes off those of people the reader may not see: the result must be
/// that of the filtered query, for a reader with and without a grant.</summary>
public sealed class StatisticsVisibilityTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARestrictedPerson_CountsOnlyForReadersWhoMaySeeThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        var monitor = await app.AccountAsync(Roles.Monitor);
        var shown = await TestApp.CreatePersonAsync(coordinator.Client, "Visible Prisoner");
        var hiddenResponse = await coordinator.Client.PostAsJsonAsync(
            "/api/v1/people",
            new { name = "Hidden Prisoner", level = "restricted" }
        );
        Assert.Equal(HttpStatusCode.Created, hiddenResponse.StatusCode);
        var hidden = (await hiddenResponse.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        foreach (var (person, day) in new[] { (shown, "2020-01-10"), (hidden, "2020-01-05") })
        {
            Assert.Equal(
                HttpStatusCode.Created,
                (
                    await coordinator.Client.PostAsJsonAsync(
                        "/api/v1/events",
                        new
                        {
                            type = "arrest",
                            date = day,
                            personIds = new[] { person },
                        }
                    )
                ).StatusCode
            );
        }
        async Task<double?[]> CountsAsync(HttpClient client)
        {
            var figure = await client.GetFromJsonAsync<JsonElement>("/statistics/detained.json?from=2020-01-01&to=2020-01-31&interval=day");
            return figure.GetProperty("rows").EnumerateArray().Select(r => (double?)r.GetProperty("values")[0].GetDouble()).ToArray();
        }
        var seenByCreator = await CountsAsync(coordinator.Client);
        var seenByMonitor = await CountsAsync(monitor.Client);
        Assert.Equal(1, seenByCreator[4]);
        Assert.Equal(2, seenByCreator[30]);
        Assert.Equal(0, seenByMonitor[4]);
        Assert.Equal(1, seenByMonitor[30]);
        Assert.DoesNotContain(
            "Hidden Prisoner",
            await monitor.Client.GetStringAsync("/statistics/detained/records?on=2020-01-31"),
            StringComparison.Ordinal
        );
        Assert.Equal(
            1,
            (await monitor.Client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/detained?on=2020-01-31"))
                .GetProperty("count")
                .GetInt32()
        );
    }
}
