using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Confidential;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Export;

/// <summary>
/// A reader's export (the /export page and GET /api/v1/export): restricted records and confidential values are in no
/// exported byte, whatever the format; CSV cells are guarded against formulas; FollowTheMoney values are valid for their
/// property types and every link points at an entity in the file; each export leaves an audit entry.
/// </summary>
public sealed partial class ReaderExportTests
{
    private const string Restricted = "CANARYR";
    private const string Confidential = "CANARYC";
    private const string Formula = "=HYPERLINK(\"http://example.org\",\"x\")";

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ReaderExports_LeaveOutRestrictedRecordsAndConfidentialValues_InEveryFormat(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true, role: Roles.Viewer);
        var hiddenId = await PlantAsync(app);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);

        foreach (var (reader, client) in new[] { ("viewer", app.CreateClient()), ("monitor + confidential", holder.Client) })
        {
            foreach (var format in new[] { "csv", "json", "ftm" })
            {
                using var response = await client.GetAsync($"/api/v1/export?format={format}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
                var files = await ContentsAsync(response, format);
                var all = string.Concat(files.Values);
                Assert.Contains("Sok Yoeun", all, StringComparison.Ordinal);
                Assert.Contains("Chan Dara", all, StringComparison.Ordinal);
                if (reader == "viewer")
                {
                    Assert.DoesNotContain(Restricted, all, StringComparison.Ordinal);
                    Assert.DoesNotContain(hiddenId.ToString(), all, StringComparison.OrdinalIgnoreCase);
                }
                Assert.DoesNotContain(Confidential, all, StringComparison.Ordinal);
                if (format == "csv")
                {
                    Assert.Contains(
                        "\"'" + Formula.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
                        files["person_names.csv"],
                        StringComparison.Ordinal
                    );
                    Assert.DoesNotContain("," + Formula, files["person_names.csv"], StringComparison.Ordinal);
                    Assert.StartsWith("id,", files["people.csv"], StringComparison.Ordinal);
                }
                if (format == "json")
                {
                    var manifest = JsonNode.Parse(files["manifest.json"])!;
                    Assert.Equal(10, manifest["counts"]!["people"]!.GetValue<int>());
                    Assert.False(manifest["full"]!.GetValue<bool>());
                }
                if (format == "ftm")
                {
                    AssertValidFtm(files["entities.ftm.json"]);
                }
            }
        }

        // Asking for no format, or an unknown one, is a problem naming the field.
        using var bad = await app.CreateClient().GetAsync("/api/v1/export?format=xls");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = app.OpenDb();
        var exported = await db.AuditEntries.Where(a => a.Action == "exported").ToListAsync();
        Assert.Equal(6, exported.Count);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ExportPage_OffersTheFormats_AndDownloadsAZip(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var user = await app.CreateUserAsync(Roles.Viewer);
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, user);

        var page = await client.GetStringAsync("/export");
        Assert.Contains("value=\"ftm\"", page, StringComparison.Ordinal);
        Assert.Contains("FollowTheMoney", page, StringComparison.Ordinal);

        using var missing = await TestApp.PostFormAsync(client, "/export", []);
        Assert.Contains("Choose a format", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var response = await TestApp.PostFormAsync(client, "/export", new() { ["Format"] = "json" });
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var files = await ContentsAsync(response, "json");
        Assert.Contains("people.jsonl", files.Keys);
        Assert.Contains("Sok Yoeun", files["person_names.jsonl"], StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> ContentsAsync(HttpResponseMessage response, string format)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (format == "ftm")
        {
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
            return new() { ["entities.ftm.json"] = Encoding.UTF8.GetString(bytes) };
        }
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }
        return files;
    }

    private static readonly HashSet<string> DateProperties = ["birthDate", "date", "startDate", "endDate"];
    private static readonly HashSet<string> EntityProperties =
    [
        "involved",
        "party",
        "case",
        "document",
        "entity",
        "member",
        "organization",
    ];

    private static void AssertValidFtm(string lines)
    {
        var entities = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var ids = entities.Select(e => e["id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(entities.Count, ids.Count);
        Assert.Subset(
            new HashSet<string>
            {
                "Person",
                "Organization",
                "CourtCase",
                "CourtCaseParty",
                "Event",
                "Document",
                "Documentation",
                "Membership",
            },
            entities.Select(e => e["schema"]!.GetValue<string>()).ToHashSet()
        );
        Assert.Contains(entities, e =>
            e["schema"]!.GetValue<string>() == "Person" && e["properties"]!["nationality"]?[0]?.GetValue<string>() == "kh"
        );
        foreach (var entity in entities)
        {
            foreach (var (name, values) in entity["properties"]!.AsObject())
            {
                foreach (var value in values!.AsArray().Select(v => v!.GetValue<string>()))
                {
                    if (DateProperties.Contains(name))
                    {
                        Assert.Matches(IsoDate(), value);
                    }
                    if (name is "country" or "nationality")
                    {
                        Assert.Matches(CountryCode(), value);
                    }
                    if (name == "language")
                    {
                        Assert.Matches(LanguageCode(), value);
                    }
                    if (EntityProperties.Contains(name))
                    {
                        Assert.Contains(value, ids);
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[a-z]{3}$")]
    private static partial Regex LanguageCode();

    /// <summary>Restricted records that reach into visible ones (as in CanaryTests), confidential values, and a name that is a
    /// formula.</summary>
    private static async Task<Guid> PlantAsync(TestApp app)
    {
        await using var db = app.OpenDb();
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
        var shown = new Person { Nationality = "KH" };
        shown.Names.Add(
            new PersonName
            {
                Text = "Chan Dara",
                Script = "Latn",
                Kind = NameKinds.Primary,
                SearchText = "chan dara",
            }
        );
        shown.Names.Add(
            new PersonName
            {
                Text = Formula,
                Script = "Latn",
                Kind = "alias",
                SearchText = "hyperlink",
                SortOrder = 1,
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
            Date = Core.Dates.FuzzyDate.Parse("2021-04-01~"),
            CaseId = hiddenCase.Id,
        };
        shownEvent.People.Add(new EventPerson { PersonId = shown.Id });
        shownEvent.People.Add(new EventPerson { PersonId = hidden.Id });
        shownEvent.Actors.Add(new EventActor { PersonId = hidden.Id, Role = "official" });
        var hiddenSource = new Source
        {
            Title = $"{Restricted} source title",
            Author = $"{Restricted} author",
            Level = RecordLevels.Restricted,
        };
        var shownSource = new Source { Title = "Family statement", Language = "km" };
        var charge = new Charge
        {
            CaseId = shownCase.Id,
            PersonId = hidden.Id,
            Description = "incitement",
            State = "pending",
        };
        db.AddRange(
            hidden,
            shown,
            hiddenCase,
            shownCase,
            hiddenEvent,
            shownEvent,
            hiddenSource,
            shownSource,
            charge,
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
                Quote = $"{Restricted} quote about the hidden person",
            },
            new Citation
            {
                SourceId = shownSource.Id,
                TargetType = "event",
                TargetId = hiddenEvent.Id,
                Quote = $"{Restricted} quote about the hidden event",
            },
            new Citation
            {
                SourceId = shownSource.Id,
                TargetType = "person",
                TargetId = shown.Id,
                Quote = "plain quote",
            }
        );
        await db.SaveChangesAsync();

        db.Viewer = Viewer.System with { Confidential = true };
        var storage = app.Services.GetRequiredService<StorageOptions>();
        var keys = KeyRing.LoadOrCreate(storage.DataDirectory, TimeProvider.System);
        await ConfidentialFields.WriteAsync(
            db,
            keys,
            "person",
            shown.Id,
            new Dictionary<string, string?> { ["health"] = $"{Confidential} health" },
            CancellationToken.None
        );
        await ConfidentialFields.WriteAsync(
            db,
            keys,
            "event",
            shownEvent.Id,
            new Dictionary<string, string?> { ["witnesses"] = $"{Confidential} witness" },
            CancellationToken.None
        );
        await db.SaveChangesAsync();
        return hidden.Id;
    }
}
