using System.Net;
using System.Net.Http.Json;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Storage;

public sealed class HistoryTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EditingAPerson_KeepsEveryVersionReadable(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Sok Yeun");

        var update = await client.PutAsJsonAsync(
            $"/api/v1/people/{id}",
            new { names = new object[] { new { text = "Sok Yoeun" }, new { text = "Sok Yeun", kind = "romanization" } }, version = 1 }
        );
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        await using var db = app.OpenDb();
        var versions = await db
            .RecordVersions.Where(v => v.RecordType == "person" && v.RecordId == id)
            .OrderBy(v => v.Version)
            .ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(["created", "updated"], versions.Select(v => v.Change));
        Assert.Contains("\"Sok Yeun\"", versions[0].Data);
        Assert.DoesNotContain("Sok Yoeun", versions[0].Data);
        Assert.Contains("\"Sok Yoeun\"", versions[1].Data);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task RecordHistory_CannotBeChangedOrDeleted_EvenDirectlyInTheDatabase(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Rong Chhun");

        await using var db = app.OpenDb();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE record_versions SET data = '{}'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM record_versions"));
        var version = await db.RecordVersions.SingleAsync(v => v.RecordId == id);
        Assert.Contains("Rong Chhun", version.Data);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task SavingAStaleVersion_IsAConflict_AndChangesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Lim Mony");
        (
            await client.PutAsJsonAsync(
                $"/api/v1/people/{id}",
                new
                {
                    name = "Lim Mony",
                    occupation = "Monitor",
                    version = 1,
                }
            )
        ).EnsureSuccessStatusCode();

        var stale = await client.PutAsJsonAsync(
            $"/api/v1/people/{id}",
            new
            {
                name = "Lim Mony",
                occupation = "Lawyer",
                version = 1,
            }
        );

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var person = await client.GetFromJsonAsync<PersonBody>($"/api/v1/people/{id}");
        Assert.Equal("Monitor", person!.Occupation);
        Assert.Equal(2, person.Version);
    }

    private sealed record PersonBody(string? Occupation, int Version);
}
