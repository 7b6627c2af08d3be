using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Admin;

public sealed class TokensTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ATokenMadeThroughTheApi_Works_AndOnceRevokedGets401AtOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Viewer);
        var viewer = app.CreateClient();

        var response = await viewer.PostAsJsonAsync("/api/v1/tokens", new { name = "nightly export", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<Created>())!;
        Assert.StartsWith(ApiTokens.Prefix, created.Token, StringComparison.Ordinal);
        // Made with the viewer's one-day token, it expires no later than that token.
        Assert.InRange(created.ExpiresAt, DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddDays(1));
        var script = app.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", created.Token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/people")).StatusCode);

        var listed = await viewer.GetStringAsync("/api/v1/tokens");
        Assert.Contains("nightly export", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(created.Token, listed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await viewer.DeleteAsync($"/api/v1/tokens/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/people")).StatusCode);
        using var list = JsonDocument.Parse(await viewer.GetStringAsync("/api/v1/tokens"));
        var revoked = list.RootElement.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == created.Id);
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);

        await using var db = app.OpenDb();
        Assert.Equal(
            ["token-created", "token-revoked"],
            await db.AuditEntries.Where(e => e.RecordId == created.Id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync()
        );
        Assert.DoesNotContain(await db.AuditEntries.Select(e => e.Entry).ToListAsync(), e =>
            e.Contains(created.Token, StringComparison.Ordinal)
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AUser_CannotSeeOrRevokeAnotherUsersToken(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var owner = app.CreateClient();
        var other = app.CreateAnonymousClient();
        other.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(Roles.Administrator));

        var mine = (
            await (
                await owner.PostAsJsonAsync("/api/v1/tokens", new { name = "field laptop", expiresInDays = 7 })
            ).Content.ReadFromJsonAsync<Created>()
        )!;
        var theirs = await other.GetStringAsync("/api/v1/tokens");
        Assert.DoesNotContain("field laptop", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Id.ToString(), theirs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/tokens/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/tokens/{Guid.NewGuid()}")).StatusCode);
        var page = await Forms.PostAsync(other, "/account/tokens", "Revoke", new() { ["id"] = mine.Id.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        var script = app.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", mine.Token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/people")).StatusCode);
        await using var db = app.OpenDb();
        Assert.Null((await db.ApiTokens.SingleAsync(t => t.Id == mine.Id)).RevokedAt);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheTokensPage_ShowsANewTokenOnce_AndRevokesIt_AndTheApiRefusesBadExpiries(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Campaigner);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var created = await Forms.PostAsync(
            client,
            "/account/tokens",
            "Create",
            new() { ["Name"] = "ប្រព័ន្ធផ្សព្វផ្សាយ", ["ExpiresInDays"] = "14" }
        );
        var html = await created.Content.ReadAsStringAsync();
        var token = System
            .Text.RegularExpressions.Regex.Match(html, "<pre class=\"json\" id=\"new-token\">(hb_[^<]+)</pre>")
            .Groups[1]
            .Value;
        Assert.NotEmpty(token);
        var again = await client.GetStringAsync("/account/tokens");
        Assert.Contains("ប្រព័ន្ធផ្សព្វផ្សាយ", again, StringComparison.Ordinal);
        Assert.DoesNotContain(token, again, StringComparison.Ordinal);

        Guid id;
        await using (var db = app.OpenDb())
        {
            id = await db.ApiTokens.Where(t => t.Name == "ប្រព័ន្ធផ្សព្វផ្សាយ").Select(t => t.Id).SingleAsync();
        }
        await Forms.PostAsync(client, "/account/tokens", "Revoke", new() { ["id"] = id.ToString() });
        var script = app.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/people")).StatusCode);

        foreach (var days in new[] { 0, 366 })
        {
            Assert.Equal(
                HttpStatusCode.BadRequest,
                (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "x", expiresInDays = days })).StatusCode
            );
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/tokens", new { expiresInDays = 5 })).StatusCode);
        var refused = await Forms.PostAsync(
            client,
            "/account/tokens",
            "Create",
            new() { ["Name"] = "too long", ["ExpiresInDays"] = "400" }
        );
        Assert.Contains(
            "The number of days it is valid must be between 1 and 365.",
            await refused.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ASignedInSession_ChoosesTheFullTerm_ButATokenCannotMakeOneThatOutlivesIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var session = app.CreateAnonymousClient();
        var login = await session.GetStringAsync("/login");
        var antiforgery = System
            .Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1]
            .Value;
        (
            await session.PostAsync(
                "/login",
                new FormUrlEncodedContent(
                    new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = antiforgery,
                        ["Email"] = user.Email!,
                        ["Password"] = TestApp.Password,
                    }
                )
            )
        ).EnsureSuccessStatusCode();

        // A session makes tokens on the tokens page: the API refuses the session cookie for writes (docs/security.md 16).
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await session.PostAsJsonAsync("/api/v1/tokens", new { name = "a year", expiresInDays = 365 })).StatusCode
        );
        var page = await (
            await Forms.PostAsync(session, "/account/tokens", "Create", new() { ["Name"] = "a year", ["ExpiresInDays"] = "365" })
        ).Content.ReadAsStringAsync();
        var fromSession = System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(page, "<pre class=\"json\" id=\"new-token\">([^<]+)</pre>").Groups[1].Value
        );
        await using (var db = app.OpenDb())
        {
            Assert.True((await db.ApiTokens.SingleAsync(t => t.Name == "a year")).ExpiresAt > DateTimeOffset.UtcNow.AddDays(364));
        }
        var script = app.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", fromSession);
        var shortLived = (
            await (
                await script.PostAsJsonAsync("/api/v1/tokens", new { name = "short", expiresInDays = 3 })
            ).Content.ReadFromJsonAsync<Created>()
        )!;
        Assert.InRange(shortLived.ExpiresAt, DateTimeOffset.UtcNow.AddDays(2.9), DateTimeOffset.UtcNow.AddDays(3));

        var oneDay = app.CreateAnonymousClient();
        oneDay.DefaultRequestHeaders.Authorization = new("Bearer", shortLived.Token);
        var capped = (
            await (
                await oneDay.PostAsJsonAsync("/api/v1/tokens", new { name = "longer", expiresInDays = 365 })
            ).Content.ReadFromJsonAsync<Created>()
        )!;
        Assert.Equal(shortLived.ExpiresAt.ToUnixTimeSeconds(), capped.ExpiresAt.ToUnixTimeSeconds());
    }

    private sealed record Created(Guid Id, string Token, DateTimeOffset ExpiresAt);
}
