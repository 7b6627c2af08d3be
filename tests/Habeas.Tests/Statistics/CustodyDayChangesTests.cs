using System.Net;
using System.Net.Http.Json;
using Habeas.Core.Statistics;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Publishing.Statistics;
using Habeas.Records.Custody;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Statistics;

/// <summary>custody_day_changes always equals the per-day starts and ends of the stored detention periods, both timelines.</summary>
public sealed class CustodyDayChangesTests
{
    private static async Task<List<(string Edition, DayChange Change)>> FromPeriodsAsync(HabeasDb db)
    {
        var shared = await db
            .CustodyPeriods.IgnoreQueryFilters()
            .Where(p => p.DeprivedOfLiberty)
            .Select(p => new { p.FromDay, p.ToDay })
            .ToListAsync();
        var published = await db
            .PublishedCustodyPeriods.IgnoreQueryFilters()
            .Where(p => p.DeprivedOfLiberty)
            .Select(p => new { p.FromDay, p.ToDay })
            .ToListAsync();
        return DayChanges
            .Between([], shared.Select(p => (p.FromDay, p.ToDay)))
            .Select(c => (CustodyDayChanges.Shared, c))
            .Concat(DayChanges.Between([], published.Select(p => (p.FromDay, p.ToDay))).Select(c => (CustodyDayChanges.Published, c)))
            .OrderBy(c => c.Item1, StringComparer.Ordinal)
            .ThenBy(c => c.c.Day)
            .ToList();
    }

    private static async Task<List<(string Edition, DayChange Change)>> StoredAsync(HabeasDb db) =>
        (await db.CustodyDayChanges.AsNoTracking().Where(c => c.Starts != 0 || c.Ends != 0).ToListAsync())
            .Select(c => (c.Edition, new DayChange(c.Day, c.Starts, c.Ends)))
            .OrderBy(c => c.Edition, StringComparer.Ordinal)
            .ThenBy(c => c.Item2.Day)
            .ToList();

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheDayTable_EqualsTheAggregateOverThePeriods_AfterCreatesEditsRemovalsRestrictionsMergesAndPublishing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        var client = coordinator.Client;
        var one = await TestApp.CreatePersonAsync(client, "Chan Dara");
        var two = await TestApp.CreatePersonAsync(client, "Sok Vanna");
        var steps = 0;

        async Task InStepAsync(string step)
        {
            await using var db = app.OpenDb();
            var expected = await FromPeriodsAsync(db);
            Assert.True(expected.SequenceEqual(await StoredAsync(db)), $"after {step}: the day table differs from the periods");
            steps++;
        }
        async Task<Guid> EventAsync(string type, string date, Guid[] people, string level = "internal")
        {
            var response = await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type,
                    date,
                    personIds = people,
                    level,
                }
            );
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        }
        async Task EditEventAsync(Guid id, string type, string date, Guid[] people, string level, int version) =>
            Assert.Equal(
                HttpStatusCode.OK,
                (
                    await client.PutAsJsonAsync(
                        $"/api/v1/events/{id}",
                        new
                        {
                            type,
                            date,
                            personIds = people,
                            level,
                            version,
                        }
                    )
                ).StatusCode
            );
        async Task<int> PersonVersionAsync(Guid id)
        {
            await using var db = app.OpenDb();
            return await db.People.IgnoreQueryFilters().Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
        }
        async Task SetLevelAsync(Guid id, string name, string level) =>
            Assert.Equal(
                HttpStatusCode.OK,
                (
                    await client.PutAsJsonAsync(
                        $"/api/v1/people/{id}",
                        new
                        {
                            name,
                            level,
                            version = await PersonVersionAsync(id),
                        }
                    )
                ).StatusCode
            );

        var arrest = await EventAsync("arrest", "2020-01-10", [one], "public");
        var release = await EventAsync("release", "2020-03-01", [one]);
        var second = await EventAsync("arrest", "2020-02-05", [two]);
        await InStepAsync("creates");
        await using (var db = app.OpenDb())
        {
            Assert.Contains(await db.CustodyDayChanges.Where(c => c.Edition == CustodyDayChanges.Shared).ToListAsync(), c =>
                c.Day == new DateOnly(2020, 2, 5) && c.Starts == 1
            );
            Assert.Empty(
                await db
                    .CustodyDayChanges.Where(c => c.Edition == CustodyDayChanges.Published && (c.Starts != 0 || c.Ends != 0))
                    .ToListAsync()
            );
        }

        await EditEventAsync(release, "release", "2020-04-15", [one], "internal", 1);
        await InStepAsync("moving a release");
        await EditEventAsync(second, "arrest", "2020-02-05", [one, two], "internal", 1);
        await InStepAsync("adding a person to an event");
        await EditEventAsync(second, "arrest", "2020-02-07", [two], "internal", 2);
        await InStepAsync("taking a person off an event and moving it");

        await SetLevelAsync(one, "Chan Dara", "public");
        await InStepAsync("publishing a person");
        await using (var db = app.OpenDb())
        {
            Assert.Contains(await db.CustodyDayChanges.Where(c => c.Edition == CustodyDayChanges.Published).ToListAsync(), c =>
                c.Day == new DateOnly(2020, 1, 10) && c.Starts == 1
            );
        }
        await EditEventAsync(release, "release", "2020-04-15", [one], "public", 2);
        await InStepAsync("publishing an event");
        await EditEventAsync(release, "release", "2020-04-15", [one], "restricted", 3);
        await InStepAsync("restricting an event");

        await SetLevelAsync(two, "Sok Vanna", "public");
        await InStepAsync("publishing a second person");
        var merged = await client.PostAsJsonAsync($"/api/v1/people/{two}/merge", new { into = one });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        await InStepAsync("a merge");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/people/{two}/unmerge", null)).StatusCode);
        await InStepAsync("undoing the merge");

        await SetLevelAsync(one, "Chan Dara", "internal");
        await InStepAsync("taking a person off the public site");
        Assert.Equal(11, steps);

        // The data step of migration 0018 rebuilds the same table from the periods; the series reads it, as the periods say.
        await using (var db = app.OpenDb())
        {
            var before = await StoredAsync(db);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM custody_day_changes");
            await CustodyDayChanges.RebuildAsync(db, CancellationToken.None);
            Assert.True(before.SequenceEqual(await StoredAsync(db)), "the rebuild gives the table kept by the changes");

            db.Viewer = Habeas.Platform.Access.Viewer.System;
            var periods = (
                await db
                    .CustodyPeriods.IgnoreQueryFilters()
                    .Where(p => p.DeprivedOfLiberty)
                    .Select(p => new { p.FromDay, p.ToDay })
                    .ToListAsync()
            )
                .Select(p => (p.FromDay, p.ToDay))
                .ToList();
            Assert.NotEmpty(periods);
            var from = new DateOnly(2019, 12, 1);
            var daily = await Figures.DailyAsync<CustodyPeriod>(db, from, new DateOnly(2020, 6, 30), CancellationToken.None);
            Assert.All(daily, d => Assert.Equal(DetentionSweep.CountOn(periods, d.Day), d.Count));
            Assert.Contains(daily, d => d.Count == 2);
        }
    }
}
