using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Search;

/// <summary>
/// B12 of the user trial: the people list's name box (/people?q=, also the home page's) missed spellings that /search
/// finds ("Hen Sopheap", Khmer without a space). Both go through the same name index and the same least score.
/// </summary>
public sealed class PeopleListSearchTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ThePeopleList_FindsEverySpellingThatSearchFinds(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var created = await client.PostAsJsonAsync(
            "/api/v1/people",
            new
            {
                names = new object[]
                {
                    new
                    {
                        text = "ហេង សុភា",
                        kind = "primary",
                        familyName = "ហេង",
                        givenName = "សុភា",
                    },
                    new
                    {
                        text = "Heng Sophea",
                        kind = "romanization",
                        familyName = "Heng",
                        givenName = "Sophea",
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Guid id;
        using (var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
        {
            id = body.RootElement.GetProperty("id").GetGuid();
        }
        await TestApp.CreatePersonAsync(client, "Chan Dara");

        foreach (var q in new[] { "Hen Sopheap", "ហេងសុភា", "Sophea Heng", "heng" })
        {
            var search = await client.GetStringAsync($"/search?q={Uri.EscapeDataString(q)}");
            Assert.Contains($"/people/{id}", search, StringComparison.Ordinal);
            var list = await client.GetStringAsync($"/people?q={Uri.EscapeDataString(q)}");
            Assert.True(list.Contains($"/people/{id}", StringComparison.Ordinal), $"/people?q={q} misses the person /search finds");
            Assert.DoesNotContain("Chan Dara", list, StringComparison.Ordinal);
        }
    }
}
