using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Access;

public sealed class RecordLevelTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARestrictedPerson_IsInvisibleToOthers_UntilTheyOrTheirTeamAreNamed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var a = await app.AccountAsync(Roles.Monitor);
        var b = await app.AccountAsync(Roles.Monitor);
        var admin = app.CreateClient();

        var created = await a.Client.PostAsJsonAsync("/api/v1/people", new { name = "Restricted Canary Person", level = "restricted" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;

        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync($"/api/v1/people/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/people/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/people/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/people/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/history/person/{id}")).StatusCode);
        var list = await b.Client.GetFromJsonAsync<JsonElement>("/api/v1/people?q=Canary");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await b.Client.PutAsJsonAsync($"/api/v1/people/{id}", new { name = "Taken over", version = 1 })).StatusCode
        );

        await using (var db = app.OpenDb())
        {
            var team = new Team { Name = "Battambang field team", CreatedAt = DateTimeOffset.UtcNow };
            db.Teams.Add(team);
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = b.User.Id });
            await db.SaveChangesAsync();
        }
        var named = await a.Client.PutAsJsonAsync(
            $"/api/v1/people/{id}/access",
            new
            {
                users = new[] { a.Email },
                teams = new[] { "Battambang field team" },
                version = 0,
            }
        );
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Client.GetAsync($"/api/v1/people/{id}")).StatusCode);
        Assert.Equal(1, (await b.Client.GetFromJsonAsync<JsonElement>("/api/v1/people?q=Canary")).GetProperty("total").GetInt32());

        var unknown = await a.Client.PutAsJsonAsync(
            $"/api/v1/people/{id}/access",
            new { users = new[] { "nobody@example.org" }, version = 1 }
        );
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("nobody@example.org", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var check = app.OpenDb();
        Assert.True(await check.AuditEntries.AnyAsync(e => e.RecordId == id && e.Action == "access-changed"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARestrictedEvent_IsLeftOutOfOthersTimelines_AndOfTheSharedCustodyCount(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var a = await app.AccountAsync(Roles.Monitor);
        var b = await app.AccountAsync(Roles.Viewer);
        var person = await TestApp.CreatePersonAsync(app.CreateClient(), "Chan Dara");
        var arrest = await a.Client.PostAsJsonAsync(
            "/api/v1/events",
            new
            {
                type = "arrest",
                date = "2020-01-10",
                personIds = new[] { person },
                level = "restricted",
            }
        );
        Assert.Equal(HttpStatusCode.Created, arrest.StatusCode);

        var seenByA = await a.Client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}");
        var seenByB = await b.Client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}");
        Assert.Equal(1, seenByA.GetProperty("events").GetArrayLength());
        Assert.NotEqual("free", seenByA.GetProperty("custodyStatus").GetString());
        Assert.Equal(0, seenByB.GetProperty("events").GetArrayLength());
        Assert.Equal("free", seenByB.GetProperty("custodyStatus").GetString());
        var count = await b.Client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/detained?on=2020-06-01");
        Assert.Equal(0, count.GetProperty("count").GetInt32());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task OnlyCoordinatorsAndAdministrators_Publish(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var monitor = await app.AccountAsync(Roles.Monitor);
        var coordinator = await app.AccountAsync(Roles.Coordinator);

        var refused = await monitor.Client.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun", level = "public" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("publish", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var published = await coordinator.Client.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun", level = "public" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var id = (await published.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await monitor.Client.PutAsJsonAsync(
                    $"/api/v1/people/{id}",
                    new
                    {
                        name = "Sok Yoeun",
                        level = "internal",
                        version = 1,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await monitor.Client.PutAsJsonAsync(
                    $"/api/v1/people/{id}",
                    new
                    {
                        name = "Sok Yoeun",
                        occupation = "farmer",
                        version = 1,
                    }
                )
            ).StatusCode
        );

        var invalid = await coordinator.Client.PostAsJsonAsync("/api/v1/people", new { name = "X", level = "secret" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("level", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.Equal(RecordLevels.Public, (await db.People.SingleAsync(p => p.Id == id)).Level);
    }
}
