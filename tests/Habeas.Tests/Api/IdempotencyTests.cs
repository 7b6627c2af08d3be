using System.Net;
using System.Net.Http.Json;
using System.Text;
using Habeas.Platform.Accounts;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Api;

/// <summary>A write sent again with the same Idempotency-Key gets the first answer and is never done twice.</summary>
public sealed class IdempotencyTests
{
    private static HttpRequestMessage Post(string path, string json, string? key) =>
        With(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, key);

    private static HttpRequestMessage With(HttpRequestMessage request, string? key)
    {
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        return request;
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheSameKeyAgain_GetsTheFirstAnswer_AndCreatesOneRecord(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        const string body = """{"name":"Sok Yoeun","birthDate":"1950"}""";

        using var first = await client.SendAsync(Post("/api/v1/people", body, "3f1c8a4e-2b9d-4e57-9a1e-0c6d5f7b8a90"));
        using var again = await client.SendAsync(Post("/api/v1/people", body, "3f1c8a4e-2b9d-4e57-9a1e-0c6d5f7b8a90"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var id = (await first.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.People.CountAsync());
        Assert.Equal(1, await db.RecordVersions.CountAsync(v => v.RecordId == id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.RecordId == id));

        // A quoted key (the draft's structured-field form) is the same key.
        using var quoted = await client.SendAsync(Post("/api/v1/people", body, "\"3f1c8a4e-2b9d-4e57-9a1e-0c6d5f7b8a90\""));
        Assert.Equal("true", quoted.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await db.People.CountAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheSameKey_WithAnotherBodyOrPath_Is422_AndWritesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        using var first = await client.SendAsync(Post("/api/v1/people", """{"name":"Sok Yoeun"}""", "key-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var otherBody = await client.SendAsync(Post("/api/v1/people", """{"name":"Sam Rainsy"}""", "key-1"));
        using var otherPath = await client.SendAsync(Post("/api/v1/sources", """{"title":"Report"}""", "key-1"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal("application/problem+json", otherBody.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", await otherBody.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherPath.StatusCode);
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.People.CountAsync());
        Assert.Equal(0, await db.Sources.CountAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ManyRetriesAtOnce_CreateOneRecord_AndAllGetItsAnswer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        const string body = """{"name":"Tep Vanny"}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Post("/api/v1/people", body, "burst-key"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(7, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.People.CountAsync());
        Assert.Null(await Habeas.Platform.Audit.AuditLog.VerifyAsync(db, CancellationToken.None));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task KeysBelongToTheirUser_AndAnUpdateIsAppliedOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var a = await app.AccountAsync(Roles.Monitor);
        var b = await app.AccountAsync(Roles.Monitor);
        using var forA = await a.Client.SendAsync(Post("/api/v1/people", """{"name":"Chan Dara"}""", "shared-looking-key"));
        using var forB = await b.Client.SendAsync(Post("/api/v1/people", """{"name":"Chan Dara"}""", "shared-looking-key"));
        Assert.Equal(HttpStatusCode.Created, forA.StatusCode);
        Assert.Equal(HttpStatusCode.Created, forB.StatusCode);
        Assert.False(forB.Headers.Contains("Idempotent-Replayed"));
        var id = (await forA.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;

        const string update = """{"name":"Chan Dara","occupation":"teacher","version":1}""";
        HttpRequestMessage Put() =>
            With(
                new HttpRequestMessage(HttpMethod.Put, $"/api/v1/people/{id}")
                {
                    Content = new StringContent(update, Encoding.UTF8, "application/json"),
                },
                "update-1"
            );
        using var put = await a.Client.SendAsync(Put());
        using var putAgain = await a.Client.SendAsync(Put());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, putAgain.StatusCode);
        Assert.Equal(await put.Content.ReadAsStringAsync(), await putAgain.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        Assert.Equal(2, (await db.People.SingleAsync(p => p.Id == id)).Version);
        Assert.Equal(2, await db.People.CountAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARefusedWrite_KeepsNoAnswer_SoTheCorrectedRequestRuns(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var monitor = await app.AccountAsync(Roles.Monitor);

        using var invalid = await monitor.Client.SendAsync(Post("/api/v1/people", """{"occupation":"monk"}""", "k-2"));
        using var forbidden = await monitor.Client.SendAsync(Post("/api/v1/people", """{"name":"Sok Yoeun","level":"public"}""", "k-3"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.People.CountAsync());
            Assert.Equal(0, await db.IdempotencyRecords.CountAsync());
        }

        using var corrected = await monitor.Client.SendAsync(Post("/api/v1/people", """{"name":"Sok Yoeun"}""", "k-2"));
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.False(corrected.Headers.Contains("Idempotent-Replayed"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AMalformedKey_Is400_AndWritesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        foreach (var key in new[] { new string('k', 256), "has space", "\"\"", "é-non-ascii" })
        {
            using var response = await client.SendAsync(Post("/api/v1/people", """{"name":"Sok Yoeun"}""", key));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.People.CountAsync());
    }
}
