using System.Net;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Accounts;

public sealed partial class SignInLimitTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TenFailuresForOneAccountName_Get429WithRetryAfter_TheSameForKnownAndUnknownAccounts(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var known = await app.CreateUserAsync(Roles.Monitor);

        var knownAnswer = await FailTenTimesThenTryAsync(app, known.Email!, "198.51.100");
        var unknownAnswer = await FailTenTimesThenTryAsync(app, "nobody@example.org", "198.51.101");
        foreach (var answer in new[] { knownAnswer, unknownAnswer })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
            var seconds = int.Parse(answer.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 840, 900);
        }
        Assert.Equal(Strip(await knownAnswer.Content.ReadAsStringAsync()), Strip(await unknownAnswer.Content.ReadAsStringAsync()));

        // Another account from yet another address is not held back.
        var other = await app.CreateUserAsync(Roles.Monitor);
        var client = Client(app, "198.51.102.1");
        Assert.Equal(
            "/",
            (await TestApp.PostFormAsync(client, "/login", new() { ["Email"] = other.Email!, ["Password"] = TestApp.Password }))
                .Headers
                .Location
                ?.OriginalString
        );

        await using var db = app.OpenDb();
        var entries = await db.AuditEntries.Where(e => e.RecordType == SignInAudit.RecordType).ToListAsync();
        Assert.Contains(entries, e => e.Action == SignInAudit.SignInRefused && e.RecordId == Guid.Parse(known.Id));
        Assert.Contains(entries, e =>
            e.Action == SignInAudit.SignInRefused
            && e.RecordId == Guid.Empty
            && e.Entry.Contains(SignInAudit.UnknownAccount, StringComparison.Ordinal)
        );
        Assert.Equal(10, entries.Count(e => e.Action == SignInAudit.SignInFailed && e.RecordId == Guid.Empty));
        Assert.Contains(entries, e => e.Entry.Contains("locked out", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Entry.Contains("198.51.101.0/24", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e =>
            e.Entry.Contains("nobody", StringComparison.OrdinalIgnoreCase)
            || e.Entry.Contains("198.51.101.7", StringComparison.Ordinal)
            || e.Entry.Contains("wrong password at all", StringComparison.Ordinal)
            || e.Entry.Contains(TestApp.Password, StringComparison.Ordinal)
        );
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TenFailuresFromOneAddress_Get429ForEveryAccount_ButNotFromOtherAddresses(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var client = Client(app, "203.0.113.5");
        for (var i = 0; i < 10; i++)
        {
            var failed = await TestApp.PostFormAsync(
                client,
                "/login",
                new() { ["Email"] = $"guess{i}@example.org", ["Password"] = "a wrong password again" }
            );
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        var refused = await TestApp.PostFormAsync(client, "/login", new() { ["Email"] = user.Email!, ["Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));

        var elsewhere = Client(app, "203.0.113.6");
        Assert.Equal(
            "/",
            (await TestApp.PostFormAsync(elsewhere, "/login", new() { ["Email"] = user.Email!, ["Password"] = TestApp.Password }))
                .Headers
                .Location
                ?.OriginalString
        );
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheTwoFactorStep_TenWrongCodes_Get429_AndLockTheAccount(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor, twoFactor: true);
        var client = Client(app, "192.0.2.10");
        Assert.Equal(
            "/login/two-factor",
            (await TestApp.PostFormAsync(client, "/login", new() { ["Email"] = user.Email!, ["Password"] = TestApp.Password }))
                .Headers
                .Location
                ?.OriginalString
        );
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(
                HttpStatusCode.OK,
                (await TestApp.PostFormAsync(client, "/login/two-factor", new() { ["Code"] = "not-a-code" })).StatusCode
            );
        }
        var refused = await TestApp.PostFormAsync(client, "/login/two-factor", new() { ["Code"] = await app.CurrentCodeAsync(user) });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));

        await using var db = app.OpenDb();
        Assert.True(await db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync() > DateTimeOffset.UtcNow);
        var entries = await db.AuditEntries.Where(e => e.RecordId == Guid.Parse(user.Id)).ToListAsync();
        Assert.Contains(entries, e => e.Action == SignInAudit.SignInRefused);
        Assert.Contains(entries, e => e.Entry.Contains("wrong two-factor code", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Entry.Contains("192.0.2.0/24", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Entry.Contains("192.0.2.10", StringComparison.Ordinal));
    }

    [Fact]
    public void ClientNetwork_KeepsOnlyTheNetwork()
    {
        Assert.Equal("192.0.2.0/24", SignInAudit.ClientNetwork(IPAddress.Parse("192.0.2.77")));
        Assert.Equal("192.0.2.0/24", SignInAudit.ClientNetwork(IPAddress.Parse("::ffff:192.0.2.77")));
        Assert.Equal("2001:db8:1234::/48", SignInAudit.ClientNetwork(IPAddress.Parse("2001:db8:1234:5678:9abc::1")));
        Assert.Null(SignInAudit.ClientNetwork(null));
    }

    /// <summary>Ten wrong passwords for one account name, each from a different address, then the eleventh try from a new one.</summary>
    private static async Task<HttpResponseMessage> FailTenTimesThenTryAsync(TestApp app, string email, string network)
    {
        for (var i = 0; i < 10; i++)
        {
            var failed = await TestApp.PostFormAsync(
                Client(app, $"{network}.{i}"),
                "/login",
                new() { ["Email"] = email, ["Password"] = "not the right password at all" }
            );
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        return await TestApp.PostFormAsync(
            Client(app, $"{network}.99"),
            "/login",
            new() { ["Email"] = email, ["Password"] = TestApp.Password }
        );
    }

    private static HttpClient Client(TestApp app, string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, address);
        return client;
    }

    private static string Strip(string html) => Values().Replace(html, "");

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex Values();
}
