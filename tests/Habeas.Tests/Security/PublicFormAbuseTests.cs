using System.Net;
using Habeas.Campaigns.Supporters;
using Habeas.Platform.Mail;
using Habeas.Platform.Security;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Security;

/// <summary>The anonymous sign-up form against robots: a honeypot, a time too short for a person, and the public rate limit.</summary>
public sealed class PublicFormAbuseTests
{
    private static Dictionary<string, string> Join(string email) =>
        new()
        {
            ["Input.Name"] = "Aino Virtanen",
            ["Input.Email"] = email,
            ["Input.Country"] = "FI",
            ["Input.Language"] = "en",
            ["Input.Consent"] = "true",
        };

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ASignUpByARobot_IsRefusedWithAMessage_AndNothingIsWritten(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [PublicForms.MinimumSecondsKey] = "2" }
        );
        using var visitor = app.CreateClient();
        visitor.DefaultRequestHeaders.Authorization = null;

        var honeypot = Join("robot@example.org");
        honeypot[PublicForms.HoneypotField] = "http://spam.example";
        var refused = await TestApp.PostFormAsync(visitor, "/supporters/join", honeypot);
        Assert.Contains("This form could not be accepted", await refused.Content.ReadAsStringAsync());

        var tooFast = await TestApp.PostFormAsync(visitor, "/supporters/join", Join("fast@example.org"));
        var page = await tooFast.Content.ReadAsStringAsync();
        Assert.Contains("quicker than a person can fill in this form", page);
        Assert.Contains("value=\"fast@example.org\"", page);

        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Supporters.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task PostsToPublicForms_AreLimitedPerClient(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [RateLimits.PublicPermitsKey] = "3" }
        );
        using var visitor = app.CreateClient();
        visitor.DefaultRequestHeaders.Authorization = null;
        visitor.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(
                HttpStatusCode.OK,
                (await TestApp.PostFormAsync(visitor, "/supporters/join", Join($"person{i}@example.org"))).StatusCode
            );
        }
        var limited = await TestApp.PostFormAsync(visitor, "/supporters/join", Join("person3@example.org"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Another client is not held back by the first.
        using var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = null;
        other.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "198.51.100.9");
        Assert.Equal(HttpStatusCode.OK, (await TestApp.PostFormAsync(other, "/supporters/join", Join("someone@example.org"))).StatusCode);
    }
}
