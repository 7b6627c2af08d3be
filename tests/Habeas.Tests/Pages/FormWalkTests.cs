using System.Net;
using System.Text.RegularExpressions;
using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Cards;
using Habeas.Campaigns.Stories;
using Habeas.Core.Campaigns;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Shared;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Pages;

/// <summary>
/// No page sends a list of every record: every page of the app (found in the route table, so a new page is walked
/// without being named here) is opened by an administrator on the demonstration data with 60 more people, cases,
/// sources, places, organisations, legal provisions and officials, and none may hold a <c>&lt;select&gt;</c> (or datalist) of more than 50 records,
/// or more than 50 radio buttons or check boxes of one name naming records. docs/testing.md, "The form walk".
/// </summary>
public sealed partial class FormWalkTests
{
    public const int MaxOptions = 50;
    private const int Extra = 60;

    /// <summary>Routes the walk cannot open as a page, and why. A new route that does not answer 200 fails the walk until
    /// it is given a record to open or a reason here.</summary>
    internal static readonly Dictionary<string, string> NotPages = new(StringComparer.Ordinal)
    {
        ["/files/{id:guid}"] = "a stored file, sent as itself",
        ["/account/set-password/{token}"] = "a secret link; without its token it is refused",
        ["/calendar/feed/{secret}.ics"] = "a secret iCalendar link, sent as text/calendar; without its secret it is refused",
        ["/supporters/confirm/{token}"] = "a supporter's secret link",
        ["/supporters/me/{token}"] = "a supporter's secret link",
        ["/supporters/me/{token}/export"] = "a supporter's secret link",
        ["/status/{code:int}"] = "the status page, shown with the status it names",
        ["/pickers/{kind}"] = "JSON for the pickers' script (Records/Pickers/Options.cshtml.cs)",
        ["/confidential/{segment}/{id:guid}"] = "needs the confidential grant, which no role carries by default; it chooses no records",
        ["/error"] = "the exception handler's page, not opened by a link",
        ["/setup"] = "the first administrator's page, gone once there is one",
        ["/actions/{id:guid}/cards/batches/{batchId:guid}"] =
            "the demonstration data have no card batch; the page lists a batch's cards, it chooses no records",
        ["/stories/{id:guid}/media/{mediaId:guid}"] = "an image, sent as itself",
        ["/public/people/{id:guid}/photo"] = "an image, sent as itself",
        ["/people/{id:guid}/affiliations/{affiliationId:guid}/edit"] =
            "the demonstration data have no affiliation; its form chooses the organisation through the picker, as the new-affiliation page the walk opens",
    };

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task EveryPage_WithSixtyRecordsOfEachKind_OffersNoChoiceOfMoreThanFifty(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var ids = await PlantAsync(app);
        var admin = app.CreateAnonymousClient();
        await app.SignInAsync(admin, await app.CreateUserAsync(Roles.Administrator));

        var walked = new List<string>();
        var unreached = new List<string>();
        var tooMany = new List<string>();
        var routes = Endpoints
            .All(app.Services)
            .Where(o => o.Method == "GET" && !o.IsApi && !NotPages.ContainsKey(o.Route))
            .Select(o => o.Route)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var route in routes)
        {
            var path = Fill(route, ids);
            using var response = await admin.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                unreached.Add($"{route} as {path}: {(int)response.StatusCode}");
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            walked.Add(route);
            foreach (var problem in Overfull(await response.Content.ReadAsStringAsync()))
            {
                tooMany.Add($"{path}: {problem}");
            }
        }

        Assert.True(
            unreached.Count == 0,
            $"Pages the walk could not open (give them a record in Fill or a reason in NotPages):\n{string.Join("\n", unreached)}"
        );
        Assert.True(tooMany.Count == 0, $"Choices of more than {MaxOptions} options:\n{string.Join("\n", tooMany)}");
        // The forms that used to list every record were walked.
        foreach (
            var form in new[]
            {
                "/events/new",
                "/events/{id:guid}/edit",
                "/citations/new",
                "/actions/new",
                "/actions/{id:guid}/edit",
                "/search",
                "/cases/new",
                "/places/new",
                "/organisations/new",
                "/admin/time-limits/new",
                "/admin/time-limits/{id:guid}",
                "/cases/{id:guid}/charges/new",
                "/actions/{id:guid}/targets/new",
            }
        )
        {
            Assert.Contains(form, walked);
        }
    }

    /// <summary>The check itself fails on what it is meant to catch: a long select, datalist or group of check boxes.</summary>
    [Fact]
    public void Overfull_FindsALongSelect_ALongDatalist_AndALongGroupOfCheckBoxes_NotShortOnes()
    {
        string Options(int n) => string.Concat(Enumerable.Range(0, n).Select(i => $"<option value=\"{Guid.NewGuid()}\">P {i}</option>"));
        string Boxes(string type, int n) =>
            string.Concat(
                Enumerable
                    .Range(0, n)
                    .Select(i => $"<label><input type=\"{type}\" name=\"Input.CaseIds\" value=\"{Guid.NewGuid()}\"> C {i}</label>")
            );

        Assert.Empty(Overfull($"<select name=\"a\"><option value=\"\">—</option>{Options(50)}</select>"));
        Assert.Single(Overfull($"<select name=\"a\" class=\"wide\">\n{Options(51)}\n</select>"));
        Assert.Single(Overfull($"<datalist id=\"d\">{Options(51)}</datalist>"));
        Assert.Empty(Overfull($"<input type=\"radio\" name=\"Input.CaseIds\" value=\"\">{Boxes("radio", 50)}"));
        Assert.Single(Overfull(Boxes("checkbox", 51)));
        Assert.Single(Overfull(Boxes("radio", 51)));
        var countries = string.Concat(Enumerable.Range(0, 200).Select(i => $"<option value=\"C{i}\">Country {i}</option>"));
        Assert.Empty(Overfull($"<select name=\"country\">{countries}</select>"));
    }

    /// <summary>What on a page offers more than <see cref="MaxOptions"/> records. Every record is named by its id (a
    /// GUID) in a form, so the options counted are those whose value is one: "none" (an empty value) and lists of codes
    /// (the countries of a supporter's card, a vocabulary) are not lists of records.</summary>
    public static IReadOnlyList<string> Overfull(string html)
    {
        var problems = new List<string>();
        foreach (Match list in ListElement().Matches(html))
        {
            var options = OptionElement().Matches(list.Groups["body"].Value).Count(o => RecordValue().IsMatch(o.Value));
            if (options > MaxOptions)
            {
                problems.Add($"<{list.Groups["tag"].Value}{list.Groups["attributes"].Value}> with {options} options");
            }
        }
        var groups = InputElement()
            .Matches(html)
            .Select(m => m.Value)
            .Where(i => i.Contains("type=\"radio\"", StringComparison.Ordinal) || i.Contains("type=\"checkbox\"", StringComparison.Ordinal))
            .Where(i => RecordValue().IsMatch(i))
            .GroupBy(i => NameAttribute().Match(i).Groups[1].Value);
        foreach (var group in groups.Where(g => g.Count() > MaxOptions))
        {
            problems.Add($"{group.Count()} radio buttons or check boxes named {group.Key}");
        }
        return problems;
    }

    /// <summary>The route with its parameters filled with records of the demonstration data and of the 60 added.</summary>
    internal static string Fill(string route, Dictionary<string, Guid> ids)
    {
        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kind =
            segments.Length == 0 ? ""
            : segments[0] == "public" && segments.Length > 1 ? "public-" + segments[1]
            : segments[0];
        var path = route
            .Replace("{id:guid}", ids.TryGetValue(kind, out var id) ? id.ToString() : Guid.Empty.ToString(), StringComparison.Ordinal)
            .Replace("{segment}", "people", StringComparison.Ordinal)
            .Replace("{type}", "person", StringComparison.Ordinal)
            .Replace("{figure}", Habeas.Publishing.Statistics.Figure.Ids[0], StringComparison.Ordinal)
            .Replace("{batchId:guid}", ids.GetValueOrDefault("batch").ToString(), StringComparison.Ordinal)
            .Replace("{mediaId:guid}", ids.GetValueOrDefault("media").ToString(), StringComparison.Ordinal);
        if (
            route
            is "/access/{segment}/{id:guid}"
                or "/confidential/{segment}/{id:guid}"
                or "/history/{type}/{id:guid}"
                or "/retract/{segment}/{id:guid}"
                or "/files/{segment}/{id:guid}"
        )
        {
            path = path.Replace(Guid.Empty.ToString(), ids["people"].ToString(), StringComparison.Ordinal);
        }
        return route switch
        {
            "/citations/new" => $"{path}?targetType=event&targetId={ids["events"]}",
            "/events/new" => $"{path}?caseId={ids["cases"]}",
            "/admin/time-limits/{id:guid}" => route.Replace("{id:guid}", ids["time-limit"].ToString(), StringComparison.Ordinal),
            "/act/{id:guid}/letter" or "/act/{id:guid}/letter.docx" => $"{path}?target={ids["act-target"]}&name=Dara&town=Phnom%20Penh",
            "/duplicates/compare" => $"{path}?A={ids["people"]}&B={ids["other-people"]}",
            _ => path,
        };
    }

    /// <summary>60 more people, cases, sources, places, organisations, provisions and officials; the ids of one record of each kind to open.</summary>
    internal static async Task<Dictionary<string, Guid>> PlantAsync(TestApp app)
    {
        await using (var db = app.OpenDb())
        {
            for (var i = 0; i < Extra; i++)
            {
                var person = new Person();
                person.Names.Add(
                    new PersonName
                    {
                        Text = $"Walker Person {i:00}",
                        Script = "Latn",
                        Kind = NameKinds.Primary,
                    }
                );
                db.People.Add(person);
                db.Cases.Add(new Case { Title = $"Walk case {i:00}" });
                db.Sources.Add(new Source { Title = $"Walk source {i:00}" });
                db.Places.Add(new Place { Kind = "district", Names = LocalizedText.Of("en", $"Walk district {i:00}") });
                db.Organisations.Add(new Organisation { Kind = "ngo", Names = LocalizedText.Of("en", $"Walk NGO {i:00}") });
                db.LegalProvisions.Add(new LegalProvision { Code = "Walk Code", Article = $"{i}" });
                db.CampaignTargets.Add(new CampaignTarget { Title = "Governor", Name = $"Walk Official {i:00}" });
            }
            // The supporters' card and letter pages open for an action still running: the demonstration's has ended.
            var running = await db.CampaignActions.FirstAsync(a => a.Public && a.Status != ActionLifecycle.Draft);
            running.Status = ActionLifecycle.Issued;
            await db.SaveChangesAsync();
        }
        await using var read = app.OpenDb();
        return await IdsOfEachKindAsync(read);
    }

    /// <summary>The id of one record of each kind to open (the first found), by the name of the routes' first segment.</summary>
    internal static async Task<Dictionary<string, Guid>> IdsOfEachKindAsync(Habeas.Platform.Storage.HabeasDb read)
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        // A kind the data lack leaves its pages unreached, which the walk reports by route.
        async Task Add(string key, IQueryable<Guid> found)
        {
            if (await found.Select(id => (Guid?)id).FirstOrDefaultAsync() is { } id)
            {
                ids[key] = id;
            }
        }
        await Add("people", read.People.Select(p => p.Id));
        await Add("other-people", read.People.Select(p => p.Id).Skip(1));
        await Add("cases", read.Cases.Select(c => c.Id));
        await Add("events", read.Events.Select(e => e.Id));
        await Add("sources", read.Sources.Select(s => s.Id));
        await Add("citations", read.Citations.Select(c => c.Id));
        await Add("places", read.Places.Select(p => p.Id));
        await Add("organisations", read.Organisations.Select(o => o.Id));
        await Add("designations", read.Designations.Select(d => d.Id));
        await Add("interventions", read.Interventions.Select(i => i.Id));
        await Add("actions", read.CampaignActions.Select(a => a.Id));
        await Add("act", read.CampaignActions.Where(a => a.Public && a.Status != ActionLifecycle.Draft).Select(a => a.Id));
        var act = ids.GetValueOrDefault("act");
        await Add("act-target", read.CampaignActions.Where(a => a.Id == act).SelectMany(a => a.Targets).Select(t => t.TargetId));
        await Add("stories", read.Stories.Select(s => s.Id));
        await Add("public-people", read.People.Where(p => p.Level == RecordLevels.Public).Select(p => p.Id));
        await Add("public-cases", read.Cases.Where(c => c.Level == RecordLevels.Public).Select(c => c.Id));
        if (await read.CardBatches.Select(b => (Guid?)b.Id).FirstOrDefaultAsync() is { } batch)
        {
            ids["batch"] = batch;
        }
        if (await read.Set<Habeas.Records.Deadlines.LegalTimeLimit>().Select(l => (Guid?)l.Id).FirstOrDefaultAsync() is { } limit)
        {
            ids["time-limit"] = limit;
        }
        if (await read.StoryMedia.Select(m => (Guid?)m.Id).FirstOrDefaultAsync() is { } media)
        {
            ids["media"] = media;
        }
        return ids;
    }

    [GeneratedRegex(@"<(?<tag>select|datalist)(?<attributes>\b[^>]*)>(?<body>.*?)</\k<tag>>", RegexOptions.Singleline)]
    private static partial Regex ListElement();

    [GeneratedRegex(@"<option\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex OptionElement();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputElement();

    [GeneratedRegex("value=\"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\"")]
    private static partial Regex RecordValue();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();
}
