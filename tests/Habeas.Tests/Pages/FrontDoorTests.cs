using System.Net;
using System.Net.Http.Json;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Habeas.Tests.Pages;

/// <summary>
/// The front door: a signed-out visitor at / gets the public site, which links to sign-in and back; a refusal or a
/// page that is not there is an HTML page in the reader's language, never the sign-in form for someone signed in;
/// the API keeps answering problem details.
/// </summary>
public sealed class FrontDoorTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ASignedOutVisitor_AtTheStart_GetsThePublicSite_WhichLinksToSignInAndBack(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        anonymous.DefaultRequestHeaders.Authorization = null;

        var start = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/public", start.Headers.Location?.OriginalString);
        Assert.Contains("href=\"/login\"", await anonymous.GetStringAsync("/public"), StringComparison.Ordinal);
        Assert.Contains("href=\"/public\"", await anonymous.GetStringAsync("/login"), StringComparison.Ordinal);

        // Staff still get their start page, with its counters.
        var viewer = await app.AccountAsync(Roles.Viewer);
        var home = await viewer.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("href=\"/statistics\"", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task APageThatIsNotThere_IsAnHtmlPage_InTheReadersLanguage_AndTheApiKeepsProblemDetails(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var anonymous = app.CreateAnonymousClient();
        foreach (var (language, title) in new[] { ("en", "Not found"), ("km", "រកមិនឃើញ") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/public/people/" + Guid.NewGuid());
            request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
            Assert.Contains($"lang=\"{language}\"", html, StringComparison.Ordinal);
        }

        var admin = app.CreateClient();
        var api = await admin.GetAsync("/api/v1/people/" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await api.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetInt32());

        // The status page itself, asked for directly, is not a page.
        var direct = await anonymous.GetAsync("/status/403");
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.DoesNotContain("Not allowed", await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ASignedInViewer_OnAPageTheyMayNotUse_IsToldItIsNotAllowed_InTheirLanguage_NotSentToSignIn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Viewer);
        var session = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        session.DefaultRequestHeaders.Authorization = null;
        await app.SignInAsync(session, user);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/people/new");
        request.Headers.AcceptLanguage.ParseAdd("km");
        var refused = await session.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Contains("<h1>មិនអនុញ្ញាត</h1>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Still signed in: their own pages open.
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/people")).StatusCode);
    }
}
