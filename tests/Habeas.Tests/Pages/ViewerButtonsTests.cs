using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Pages;

/// <summary>
/// B15 of the user trial: a viewer saw "New person / New case / New source", which they may not open. A link to a page is
/// shown only to a reader its policy (PageAccess) lets in.
/// </summary>
public sealed class ViewerButtonsTests
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
    }
}
