using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Public;

/// <summary>Bugs of the user trial on the public site (docs/reviews, 2026-12-07, section 6): B6 and B13.</summary>
public sealed class TrialPublicTests
{
    private static async Task<Guid> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A public person in a public case with a public verdict of 2 years, 1 suspended; an internal person in it too.</summary>
    private static async Task<(Guid Person, Guid Case, Guid Verdict)> VerdictAsync(HttpClient client)
    {
        var person = await CreatedAsync(await client.PostAsJsonAsync("/api/v1/people", new { name = "Heng Sophea", level = "public" }));
        var hidden = await CreatedAsync(
            await client.PostAsJsonAsync("/api/v1/people", new { name = "Hidden Witness Kim", level = "internal" })
        );
        var caseId = await CreatedAsync(
            await client.PostAsJsonAsync("/api/v1/cases", new { title = "The case of Heng Sophea", level = "public" })
        );
        var verdict = await CreatedAsync(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "verdict",
                    date = "2026-09-02",
                    caseId,
                    personIds = new[] { person, hidden },
                    decision = "convicted",
                    sentenceYears = 2,
                    suspendedYears = 1,
                    level = "public",
                }
            )
        );
        return (person, caseId, verdict);
    }

    // B6: the public profile said "sentence: 2 yr" and left out "suspended: 1 yr".
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ThePublicProfile_ShowsTheSuspendedPartOfASentence_AsTheStaffPageDoes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var (person, _, verdict) = await VerdictAsync(client);

        var staff = await client.GetStringAsync($"/people/{person}");
        var profile = await app.CreateAnonymousClient().GetStringAsync($"/public/people/{person}");

        var suspended = "suspended: 1 yr";
        Assert.Contains(suspended, staff, StringComparison.Ordinal);
        var item = profile[profile.IndexOf($"id=\"event-{verdict}\"", StringComparison.Ordinal)..];
        item = item[..item.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains("sentence: 2 yr", item, StringComparison.Ordinal);
        Assert.Contains(suspended, item, StringComparison.Ordinal);
    }

    // B13: feed entries read "Published: Verdict · 2 September 2026", naming nobody.
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task FeedEntriesOfEvents_NameThePublicPeopleAndCase_AndNothingNotPublic(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, _, verdict) = await VerdictAsync(app.CreateClient());

        var feed = XDocument.Parse(await app.CreateAnonymousClient().GetStringAsync("/public/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Elements(atom + "entry")
            .Single(e => e.Element(atom + "link")!.Attribute("href")!.Value.EndsWith($"#event-{verdict}", StringComparison.Ordinal));
        var title = entry.Element(atom + "title")!.Value;
        var summary = entry.Element(atom + "summary")!.Value;
        Assert.Contains("Verdict", title, StringComparison.Ordinal);
        Assert.Contains("Heng Sophea", title, StringComparison.Ordinal);
        Assert.Contains("The case of Heng Sophea", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Witness", feed.ToString(), StringComparison.Ordinal);
    }
}
