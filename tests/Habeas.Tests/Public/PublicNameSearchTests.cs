using System.Net.Http.Json;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Public;

/// <summary>
/// The public list's name search: any spelling, any script, through the name index, among the published people only;
/// the index proposes and the public level filter decides, so a person who is not published is never listed or hinted.
/// </summary>
public sealed class PublicNameSearchTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AVisitor_FindsAPublishedPerson_ByAnySpellingOrScript_AndNeverOneNotPublished(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        async Task<Guid> PersonAsync(string latin, string khmer, string level)
        {
            var response = await admin.PostAsJsonAsync(
                "/api/v1/people",
                new { names = new[] { new { text = khmer, kind = "primary" }, new { text = latin, kind = "romanization" } }, level }
            );
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        }
        var published = await PersonAsync("Sok Yoeun", "សុខ យឿន", "public");
        var unpublished = await PersonAsync("Sok Yoeung", "សុខ យឿង", "internal");
        var other = await PersonAsync("Chan Dara", "ចាន់ ដារ៉ា", "public");

        var anonymous = app.CreateAnonymousClient();
        foreach (var query in new[] { "Sok Yoeun", "sok yeun", "សុខ យឿន", "Yoeun" })
        {
            var page = await anonymous.GetStringAsync("/public?q=" + Uri.EscapeDataString(query));
            Assert.True(page.Contains($"/public/people/{published}", StringComparison.Ordinal), $"{query}: not found");
            Assert.DoesNotContain($"/public/people/{other}", page, StringComparison.Ordinal);
            Assert.DoesNotContain(unpublished.ToString(), page, StringComparison.Ordinal);
            Assert.DoesNotContain("Sok Yoeung", page, StringComparison.Ordinal);
        }
        // The name typed stays in the box, and in the links of the page.
        Assert.Contains("value=\"Chan Dara\"", await anonymous.GetStringAsync("/public?q=Chan+Dara"), StringComparison.Ordinal);
        var nobody = await anonymous.GetStringAsync("/public?q=Nobody+Here");
        Assert.DoesNotContain("/public/people/", nobody, StringComparison.Ordinal);
        // Without a name, everyone published is listed.
        var all = await anonymous.GetStringAsync("/public");
        Assert.Contains($"/public/people/{published}", all, StringComparison.Ordinal);
        Assert.Contains($"/public/people/{other}", all, StringComparison.Ordinal);
    }
}
