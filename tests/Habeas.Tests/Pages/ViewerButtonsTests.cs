using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Pages;

/// <summary>
/// B15 of the user trial: a viewer saw "New person / New case / New source", which they may not open. A link to a page is
/// shown only to a reader its policy (PageAccess) lets in.
/// </summary>
public sealed partial class ViewerButtonsTests
{
    private static readonly string[] Pages = ["/", "/people", "/cases", "/sources"];
    private static readonly string[] NewLinks = ["href=\"/people/new\"", "href=\"/cases/new\"", "href=\"/sources/new\""];

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AViewer_SeesNoNewRecordButtons_AndAMonitorSeesThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Viewer);
        var viewer = app.CreateClient();
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;

        var monitorLinks = new HashSet<string>();
        foreach (var page in Pages)
        {
            var seen = await viewer.GetStringAsync(page);
            foreach (var link in NewLinks)
            {
                Assert.DoesNotContain(link, seen, StringComparison.Ordinal);
            }
            var monitorPage = await monitor.GetStringAsync(page);
            monitorLinks.UnionWith(NewLinks.Where(l => monitorPage.Contains(l, StringComparison.Ordinal)));
        }
        Assert.Equal(NewLinks.Order(), monitorLinks.Order());

        // A record's own page: no edit, "add an event", "add a charge" or "cite a source" for the viewer.
        var person = await TestApp.CreatePersonAsync(monitor, "Heng Sophea");
        var caseId = await CreatedAsync(
            await monitor.PostAsJsonAsync(
                "/api/v1/cases",
                new { title = "The case", people = new[] { new { personId = person, role = "defendant" } } }
            )
        );
        await CreatedAsync(
            await monitor.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2020-01-02",
                    caseId,
                }
            )
        );
        var source = await CreatedAsync(await monitor.PostAsJsonAsync("/api/v1/sources", new { title = "A report" }));
        foreach (var page in new[] { $"/people/{person}", $"/cases/{caseId}", $"/sources/{source}" })
        {
            var seen = await viewer.GetStringAsync(page);
            Assert.DoesNotMatch(WriteLink(), seen);
            Assert.Matches(WriteLink(), await monitor.GetStringAsync(page));
        }
        // A person's page starts a case for them (the case form comes with them as defendant).
        Assert.Contains(
            $"href=\"/cases/new?personId={person}\"",
            await monitor.GetStringAsync($"/people/{person}"),
            StringComparison.Ordinal
        );
        Assert.Contains(
            $"value=\"{person}\" checked",
            await monitor.GetStringAsync($"/cases/new?personId={person}"),
            StringComparison.Ordinal
        );
    }

    [GeneratedRegex("href=\"[^\"]*(/edit|/new)[^\"]*\"")]
    private static partial Regex WriteLink();

    private static async Task<Guid> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }
}
