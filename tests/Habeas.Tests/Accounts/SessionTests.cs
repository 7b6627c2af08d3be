using System.Net;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Habeas.Tests.Accounts;

public sealed class SessionTests
{
    /// <summary>Every request checks the security stamp, so "within the interval" is at once.</summary>
    private static readonly Dictionary<string, string?> CheckEveryRequest = new() { [AccountsSetup.ValidationIntervalKey] = "00:00:00" };

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task SignIn_IssuesANewSessionCookie_AndSignOutEndsEveryCopyOfTheSession(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: CheckEveryRequest);
        var user = await app.CreateUserAsync(Roles.Monitor, twoFactor: true);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;

        var first = SessionCookie(await app.SignInAsync(client, user));
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(app, first).GetAsync("/api/v1/people")).StatusCode);
        // Signing in again while a session cookie is presented gives a new one.
        var second = SessionCookie(await app.SignInAsync(client, user));
        Assert.NotEqual(first, second);

        var copy = WithCookie(app, second);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/people")).StatusCode);
        var signOut = await TestApp.PostFormAsync(client, "/login?handler=Logout", [], "/people");
        Assert.Equal("/login", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(app, first).GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/people")).StatusCode);

        await using var db = app.OpenDb();
        var signedOut = await db.AuditEntries.SingleAsync(e => e.Action == SignInAudit.SignedOut);
        Assert.Equal(Guid.Parse(user.Id), signedOut.RecordId);
        Assert.Equal(user.Email, signedOut.Actor);
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == SignInAudit.SignedIn && e.RecordId == Guid.Parse(user.Id)));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task DisablingAnAccount_EndsItsCookieSession(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: CheckEveryRequest);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/people")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            Assert.True(await UserAccounts.DisableAsync(scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>(), user.Email!));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/people")).StatusCode);
    }

    [Fact]
    public async Task ByDefault_TheStampIsCheckedEveryMinute_AndASessionLastsTwelveHoursAtMost()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        Assert.Equal(
            TimeSpan.FromMinutes(1),
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval
        );
        var cookie = app
            .Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(TimeSpan.FromMinutes(30), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ASession_EndsAtItsAbsoluteLifetime_WhateverTheActivity(string provider)
    {
        var settings = new Dictionary<string, string?>(CheckEveryRequest) { [AccountsSetup.AbsoluteLifetimeKey] = "00:00:05" };
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, settings: settings, time: clock);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var client = app.CreateAnonymousClient();
        var beforeSignIn = clock.GetUtcNow();
        await app.SignInAsync(client, user);

        // Busy all along: a request every half second, each renewing the ticket.
        while (clock.GetUtcNow() - beforeSignIn < TimeSpan.FromSeconds(3.5))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/people")).StatusCode);
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }
        HttpStatusCode status;
        do
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            status = (await client.GetAsync("/api/v1/people")).StatusCode;
        } while (status == HttpStatusCode.OK && clock.GetUtcNow() - beforeSignIn < TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.GetUtcNow() - beforeSignIn >= TimeSpan.FromSeconds(5));
    }

    private static string SessionCookie(HttpResponseMessage response)
    {
        var header = response
            .Headers.GetValues("Set-Cookie")
            .Last(c => c.StartsWith(AccountsSetup.SessionCookie + "=", StringComparison.Ordinal));
        return header.Split(';')[0][(AccountsSetup.SessionCookie.Length + 1)..];
    }

    private static HttpClient WithCookie(TestApp app, string session)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = null;
        client.DefaultRequestHeaders.Add("Cookie", $"{AccountsSetup.SessionCookie}={session}");
        return client;
    }
}
