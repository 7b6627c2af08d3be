using System.Net;
using System.Net.Http.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Custody;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Access;

/// <summary>The public custody timeline is built from a public person's public events only, and kept in step with publishing.</summary>
public sealed class PublishedCustodyTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ThePublicTimeline_FollowsPublishing_OfThePersonAndOfEachEvent(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        var person = await TestApp.CreatePersonAsync(coordinator.Client, "Chan Dara");
        var arrest = await coordinator.Client.PostAsJsonAsync(
            "/api/v1/events",
            new
            {
                type = "arrest",
                date = "2020-01-10",
                personIds = new[] { person },
                level = "public",
            }
        );
        Assert.Equal(HttpStatusCode.Created, arrest.StatusCode);
        var release = await coordinator.Client.PostAsJsonAsync(
            "/api/v1/events",
            new
            {
                type = "release",
                date = "2020-03-01",
                personIds = new[] { person },
            }
        );
        Assert.Equal(HttpStatusCode.Created, release.StatusCode);
        var releaseId = (await release.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;

        async Task<List<(string Status, DateOnly From, DateOnly? To)>> PublishedAsync()
        {
            await using var db = app.OpenDb();
            return (
                await db
                    .PublishedCustodyPeriods.IgnoreQueryFilters()
                    .Where(p => p.PersonId == person)
                    .OrderBy(p => p.Sequence)
                    .Select(p => new
                    {
                        p.Status,
                        p.FromDay,
                        p.ToDay,
                    })
                    .ToListAsync()
            ).Select(p => (p.Status, p.FromDay, p.ToDay)).ToList();
        }

        // An internal person has no public timeline, whatever their events.
        Assert.Empty(await PublishedAsync());

        // Published: the public arrest counts, the internal release does not show.
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await coordinator.Client.PutAsJsonAsync(
                    $"/api/v1/people/{person}",
                    new
                    {
                        name = "Chan Dara",
                        level = "public",
                        version = 1,
                    }
                )
            ).StatusCode
        );
        var published = await PublishedAsync();
        Assert.NotEmpty(published);
        Assert.Equal(new DateOnly(2020, 1, 10), published[0].From);
        Assert.Null(published[^1].To);
        await using (var db = app.OpenDb())
        {
            Assert.True(
                await db.CustodyPeriods.AnyAsync(p => p.PersonId == person && p.ToDay == new DateOnly(2020, 3, 1)),
                "the shared timeline has the release"
            );
        }

        // Publishing the release ends the public detention too.
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await coordinator.Client.PutAsJsonAsync(
                    $"/api/v1/events/{releaseId}",
                    new
                    {
                        type = "release",
                        date = "2020-03-01",
                        personIds = new[] { person },
                        level = "public",
                        version = 1,
                    }
                )
            ).StatusCode
        );
        published = await PublishedAsync();
        Assert.Contains(published, p => p.To == new DateOnly(2020, 3, 1));
        Assert.Equal("free", published[^1].Status);

        // Taken off the public site: the public timeline is gone.
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await coordinator.Client.PutAsJsonAsync(
                    $"/api/v1/people/{person}",
                    new
                    {
                        name = "Chan Dara",
                        level = "internal",
                        version = 2,
                    }
                )
            ).StatusCode
        );
        Assert.Empty(await PublishedAsync());
    }
}
