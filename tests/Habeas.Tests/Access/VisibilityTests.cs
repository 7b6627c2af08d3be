using System.IO.Compression;
using System.Net;
using System.Text;
using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Habeas.Tests.Access;

/// <summary>
/// Visibility by construction: every entity type of the model has a rule in Access/Visibility.cs, every route
/// of the app has a class in <see cref="Classes"/>, and a restricted canary planted in every text column of every type
/// whose rule makes it restricted (generated from the EF model) appears in no GET route, export, feed, search or
/// statistics output for anyone who may not see it; every route that takes a record's id answers 404/403 for it.
/// </summary>
public sealed partial class VisibilityTests
{
    // ---- (a) every entity type has a rule -------------------------------------------------------------------------

    [Fact]
    public void EveryEntityTypeOfTheModel_DeclaresWhoMaySeeIt()
    {
        using var db = ModelOnly();
        var missing = db
            .Model.GetEntityTypes()
            .Select(t => t.ClrType)
            .Where(t => Visibility.For(t) is null)
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, $"Entity types without a visibility rule in Access/Visibility.cs: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryEntityTypeOfTheModel_DeclaresItsRuleOnce_BesideItsMapping()
    {
        using var db = ModelOnly();
        var twice = Visibility.Declared.GroupBy(d => d.Type).Where(g => g.Count() > 1).Select(g => g.Key.FullName).ToList();
        Assert.True(twice.Count == 0, $"Entity types with more than one visibility rule: {string.Join(", ", twice)}");
        var notInModel = Visibility
            .Declared.Select(d => d.Type)
            .Where(t => db.Model.FindEntityType(t) is null)
            .Select(t => t.FullName)
            .ToList();
        Assert.True(notInModel.Count == 0, $"Visibility rules of types that are not in the model: {string.Join(", ", notInModel)}");
    }

    [Fact]
    public void EveryTypeThatFollowsARecord_IsFilteredByTheDatabase_OrSaysHowItIsRead()
    {
        using var db = ModelOnly();
        var unfiltered = db
            .Model.GetEntityTypes()
            .Where(t =>
                Visibility.For(t.ClrType)
                    is { Basis: VisibilityBasis.OwnLevel or VisibilityBasis.Follows or VisibilityBasis.ActionCases, ReadThrough: null }
            )
            .Where(t => t.GetDeclaredQueryFilters().Count == 0)
            .Select(t => t.ClrType.Name)
            .ToList();
        Assert.True(
            unfiltered.Count == 0,
            $"Types whose rule follows a record but which have no query filter and no ReadThrough: {string.Join(", ", unfiltered)}"
        );
        // Every versioned type has its history rule.
        var versioned = db
            .Model.GetEntityTypes()
            .Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType))
            .Select(t => t.ClrType)
            .ToList();
        Assert.All(versioned, t => Assert.Contains(t, Visibility.Versioned.Values));
    }

    // ---- (b) every route has a class ------------------------------------------------------------------------------

    /// <summary>
    /// What each route of the app shows, and so how it is checked: a record type when its {id} (or {segment}/{type} and
    /// {id}) names one; "list" for lists, search, exports, statistics and feeds (walked for canaries); "public" for the
    /// anonymous site; "form" for an empty form; "account", "admin", "supporter" and "static" for what shows no record;
    /// "write" for state changes (their refusals are in the access matrix). A route missing here fails the test: decide
    /// its rule, then add it. Places and organisations are public by nature (PlaceMapping, OrganisationMapping): their
    /// pages and API hide nothing, so even their record routes are walked as lists.
    /// </summary>
    private static readonly Dictionary<string, string> Classes = new(StringComparer.Ordinal)
    {
        ["GET /"] = "list",
        ["GET /access/{segment}/{id:guid}"] = "record",
        ["GET /account/language"] = "account",
        ["GET /account/password"] = "account",
        ["GET /account/reminders"] = "account",
        ["GET /account/set-password/{token}"] = "account",
        ["GET /account/tokens"] = "account",
        ["GET /account/two-factor"] = "account",
        ["GET /act/{id:guid}"] = "action",
        ["GET /act/{id:guid}/card"] = "action",
        ["GET /act/{id:guid}/letter"] = "action",
        ["GET /act/{id:guid}/letter.docx"] = "action",
        ["GET /act/{id:guid}/sent"] = "action",
        ["GET /actions"] = "list",
        ["GET /actions/new"] = "form",
        ["GET /actions/numbers"] = "list",
        ["GET /actions/{id:guid}"] = "action",
        ["GET /actions/{id:guid}/cards"] = "action",
        ["GET /actions/{id:guid}/cards/batches"] = "action",
        ["GET /actions/{id:guid}/cards/batches/{batchId:guid}"] = "action",
        ["GET /actions/{id:guid}/close"] = "action",
        ["GET /actions/{id:guid}/publish"] = "action",
        ["GET /actions/{id:guid}/document"] = "action",
        ["GET /actions/{id:guid}/edit"] = "action",
        ["GET /actions/{id:guid}/issue"] = "action",
        ["GET /actions/{id:guid}/letters"] = "action",
        ["GET /actions/{id:guid}/letters/preview"] = "action",
        ["GET /actions/{id:guid}/outreach/new"] = "action",
        ["GET /actions/{id:guid}/replies"] = "action",
        ["GET /actions/{id:guid}/story"] = "action",
        ["GET /actions/{id:guid}/targets/new"] = "action",
        ["GET /actions/{id:guid}/updates/new"] = "action",
        ["GET /admin/audit"] = "admin",
        ["GET /admin/mail"] = "admin",
        ["GET /admin/teams"] = "admin",
        ["GET /admin/translations"] = "admin",
        ["GET /admin/time-limits"] = "admin",
        ["GET /admin/time-limits/new"] = "admin",
        ["GET /admin/time-limits/{id:guid}"] = "admin",
        ["GET /admin/users"] = "admin",
        ["GET /api/v1/actions"] = "list",
        ["GET /api/v1/actions/numbers"] = "list",
        ["GET /api/v1/actions/{id:guid}"] = "action",
        ["GET /api/v1/actions/{id:guid}/cards"] = "action",
        ["GET /api/v1/actions/{id:guid}/letters"] = "action",
        ["GET /api/v1/actions/{id:guid}/replies"] = "action",
        ["GET /api/v1/actions/{id:guid}/story"] = "action",
        ["GET /api/v1/actions/{id:guid}/summary"] = "action",
        ["GET /api/v1/audit/entries"] = "admin",
        ["GET /api/v1/audit/head"] = "admin",
        ["GET /api/v1/audit/proof/consistency"] = "admin",
        ["GET /api/v1/audit/proof/inclusion"] = "admin",
        ["GET /api/v1/calendar"] = "list",
        ["GET /api/v1/cases"] = "list",
        ["GET /api/v1/cases/{id:guid}"] = "case",
        ["GET /api/v1/cases/{id:guid}/access"] = "case",
        ["GET /api/v1/citations"] = "list",
        ["GET /api/v1/events"] = "list",
        ["GET /api/v1/events/{id:guid}"] = "event",
        ["PUT /api/v1/events/{id:guid}/state"] = "write",
        ["GET /api/v1/attention"] = "list",
        ["GET /api/v1/watches"] = "list",
        ["POST /api/v1/watches"] = "write",
        ["DELETE /api/v1/watches/{recordType}/{recordId:guid}"] = "write",
        ["GET /events/{id:guid}/state"] = "event",
        ["GET /watches"] = "list",
        ["GET /api/v1/events/{id:guid}/access"] = "event",
        ["GET /api/v1/events/{id:guid}/confidential"] = "event",
        ["GET /api/v1/events/{id:guid}/files"] = "event",
        ["GET /api/v1/export"] = "list",
        ["GET /api/v1/organisations"] = "list",
        ["GET /api/v1/organisations/{id:guid}"] = "list",
        ["GET /api/v1/people"] = "list",
        ["GET /api/v1/people/duplicates"] = "list",
        ["GET /api/v1/people/{id:guid}"] = "person",
        ["GET /api/v1/people/{id:guid}/access"] = "person",
        ["GET /api/v1/people/{id:guid}/confidential"] = "person",
        ["GET /api/v1/people/{id:guid}/files"] = "person",
        ["GET /api/v1/places"] = "list",
        ["GET /api/v1/time-limits"] = "list",
        ["GET /api/v1/places/{id:guid}"] = "list",
        ["GET /api/v1/search"] = "list",
        ["GET /api/v1/search/people"] = "list",
        ["GET /api/v1/sources"] = "list",
        ["GET /api/v1/sources/{id:guid}"] = "source",
        ["GET /api/v1/sources/{id:guid}/access"] = "source",
        ["GET /api/v1/sources/{id:guid}/confidential"] = "source",
        ["GET /api/v1/sources/{id:guid}/files"] = "source",
        ["GET /api/v1/statistics/detained"] = "list",
        ["GET /api/v1/statistics/figures/{figure}"] = "list",
        ["GET /api/v1/supporters"] = "supporter",
        ["GET /api/v1/tokens"] = "account",
        ["GET /api/v1/vocabularies/{name}"] = "list",
        ["GET /api/{documentName}/openapi.json"] = "static",
        ["GET /calendar"] = "list",
        ["GET /calendar/feed/{secret}.ics"] = "list",
        ["GET /calendar/feeds"] = "account",
        ["GET /cases"] = "list",
        ["GET /cases/new"] = "form",
        ["GET /cases/{id:guid}"] = "case",
        ["GET /cases/{id:guid}/charges/new"] = "case",
        ["GET /cases/{id:guid}/dossier"] = "case",
        ["GET /cases/{id:guid}/publish"] = "case",
        ["GET /cases/{id:guid}/unpublish"] = "case",
        ["GET /cases/{id:guid}/edit"] = "case",
        ["GET /cases/{id:guid}/interventions/new"] = "case",
        ["GET /citations/new"] = "form",
        ["GET /citations/{id:guid}/edit"] = "citation",
        ["GET /confidential/{segment}/{id:guid}"] = "record",
        ["GET /designations/{id:guid}/edit"] = "designation",
        ["GET /duplicates"] = "list",
        ["GET /duplicates/compare"] = "list",
        ["GET /error"] = "static",
        ["GET /status/{code:int}"] = "static",
        ["GET /events/new"] = "form",
        ["GET /events/{id:guid}/edit"] = "event",
        ["GET /export"] = "form",
        ["GET /files/{id:guid}"] = "file",
        ["GET /files/{segment}/{id:guid}"] = "record",
        ["GET /health"] = "static",
        ["GET /health/ready"] = "static",
        ["GET /history/{type}/{id:guid}"] = "history",
        ["GET /import"] = "form",
        ["POST /api/v1/actions/{id:guid}/retract"] = "write",
        ["POST /api/v1/actions/{id:guid}/restore"] = "write",
        ["POST /api/v1/cases/{id:guid}/retract"] = "write",
        ["POST /api/v1/cases/{id:guid}/restore"] = "write",
        ["POST /api/v1/charges/{id:guid}/retract"] = "write",
        ["POST /api/v1/charges/{id:guid}/restore"] = "write",
        ["POST /api/v1/citations/{id:guid}/retract"] = "write",
        ["POST /api/v1/citations/{id:guid}/restore"] = "write",
        ["POST /api/v1/designations/{id:guid}/retract"] = "write",
        ["POST /api/v1/designations/{id:guid}/restore"] = "write",
        ["POST /api/v1/events/{id:guid}/retract"] = "write",
        ["POST /api/v1/events/{id:guid}/restore"] = "write",
        ["POST /api/v1/files/{id:guid}/retract"] = "write",
        ["POST /api/v1/files/{id:guid}/restore"] = "write",
        ["POST /api/v1/interventions/{id:guid}/retract"] = "write",
        ["POST /api/v1/interventions/{id:guid}/restore"] = "write",
        ["POST /api/v1/people/{id:guid}/retract"] = "write",
        ["POST /api/v1/people/{id:guid}/restore"] = "write",
        ["POST /api/v1/replies/{id:guid}/retract"] = "write",
        ["POST /api/v1/replies/{id:guid}/restore"] = "write",
        ["POST /api/v1/sources/{id:guid}/retract"] = "write",
        ["POST /api/v1/sources/{id:guid}/restore"] = "write",
        ["POST /api/v1/targets/{id:guid}/retract"] = "write",
        ["POST /api/v1/targets/{id:guid}/restore"] = "write",
        ["GET /api/v1/retracted"] = "list",
        ["GET /retracted"] = "list",
        ["GET /retract/{segment}/{id:guid}"] = "record",
        ["GET /people/{id:guid}/erase"] = "person",
        ["POST /api/v1/people/{id:guid}/erase"] = "write",
        ["GET /language"] = "static",
        ["GET /login"] = "static",
        ["GET /login/two-factor"] = "static",
        ["GET /organisations"] = "list",
        ["GET /organisations/new"] = "form",
        ["GET /organisations/{id:guid}"] = "list",
        ["GET /organisations/{id:guid}/edit"] = "list",
        ["GET /interventions/{id:guid}/edit"] = "intervention",
        ["GET /people"] = "list",
        ["GET /people/new"] = "form",
        ["GET /people/{id:guid}"] = "person",
        ["GET /people/{id:guid}/designations/new"] = "person",
        ["GET /people/{id:guid}/affiliations/new"] = "person",
        ["GET /people/{id:guid}/affiliations/{affiliationId:guid}/edit"] = "person",
        ["GET /people/{id:guid}/edit"] = "person",
        ["GET /places"] = "list",
        ["GET /places/new"] = "form",
        ["GET /places/{id:guid}"] = "list",
        ["GET /places/{id:guid}/edit"] = "list",
        ["GET /pickers/{kind}"] = "list",
        ["GET /public"] = "public",
        ["GET /public/cases/{id:guid}"] = "case",
        ["GET /public/cases/{id:guid}/dossier"] = "case",
        ["GET /public/feed.atom"] = "public",
        ["GET /public/people/{id:guid}"] = "person",
        ["GET /public/people/{id:guid}/photo"] = "person",
        ["GET /public/statistics"] = "public",
        ["GET /public/statistics/{figure}.csv"] = "public",
        ["GET /public/statistics/{figure}.json"] = "public",
        ["GET /public/statistics/{figure}/records"] = "public",
        ["GET /search"] = "list",
        ["GET /setup"] = "static",
        ["GET /sources"] = "list",
        ["GET /sources/new"] = "form",
        ["GET /sources/{id:guid}"] = "source",
        ["GET /sources/{id:guid}/edit"] = "source",
        ["GET /statistics"] = "list",
        ["GET /statistics/{figure}.csv"] = "list",
        ["GET /statistics/{figure}.json"] = "list",
        ["GET /statistics/{figure}/records"] = "list",
        ["GET /stories"] = "public",
        ["GET /stories/{id:guid}"] = "story",
        ["GET /stories/{id:guid}/media/{mediaId:guid}"] = "story",
        ["GET /supporters"] = "supporter",
        ["GET /supporters/confirm/{token}"] = "supporter",
        ["GET /supporters/join"] = "supporter",
        ["GET /supporters/me/{token}"] = "supporter",
        ["GET /supporters/me/{token}/export"] = "supporter",
        ["DELETE /api/v1/tokens/{id:guid}"] = "write",
        ["POST /api/v1/actions"] = "write",
        ["POST /api/v1/actions/{id:guid}/cards/{cardId:guid}/approve"] = "write",
        ["POST /api/v1/actions/{id:guid}/cards/{cardId:guid}/reject"] = "write",
        ["POST /api/v1/actions/{id:guid}/close"] = "write",
        ["POST /api/v1/actions/{id:guid}/files"] = "write",
        ["POST /api/v1/actions/{id:guid}/issue"] = "write",
        ["POST /api/v1/actions/{id:guid}/outreach"] = "write",
        ["POST /api/v1/actions/{id:guid}/publish"] = "write",
        ["POST /api/v1/actions/{id:guid}/replies"] = "write",
        ["POST /api/v1/actions/{id:guid}/story/publish"] = "write",
        ["POST /api/v1/actions/{id:guid}/targets"] = "write",
        ["POST /api/v1/actions/{id:guid}/updates"] = "write",
        ["POST /api/v1/cases"] = "write",
        ["POST /api/v1/cases/{id:guid}/charges"] = "write",
        ["POST /api/v1/cases/{id:guid}/interventions"] = "write",
        ["POST /api/v1/cases/{id:guid}/publish"] = "write",
        ["POST /api/v1/cases/{id:guid}/unpublish"] = "write",
        ["POST /api/v1/citations"] = "write",
        ["POST /api/v1/events"] = "write",
        ["POST /api/v1/events/{id:guid}/files"] = "write",
        ["POST /api/v1/import"] = "write",
        ["POST /api/v1/organisations"] = "write",
        ["POST /api/v1/people"] = "write",
        ["POST /api/v1/people/duplicates/dismiss"] = "write",
        ["POST /api/v1/people/{id:guid}/designations"] = "write",
        ["POST /api/v1/people/{id:guid}/files"] = "write",
        ["POST /api/v1/people/{id:guid}/affiliations"] = "write",
        ["POST /api/v1/people/{id:guid}/merge"] = "write",
        ["POST /api/v1/people/{id:guid}/unmerge"] = "write",
        ["POST /api/v1/places"] = "write",
        ["POST /api/v1/sources"] = "write",
        ["POST /api/v1/sources/{id:guid}/files"] = "write",
        ["POST /api/v1/tokens"] = "write",
        ["PUT /api/v1/actions/{id:guid}"] = "write",
        ["PUT /api/v1/actions/{id:guid}/letters/{language}"] = "write",
        ["PUT /api/v1/actions/{id:guid}/story"] = "write",
        ["PUT /api/v1/cases/{id:guid}"] = "write",
        ["PUT /api/v1/cases/{id:guid}/access"] = "write",
        ["PUT /api/v1/designations/{id:guid}"] = "write",
        ["PUT /api/v1/people/{id:guid}/affiliations/{affiliationId:guid}"] = "write",
        ["PUT /api/v1/events/{id:guid}"] = "write",
        ["PUT /api/v1/events/{id:guid}/access"] = "write",
        ["PUT /api/v1/events/{id:guid}/confidential"] = "write",
        ["PUT /api/v1/interventions/{id:guid}"] = "write",
        ["PUT /api/v1/organisations/{id:guid}"] = "write",
        ["PUT /api/v1/people/{id:guid}"] = "write",
        ["PUT /api/v1/people/{id:guid}/access"] = "write",
        ["PUT /api/v1/people/{id:guid}/confidential"] = "write",
        ["PUT /api/v1/places/{id:guid}"] = "write",
        ["PUT /api/v1/time-limits/{id:guid}"] = "write",
        ["PUT /api/v1/sources/{id:guid}"] = "write",
        ["PUT /api/v1/sources/{id:guid}/access"] = "write",
        ["PUT /api/v1/sources/{id:guid}/confidential"] = "write",
    };

    /// <summary>The classes whose {id} names a record the rule may hide.</summary>
    private static readonly string[] RecordClasses =
    [
        "person",
        "case",
        "event",
        "source",
        "citation",
        "designation",
        "intervention",
        "action",
        "story",
        "file",
        "history",
        "record",
    ];

    [Fact]
    public async Task EveryRouteOfTheApp_HasAVisibilityClass()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var missing = Endpoints.All(app.Services).Select(o => o.Name).Where(n => !Classes.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, $"Routes without a visibility class in VisibilityTests.Classes: {string.Join(", ", missing)}");
    }

    // ---- (c) canaries in every text column of every restricted type -----------------------------------------------

    /// <summary>What all canaries start with (compared without case: search keeps lower-cased text).</summary>
    private const string Marker = "cnryq";

    /// <summary>
    /// Text columns that are not free text, so they keep a valid value: codes of a fixed vocabulary or lifecycle (a level,
    /// a status, a kind, a language tag, a country), hashes, ciphertexts (confidential values are encrypted and tested by
    /// ConfidentialTests), dates the app derives (custody periods), and JSON kept by the app itself (history snapshots, a
    /// merge's moved ids), which holds the
    /// canaries of the records it copies. Every other string or <see cref="LocalizedText"/> property gets a canary.
    /// </summary>
    private static readonly HashSet<string> NotFreeText = new(StringComparer.Ordinal)
    {
        "Level",
        "Kind",
        "Type",
        "Status",
        "State",
        "Category",
        "Role",
        "Tag",
        "Language",
        "Script",
        "Channel",
        "Country",
        "TargetType",
        "RecordType",
        "MediaType",
        "Sha256",
        "Ciphertext",
        "Data",
        "Before",
        "Moved",
        "Field",
        "SearchText",
        "Change",
        "Part",
        "FromDate",
        "ToDate",
        "Consent",
    };

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ACanaryInEveryTextColumnOfRestrictedRecords_AppearsInNoRouteForAnyoneWhoMayNotSeeThem(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [Habeas.Platform.Security.RateLimits.PermitsKey] = "100000" }
        );
        var ids = await PlantAsync(app);

        var readers = new Dictionary<string, HttpClient> { ["anonymous"] = app.CreateAnonymousClient() };
        foreach (
            var (name, role, grant) in new[]
            {
                ("viewer", Roles.Viewer, false),
                ("monitor", Roles.Monitor, false),
                ("monitor + confidential", Roles.Monitor, true),
                ("campaigner", Roles.Campaigner, false),
                ("coordinator", Roles.Coordinator, false),
            }
        )
        {
            readers[name] = (await app.AccountAsync(role, grant)).Client;
        }
        var paths = Paths(app, ids);
        // The administrator sees the records: the canaries are where the walk looks.
        using var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (
            var shown in new[]
            {
                $"/api/v1/people/{ids["person"]}",
                $"/history/reply/{ids["reply"]}",
                $"/api/v1/citations?sourceId={ids["internal-source"]}",
            }
        )
        {
            Assert.Matches(Canary(), await admin.GetStringAsync(shown));
        }

        var leaks = new List<string>();
        foreach (var (reader, plain) in readers)
        {
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = plain.DefaultRequestHeaders.Authorization;
            foreach (var (path, recordClass) in paths)
            {
                using var response = await client.GetAsync(path);
                var body = await TextOfAsync(response);
                // A canary is the marker and a number; the marker alone is the search words echoed back.
                if (Canary().Match(body) is { Success: true } found)
                {
                    var at = found.Index;
                    leaks.Add(
                        $"{reader} GET {path} ({(int)response.StatusCode}): …{body[Math.Max(0, at - 60)..Math.Min(body.Length, at + 40)]}…"
                    );
                }
                // A redirect shows nothing but where it goes (sign-in, or the action's own page, walked on its own).
                var refused =
                    response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                    || (
                        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
                        && !Canary().IsMatch(response.Headers.Location?.OriginalString ?? "")
                    );
                if (RecordClasses.Contains(recordClass) && !refused)
                {
                    leaks.Add($"{reader} GET {path}: {(int)response.StatusCode} for a restricted record (expected 404 or 403)");
                }
                if ((int)response.StatusCode >= 500)
                {
                    leaks.Add($"{reader} GET {path}: {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks:\n{string.Join("\n", leaks)}");
    }

    /// <summary>Every GET route with its parameters filled with the planted records, and the queries that list or search them.</summary>
    private static List<(string Path, string Class)> Paths(TestApp app, Dictionary<string, Guid> ids)
    {
        var paths = new List<(string, string)>();
        foreach (var operation in Endpoints.All(app.Services).Where(o => o.Method == "GET"))
        {
            var recordClass = Classes.GetValueOrDefault(operation.Name) ?? "unclassified";
            var route = operation.Route;
            IEnumerable<string> filled = [route];
            if (route.Contains("{segment}", StringComparison.Ordinal))
            {
                filled = new[] { ("people", "person"), ("cases", "case"), ("events", "event"), ("sources", "source") }.Select(s =>
                    route
                        .Replace("{segment}", s.Item1, StringComparison.Ordinal)
                        .Replace("{id:guid}", ids[s.Item2].ToString(), StringComparison.Ordinal)
                );
            }
            else if (route.Contains("{type}", StringComparison.Ordinal))
            {
                filled = Visibility
                    .Versioned.Keys.Where(ids.ContainsKey)
                    .Select(t =>
                        route
                            .Replace("{type}", t, StringComparison.Ordinal)
                            .Replace("{id:guid}", ids[t].ToString(), StringComparison.Ordinal)
                    );
            }
            else if (route.Contains("{figure}", StringComparison.Ordinal))
            {
                filled = Habeas.Publishing.Statistics.Figure.Ids.Select(f => route.Replace("{figure}", f, StringComparison.Ordinal));
            }
            foreach (var path in filled)
            {
                var key = ids.ContainsKey(recordClass) ? recordClass : null;
                var done = path.Replace(
                        "{id:guid}",
                        key is null ? Guid.NewGuid().ToString() : ids[key].ToString(),
                        StringComparison.Ordinal
                    )
                    .Replace("{batchId:guid}", ids["batch"].ToString(), StringComparison.Ordinal)
                    .Replace("{affiliationId:guid}", ids["affiliation"].ToString(), StringComparison.Ordinal)
                    .Replace("{mediaId:guid}", ids["media"].ToString(), StringComparison.Ordinal)
                    .Replace("{name}", "event-type", StringComparison.Ordinal)
                    .Replace("{documentName}", "v1", StringComparison.Ordinal)
                    .Replace("{token}", "x", StringComparison.Ordinal);
                paths.Add((done, recordClass));
                if (recordClass is "list" or "public" or "form")
                {
                    paths.Add(($"{done}?q={Marker}&Q={Marker}", recordClass));
                }
            }
        }
        // Lists asked about the records themselves, and every export format.
        paths.AddRange(
            new[]
            {
                $"/api/v1/citations?sourceId={ids["internal-source"]}",
                $"/api/v1/citations?targetType=person&targetId={ids["person"]}",
                $"/api/v1/citations?sourceId={ids["source"]}",
                $"/citations/new?id={ids["citation"]}",
                $"/citations/new?targetType=person&targetId={ids["person"]}&sourceId={ids["internal-source"]}",
                $"/duplicates/compare?A={ids["person"]}&B={ids["merged-person"]}",
                $"/api/v1/search/people?q={Marker}",
                $"/api/v1/search?q={Marker}",
                $"/pickers/person?q={Marker}",
                $"/pickers/case?q={Marker}",
                $"/pickers/source?q={Marker}",
                $"/pickers/place?q={Marker}",
                $"/pickers/organisation?q={Marker}",
                "/api/v1/export?format=csv",
                "/api/v1/export?format=json",
                "/api/v1/export?format=ftm",
                $"/history/person/{ids["merged-person"]}",
                $"/history/charge/{ids["charge"]}",
                $"/history/designation/{ids["designation"]}",
            }.Select(p => (p, p.StartsWith("/history", StringComparison.Ordinal) ? "history" : "list"))
        );
        return paths;
    }

    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            // An export or a .docx: the text of every file inside.
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var text = new StringBuilder();
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                text.Append(entry.FullName).Append('\n').Append(await reader.ReadToEndAsync()).Append('\n');
            }
            return text.ToString();
        }
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// A restricted person, case, event and source with everything that can hang from them (citations, charges,
    /// designations, interventions, an action with its targets, letters, cards, files, replies and draft story, an external
    /// id, a merge and a dismissed duplicate), and a citation of the restricted person from an internal source; then every
    /// text column of every row whose type's rule follows a record is given a canary, from the EF model. Checks that every
    /// text column of every such type got one, so a new type or column is planted or fails here.
    /// </summary>
    private static async Task<Dictionary<string, Guid>> PlantAsync(TestApp app)
    {
        await using var db = app.OpenDb();
        db.Viewer = Viewer.System;
        var restricted = RecordLevels.Restricted;
        var organisation = new Habeas.Records.Organisations.Organisation { Kind = "ngo", Names = LocalizedText.Of("en", "Open NGO") };
        var provision = new LegalProvision { Code = "PC", Article = "1" };
        var person = new Person { Level = restricted };
        person.Names.Add(
            new PersonName
            {
                Text = "x",
                Script = "Latn",
                Kind = NameKinds.Primary,
            }
        );
        person.Tags.Add(new PersonTag { Tag = "journalist" });
        var affiliation = new Affiliation { OrganisationId = organisation.Id };
        person.Affiliations.Add(affiliation);
        var merged = new Person { Level = restricted };
        merged.Names.Add(
            new PersonName
            {
                Text = "y",
                Script = "Latn",
                Kind = NameKinds.Primary,
            }
        );
        var c = new Case { Title = "x", Level = restricted };
        c.Participants.Add(new CaseParticipant { PersonId = person.Id, Role = "defendant" });
        var charge = new Charge
        {
            CaseId = c.Id,
            PersonId = person.Id,
            ProvisionId = provision.Id,
            Description = "x",
            State = "pending",
        };
        c.Charges.Add(charge);
        var ev = new Event
        {
            Type = "arrest",
            Level = restricted,
            CaseId = c.Id,
            Date = Core.Dates.FuzzyDate.Parse("2020-01-10"),
        };
        ev.People.Add(new EventPerson { PersonId = person.Id });
        ev.Actors.Add(new EventActor { Role = "arresting-authority", Name = "x" });
        var source = new Source { Title = "x", Level = restricted };
        var citation = new Citation
        {
            SourceId = source.Id,
            TargetType = "event",
            TargetId = ev.Id,
            Quote = "x",
        };
        var internalSource = new Source { Title = "Internal source", Level = RecordLevels.Internal };
        var crossCitation = new Citation
        {
            SourceId = internalSource.Id,
            TargetType = "person",
            TargetId = person.Id,
            Quote = "x",
        };
        var designation = new Designation
        {
            PersonId = person.Id,
            OrganisationId = organisation.Id,
            Category = "prisoner-of-conscience",
        };
        var intervention = new Intervention
        {
            Kind = "legal",
            Status = "ongoing",
            PersonId = person.Id,
            CaseId = c.Id,
        };
        var target = new CampaignTarget { Organisation = "Ministry", Language = "en" };
        var action = new CampaignAction
        {
            Code = "x",
            Kind = "urgent-action",
            Title = "x",
            Status = "issued",
            IssuedOn = new DateOnly(2020, 1, 1),
        };
        action.Cases.Add(new ActionCase { CaseId = c.Id });
        action.Concerns.Add(new ActionConcern { Tag = "prisoner-of-conscience" });
        action.Targets.Add(new ActionTarget { TargetId = target.Id });
        action.Updates.Add(
            new ActionUpdate
            {
                Number = 1,
                IssuedOn = new DateOnly(2020, 2, 1),
                WhatChanged = "x",
            }
        );
        var outreach = new Outreach
        {
            ActionId = action.Id,
            Channel = "letter",
            Date = new DateOnly(2020, 1, 2),
        };
        var receipt = new Habeas.Campaigns.Letters.SentReceipt { Id = Guid.NewGuid(), OutreachId = outreach.Id };
        var letter = new Habeas.Campaigns.Letters.LetterTemplate
        {
            ActionId = action.Id,
            Language = "en",
            Text = "x",
        };
        var batch = new Habeas.Campaigns.Cards.CardBatch { ActionId = action.Id, Number = 1 };
        var card = new Habeas.Campaigns.Cards.GreetingCard
        {
            ActionId = action.Id,
            Message = "x",
            SignedAs = "x",
            Language = "en",
            Status = "approved",
            BatchId = batch.Id,
        };
        var file = new Habeas.Records.Files.StoredFile
        {
            ActionId = action.Id,
            Sha256 = new string('0', 64),
            MediaType = "text/plain",
            OriginalName = "x.txt",
            Size = 1,
        };
        var personFile = new Habeas.Records.Files.StoredFile
        {
            PersonId = person.Id,
            Sha256 = new string('1', 64),
            MediaType = "image/png",
            OriginalName = "x.png",
            Size = 1,
            IsPhoto = true,
        };
        var reply = new Habeas.Campaigns.Replies.Reply
        {
            ActionId = action.Id,
            Kind = "acknowledgement",
            Summary = "x",
            ReceivedOn = new DateOnly(2020, 3, 1),
        };
        reply.Files.Add(new Habeas.Campaigns.Replies.ReplyFile { FileId = file.Id });
        var story = new Habeas.Campaigns.Stories.Story { ActionId = action.Id };
        story.Quotes.Add(new Habeas.Campaigns.Stories.StoryQuote { Words = "x", Consent = true });
        var media = new Habeas.Campaigns.Stories.StoryMedia
        {
            FileId = file.Id,
            Credit = "x",
            Consent = true,
        };
        story.Media.Add(media);
        var external = new Habeas.Publishing.Import.ExternalId
        {
            System = "x",
            Value = "x",
            RecordType = "person",
            RecordId = person.Id,
        };
        var merge = new Habeas.Records.Duplicates.PersonMerge
        {
            MergedId = merged.Id,
            IntoId = person.Id,
            Moved = "{}",
        };
        var dismissal = new Habeas.Records.Duplicates.DuplicateDismissal { PersonA = person.Id, PersonB = merged.Id };
        var confidential = new Habeas.Platform.Confidential.ConfidentialValue
        {
            RecordType = "person",
            RecordId = person.Id,
            Field = "health",
            Ciphertext = "x",
        };
        db.AddRange(
            organisation,
            provision,
            person,
            merged,
            c,
            ev,
            source,
            citation,
            internalSource,
            crossCitation,
            designation,
            intervention,
            target,
            action,
            outreach,
            receipt,
            letter,
            batch,
            card,
            file,
            personFile,
            reply,
            story,
            external,
            merge,
            dismissal,
            confidential
        );

        var planted = new HashSet<(Type, string)>();
        var number = 0;
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (ReferenceEquals(entry.Entity, internalSource) || !Restricts(entry.Metadata.ClrType))
            {
                continue;
            }
            foreach (var property in TextProperties(entry.Metadata))
            {
                var canary = $"{Marker}{++number}{entry.Metadata.ClrType.Name}{property.Name}";
                if (property.GetMaxLength() is { } max && canary.Length > max)
                {
                    canary = canary[..max];
                }
                entry.Property(property.Name).CurrentValue =
                    property.ClrType == typeof(LocalizedText) ? LocalizedText.Of("en", canary) : canary;
                planted.Add((entry.Metadata.ClrType, property.Name));
            }
        }
        db.Actor = $"{Marker}0actor";
        await db.SaveChangesAsync();

        // A stored deadline is derived by the save from events (restricted ones never count), so one is planted after it:
        // a deadline of the restricted person, case and event, as a save from before the restriction would have left it.
        var deadline = new Habeas.Records.Deadlines.StoredDeadline
        {
            PersonId = person.Id,
            CaseId = c.Id,
            EventId = ev.Id,
            Kind = "limbo",
            EventType = "arrest",
            FromDate = "2020-01-10",
            Due = new DateOnly(2020, 7, 10),
            DueLatest = new DateOnly(2020, 7, 10),
        };
        db.Add(deadline);
        foreach (var property in TextProperties(db.Entry(deadline).Metadata))
        {
            db.Entry(deadline).Property(property.Name).CurrentValue = $"{Marker}{++number}StoredDeadline{property.Name}";
            planted.Add((typeof(Habeas.Records.Deadlines.StoredDeadline), property.Name));
        }
        await db.SaveChangesAsync();

        // Every text column of every type the rule restricts has its canary (derived rows — versions, search text — carry copies).
        var unplanted = db
            .Model.GetEntityTypes()
            .Where(t => Restricts(t.ClrType))
            .SelectMany(t => TextProperties(t).Where(p => !planted.Contains((t.ClrType, p.Name))).Select(p => $"{t.ClrType.Name}.{p.Name}"))
            .Where(p => !CarriedByTheApp.Contains(p))
            .ToList();
        Assert.True(
            unplanted.Count == 0,
            $"Text columns of restricted types with no canary planted (add a row of the type to the canary graph): {string.Join(", ", unplanted)}"
        );

        return new Dictionary<string, Guid>
        {
            ["person"] = person.Id,
            ["merged-person"] = merged.Id,
            ["case"] = c.Id,
            ["event"] = ev.Id,
            ["source"] = source.Id,
            ["internal-source"] = internalSource.Id,
            ["citation"] = crossCitation.Id,
            ["charge"] = charge.Id,
            ["designation"] = designation.Id,
            ["affiliation"] = affiliation.Id,
            ["intervention"] = intervention.Id,
            ["action"] = action.Id,
            ["letter-template"] = letter.Id,
            ["reply"] = reply.Id,
            ["story"] = story.Id,
            ["batch"] = batch.Id,
            ["media"] = media.Id,
            ["file"] = file.Id,
        };
    }

    /// <summary>Columns the app writes itself from what it saves (their canaries are copies of the planted ones).</summary>
    private static readonly HashSet<string> CarriedByTheApp = new(StringComparer.Ordinal)
    {
        "RecordVersion.ChangedBy",
        "PartVersion.ChangedBy",
        "SearchEntry.Text",
    };

    private static bool Restricts(Type type) =>
        Visibility.For(type) is { Basis: VisibilityBasis.OwnLevel or VisibilityBasis.Follows or VisibilityBasis.ActionCases };

    private static IEnumerable<IProperty> TextProperties(IEntityType type) =>
        type.GetProperties()
            .Where(p =>
                (p.ClrType == typeof(string) || p.ClrType == typeof(LocalizedText))
                && !p.IsKey()
                && !p.IsForeignKey()
                && !p.IsShadowProperty()
                && !NotFreeText.Contains(p.Name)
            );

    [System.Text.RegularExpressions.GeneratedRegex(Marker + "[0-9]", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Canary();

    private static HabeasDb ModelOnly() =>
        new(new DbContextOptionsBuilder<HabeasDb>().UseSqlite("Data Source=:memory:").Options, TimeProvider.System);
}
