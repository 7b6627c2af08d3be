using Habeas.Campaigns.Actions;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Letters;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Campaigns;

/// <summary>
/// An action is put on the public site, and its card guidance written, from its own page (/actions/{id}/publish), not
/// only through the API: a coordinator ticks the box; a campaigner writes the guidance but is not offered the box,
/// and a box posted anyway changes nothing; a save over someone else's keeps what was typed.
/// </summary>
public sealed class ActionPublishPageTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ACoordinator_PublishesAnActionFromItsPage_ACampaignerWritesOnlyTheGuidance(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app, publish: false);
        var path = $"/actions/{c.ActionId}/publish";

        var campaigner = app.CreateAnonymousClient();
        await app.SignInAsync(campaigner, await app.CreateUserAsync(Roles.Campaigner));
        var form = await campaigner.GetStringAsync(path);
        Assert.DoesNotContain("name=\"Public\"", form, StringComparison.Ordinal);
        var version = await VersionAsync(app, c.ActionId);
        var byCampaigner = await TestApp.PostFormAsync(
            campaigner,
            path,
            new()
            {
                ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Public"] = "true",
                ["CardGuidance[km]"] = "សូមកុំសរសេរអំពីនយោបាយ",
            }
        );
        Assert.Equal(System.Net.HttpStatusCode.OK, byCampaigner.StatusCode);
        await using (var db = app.OpenDb())
        {
            var action = await db.CampaignActions.SingleAsync(a => a.Id == c.ActionId);
            Assert.False(action.Public);
            Assert.Equal("សូមកុំសរសេរអំពីនយោបាយ", action.CardGuidance["km"]);
        }

        var coordinator = app.CreateAnonymousClient();
        await app.SignInAsync(coordinator, await app.CreateUserAsync(Roles.Coordinator));
        Assert.Contains("name=\"Public\"", await coordinator.GetStringAsync(path), StringComparison.Ordinal);
        var published = await TestApp.PostFormAsync(
            coordinator,
            path,
            new()
            {
                ["Version"] = (await VersionAsync(app, c.ActionId)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Public"] = "true",
                ["CardGuidance[km]"] = "សូមកុំសរសេរអំពីនយោបាយ",
                ["CardGuidance[en]"] = "No politics, please.",
            }
        );
        Assert.Equal(System.Net.HttpStatusCode.OK, published.StatusCode);
        await using (var db = app.OpenDb())
        {
            var action = await db.CampaignActions.SingleAsync(a => a.Id == c.ActionId);
            Assert.True(action.Public);
            Assert.Equal("No politics, please.", action.CardGuidance["en"]);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.RecordId == c.ActionId && e.Action == "updated"));
        }

        // A save from a form read before someone else's: refused, what was typed kept, nothing changed.
        var stale = await TestApp.PostFormAsync(
            coordinator,
            path,
            new()
            {
                ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Public"] = "false",
                ["CardGuidance[en]"] = "Typed over a newer version",
            }
        );
        var page = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Typed over a newer version", page, StringComparison.Ordinal);
        Assert.Contains("Someone saved this action", page, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.True((await db.CampaignActions.SingleAsync(a => a.Id == c.ActionId)).Public);
        }
    }

    private static async Task<int> VersionAsync(TestApp app, Guid id)
    {
        await using var db = app.OpenDb();
        return await db.CampaignActions.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
    }
}
