using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Habeas.Core.Dates;
using Habeas.Platform.Access;
using Habeas.Platform.Shared;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Public;

/// <summary>The public site (/public): the published list, profiles, case pages and the Atom feed show published records only.</summary>
public sealed partial class PublicSiteTests
{
    /// <summary>A small world: people public and not, public and internal events, a public and an internal case.</summary>
    internal sealed record World(
        Guid Alice,
        Guid Bora,
        Guid Chan,
        Guid Dara,
        Guid PublicCase,
        Guid InternalCase,
        Guid Country,
        Guid Province,
        Guid Provision,
        Guid InternalRelease
    );

    internal static Person NewPerson(string name, string level, params string[] tags)
    {
        var person = new Person { Level = level, Biography = LocalizedText.Of("en", $"Biography of {name}.") };
        person.Names.Add(
            new PersonName
            {
                PersonId = person.Id,
                Text = name,
                Script = "Latn",
                Kind = NameKinds.Primary,
                SearchText = name.ToLowerInvariant(),
            }
        );
        person.Tags.AddRange(tags.Select(t => new PersonTag { PersonId = person.Id, Tag = t }));
        return person;
    }

    internal static Event NewEvent(string type, string date, string level, Guid? caseId, Guid? placeId, string text, params Guid[] people)
    {
        var e = new Event
        {
            Type = type,
            Date = FuzzyDate.Parse(date),
            Level = level,
            CaseId = caseId,
            PlaceId = placeId,
            Description = LocalizedText.Of("en", text),
        };
        e.People.AddRange(people.Select(p => new EventPerson { EventId = e.Id, PersonId = p }));
        return e;
    }

    internal static async Task<World> WorldAsync(TestApp app)
    {
        await using var db = app.OpenDb();
        var country = new Place
        {
            Kind = "country",
            Names = new LocalizedText { ["en"] = "Testland", ["km"] = "ប្រទេសសាកល្បង" },
        };
        var province = new Place
        {
            Kind = "province",
            Names = new LocalizedText { ["en"] = "Testprovince" },
            ParentId = country.Id,
        };
        var provision = new LegalProvision
        {
            Code = "Test Code",
            Article = "99",
            Title = LocalizedText.Of("en", "Testing the state"),
        };
        var alice = NewPerson("Alice Public", RecordLevels.Public, "human-rights-defender");
        var bora = NewPerson("Bora Public", RecordLevels.Public, "land-activist");
        var chan = NewPerson("Chan Internal", RecordLevels.Internal, "human-rights-defender");
        var dara = NewPerson("Dara Public", RecordLevels.Public);
        var publicCase = new Case { Title = "The public case of Alice", Level = RecordLevels.Public };
        publicCase.Participants.Add(
            new CaseParticipant
            {
                CaseId = publicCase.Id,
                PersonId = alice.Id,
                Role = "defendant",
            }
        );
        publicCase.Participants.Add(
            new CaseParticipant
            {
                CaseId = publicCase.Id,
                PersonId = chan.Id,
                Role = "defendant",
            }
        );
        publicCase.Charges.Add(
            new Charge
            {
                CaseId = publicCase.Id,
                PersonId = alice.Id,
                ProvisionId = provision.Id,
                Description = "Testing the state",
                State = "pending",
            }
        );
        var internalCase = new Case { Title = "Internal case of Bora", Level = RecordLevels.Internal };
        internalCase.Participants.Add(
            new CaseParticipant
            {
                CaseId = internalCase.Id,
                PersonId = bora.Id,
                Role = "defendant",
            }
        );
        db.AddRange(country, province, provision, alice, bora, chan, dara, publicCase, internalCase);
        await db.SaveChangesAsync();
        var release = NewEvent(
            "release",
            "2021-06-01",
            RecordLevels.Internal,
            internalCase.Id,
            country.Id,
            "Internal release of Bora",
            bora.Id
        );
        db.AddRange(
            NewEvent(
                "pre-trial-detention-order",
                "2020-01-10",
                RecordLevels.Public,
                publicCase.Id,
                province.Id,
                "Alice detained",
                alice.Id
            ),
            NewEvent("pre-trial-detention-order", "2021-05-01", RecordLevels.Public, null, country.Id, "Bora detained", bora.Id),
            release,
            NewEvent("pre-trial-detention-order", "2019-03-01", RecordLevels.Public, null, province.Id, "Chan detained", chan.Id)
        );
        await db.SaveChangesAsync();
        return new World(
            alice.Id,
            bora.Id,
            chan.Id,
            dara.Id,
            publicCase.Id,
            internalCase.Id,
            country.Id,
            province.Id,
            provision.Id,
            release.Id
        );
    }

    private static List<string> Names(string html) =>
        NameCell().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("<a href=\"/public/people/[0-9a-f-]+\">([^<]+)</a>")]
    private static partial Regex NameCell();

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheList_ShowsPublishedPeopleOnly_FilteredByStatusOnADayTagPlaceAndCharge_FromPublicEventsOnly(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        using var client = app.CreateAnonymousClient();
        async Task<List<string>> ListAsync(string query = "")
        {
            using var response = await client.GetAsync("/public" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Names(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(["Alice Public", "Bora Public", "Dara Public"], await ListAsync());
        // Status today from the public timeline: Bora's release is internal, so the public site still shows her detained.
        Assert.Equal(["Alice Public", "Bora Public"], await ListAsync("?status=pre-trial-detention"));
        Assert.Equal(["Dara Public"], await ListAsync("?status=free"));
        // On a day before both detentions everyone is free; between them only Alice is detained.
        Assert.Equal(["Alice Public", "Bora Public", "Dara Public"], await ListAsync("?status=free&on=2019-12-31"));
        Assert.Equal(["Alice Public"], await ListAsync("?status=pre-trial-detention&on=2020-06-01"));
        Assert.Equal(["Alice Public"], await ListAsync("?tag=human-rights-defender"));
        // A country takes in its provinces; an internal event's place does not count.
        Assert.Equal(["Alice Public", "Bora Public"], await ListAsync($"?place={w.Country}"));
        Assert.Equal(["Alice Public"], await ListAsync($"?place={w.Province}"));
        Assert.Equal(["Alice Public"], await ListAsync($"?charge={w.Provision}"));
        // Sorted by the first public detention, newest or oldest first; people never detained come last.
        Assert.Equal(["Bora Public", "Alice Public", "Dara Public"], await ListAsync("?sort=arrest"));
        Assert.Equal(["Alice Public", "Bora Public", "Dara Public"], await ListAsync("?sort=arrest-oldest"));
        // Unknown values are ignored, not errors.
        Assert.Equal(
            ["Alice Public", "Bora Public", "Dara Public"],
            await ListAsync("?status=jailed&on=yesterday&sort=x&page=-3&place=nowhere")
        );

        // The internal person appears once published.
        await using (var db = app.OpenDb())
        {
            var chan = await db.People.SingleAsync(p => p.Id == w.Chan);
            chan.Level = RecordLevels.Public;
            await db.SaveChangesAsync();
        }
        Assert.Equal(["Alice Public", "Bora Public", "Chan Internal", "Dara Public"], await ListAsync());
        Assert.Contains("Chan Internal", await ListAsync("?status=pre-trial-detention"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheList_PagesFiftyAtATime_WithLinksThatWorkWithoutScript(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using (var db = app.OpenDb())
        {
            db.People.AddRange(Enumerable.Range(1, 53).Select(i => NewPerson($"Person {i:D3}", RecordLevels.Public)));
            db.People.Add(NewPerson("Person 000 internal", RecordLevels.Internal));
            await db.SaveChangesAsync();
        }
        using var client = app.CreateAnonymousClient();
        var first = await client.GetStringAsync("/public");
        var names = Names(first);
        Assert.Equal(50, names.Count);
        Assert.Equal("Person 001", names[0]);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        var next = Regex.Match(first, "<a href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value;
        Assert.Equal("/public?page=2", WebUtility.HtmlDecode(next));
        var second = await client.GetStringAsync(WebUtility.HtmlDecode(next));
        Assert.Equal(["Person 051", "Person 052", "Person 053"], Names(second));
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        Assert.Contains("href=\"/public\" rel=\"prev\"", second, StringComparison.Ordinal);
        // Filters and order are kept in the page links.
        var sorted = await client.GetStringAsync("/public?sort=arrest-oldest&tag=none-such");
        Assert.Empty(Names(sorted));
        var kept = await client.GetStringAsync("/public?sort=arrest-oldest");
        Assert.Contains("/public?sort=arrest-oldest&amp;page=2", kept, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ProfileAndCasePages_ShowPublicThingsOnly_And404ForAnythingNotPublic(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        using var client = app.CreateAnonymousClient();

        var bora = await client.GetStringAsync($"/public/people/{w.Bora}");
        Assert.Contains("Bora detained", bora, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal release of Bora", bora, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal case of Bora", bora, StringComparison.Ordinal);
        Assert.Contains("status pre-trial-detention", bora, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", bora, StringComparison.OrdinalIgnoreCase);

        var alice = await client.GetStringAsync($"/public/people/{w.Alice}");
        Assert.Contains($"href=\"/public/cases/{w.PublicCase}\"", alice, StringComparison.Ordinal);
        var publicCase = await client.GetStringAsync($"/public/cases/{w.PublicCase}");
        Assert.Contains("Alice Public", publicCase, StringComparison.Ordinal);
        Assert.Contains("Test Code, Art. 99", publicCase, StringComparison.Ordinal);
        Assert.Contains($"/public/cases/{w.PublicCase}/dossier", publicCase, StringComparison.Ordinal);
        // Chan, a defendant of the public case, is internal: not named.
        Assert.DoesNotContain("Chan Internal", publicCase, StringComparison.Ordinal);

        foreach (
            var path in new[]
            {
                $"/public/people/{w.Chan}",
                $"/public/people/{Guid.NewGuid()}",
                $"/public/cases/{w.InternalCase}",
                $"/public/cases/{Guid.NewGuid()}",
            }
        )
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }
        // A signed-in administrator gets the same 404: the public site reads as an anonymous visitor whoever asks.
        using var admin = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/public/people/{w.Chan}")).StatusCode);
        var adminBora = await admin.GetStringAsync($"/public/people/{w.Bora}");
        Assert.DoesNotContain("Internal release of Bora", adminBora, StringComparison.Ordinal);
        Assert.Equal(WithoutTokens(bora), WithoutTokens(adminBora));
        var csp = (await client.GetAsync("/public")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'none'", csp, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AMergedId_GoesToTheSurvivor_OnlyWhenTheSurvivorIsPublic(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        Guid mergedIntoPublic,
            mergedIntoInternal;
        await using (var db = app.OpenDb())
        {
            var one = NewPerson("Alice Duplicate", RecordLevels.Public);
            one.MergedIntoId = w.Alice;
            var two = NewPerson("Chan Duplicate", RecordLevels.Public);
            two.MergedIntoId = w.Chan;
            db.People.AddRange(one, two);
            await db.SaveChangesAsync();
            (mergedIntoPublic, mergedIntoInternal) = (one.Id, two.Id);
        }
        using var client = app.CreateAnonymousClient();
        using var toPublic = await client.GetAsync($"/public/people/{mergedIntoPublic}");
        Assert.Equal(HttpStatusCode.OK, toPublic.StatusCode);
        Assert.Equal($"/public/people/{w.Alice}", toPublic.RequestMessage!.RequestUri!.AbsolutePath);
        using var toInternal = await client.GetAsync($"/public/people/{mergedIntoInternal}");
        Assert.Equal(HttpStatusCode.NotFound, toInternal.StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheAtomFeed_IsValidAtom_WithPublishedChangesOnly(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        using var client = app.CreateAnonymousClient();
        using var response = await client.GetAsync("/public/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var root = feed.Root!;
        Assert.Equal(atom + "feed", root.Name);
        foreach (var required in new[] { "id", "title", "updated", "author" })
        {
            Assert.NotNull(root.Element(atom + required));
        }
        Assert.Contains(root.Elements(atom + "link"), l =>
            (string?)l.Attribute("rel") == "self" && ((string?)l.Attribute("href"))!.EndsWith("/public/feed.atom", StringComparison.Ordinal)
        );
        var entries = root.Elements(atom + "entry").ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.StartsWith("urn:uuid:", e.Element(atom + "id")!.Value, StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(e.Element(atom + "updated")!.Value, out _));
            Assert.NotNull(e.Element(atom + "link")?.Attribute("href"));
        });
        Assert.Equal(entries.Count, entries.Select(e => e.Element(atom + "id")!.Value).Distinct().Count());
        var text = feed.ToString();
        Assert.Contains("Alice Public", text, StringComparison.Ordinal);
        Assert.Contains($"/public/people/{w.Alice}", text, StringComparison.Ordinal);
        Assert.Contains($"/public/cases/{w.PublicCase}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chan Internal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal case of Bora", text, StringComparison.Ordinal);
        Assert.DoesNotContain(w.InternalRelease.ToString(), text, StringComparison.Ordinal);

        // Published later: its entry says "published".
        await using (var db = app.OpenDb())
        {
            (await db.People.SingleAsync(p => p.Id == w.Chan)).Level = RecordLevels.Public;
            await db.SaveChangesAsync();
        }
        var after = XDocument.Parse(await client.GetStringAsync("/public/feed.atom"));
        var newest = after.Root!.Elements(atom + "entry").First();
        Assert.Contains("Chan Internal", newest.Element(atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal("published", (string?)newest.Element(atom + "category")!.Attribute("term"));
    }

    /// <summary>A page without what differs between any two requests: the antiforgery token, a problem's trace id.</summary>
    internal static string WithoutTokens(string html) => AntiforgeryValue().Replace(html, "");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"|\"traceId\":\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();
}
