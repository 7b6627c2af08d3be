using System.Net;
using Habeas.Platform.Security;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Operations;

/// <summary>X-Forwarded-Proto and X-Forwarded-For count only when they come from a proxy named in Habeas:Proxy:Trusted.</summary>
public sealed class ReverseProxyTests
{
    private const string Proxy = "127.0.0.1";

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task HttpsForwardedByTheTrustedProxy_GivesSecureHostCookiesAndHsts_FromAnyoneElseIsIgnored(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [ReverseProxy.TrustedKey] = Proxy }
        );
        var client = app.CreateAnonymousClient();

        var proxied = await GetLoginAsync(client, from: Proxy);
        Assert.Contains(proxied.Headers.GetValues("Set-Cookie"), c =>
            c.StartsWith(SecureCookies.HostPrefix + SecureCookies.AntiforgeryCookie + "=", StringComparison.Ordinal)
            && c.Contains("secure", StringComparison.OrdinalIgnoreCase)
        );
        Assert.True(proxied.Headers.Contains("Strict-Transport-Security"));

        var spoofed = await GetLoginAsync(client, from: "192.0.2.7");
        Assert.Contains(spoofed.Headers.GetValues("Set-Cookie"), c =>
            c.StartsWith(SecureCookies.AntiforgeryCookie + "=", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(spoofed.Headers.GetValues("Set-Cookie"), c =>
            c.StartsWith(SecureCookies.HostPrefix, StringComparison.Ordinal)
        );
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task WithoutATrustedProxy_EvenLoopbackForwardedHeadersAreIgnored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var response = await GetLoginAsync(app.CreateAnonymousClient(), from: Proxy);
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c =>
            c.StartsWith(SecureCookies.HostPrefix, StringComparison.Ordinal)
        );
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ForwardedFor_FromTheTrustedProxy_IsTheClientTheRateLimitCounts_FromAnyoneElseIsNot(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [ReverseProxy.TrustedKey] = "127.0.0.0/8", [RateLimits.PermitsKey] = "2" }
        );
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await PeopleAsync(client, Proxy, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await PeopleAsync(client, Proxy, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PeopleAsync(client, Proxy, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await PeopleAsync(client, Proxy, "203.0.113.2"));

        // A client that is not the proxy cannot pick another address for itself.
        Assert.Equal(HttpStatusCode.OK, await PeopleAsync(client, "198.51.100.9", "203.0.113.3"));
        Assert.Equal(HttpStatusCode.OK, await PeopleAsync(client, "198.51.100.9", "203.0.113.4"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PeopleAsync(client, "198.51.100.9", "203.0.113.5"));
    }

    [Fact]
    public void ABadTrustedEntry_StopsTheStart_NamingIt() =>
        Assert.Contains(
            "'proxy.example.org'",
            Assert.Throws<InvalidOperationException>(() => ReverseProxy.Options("10.0.0.1; proxy.example.org")).Message,
            StringComparison.Ordinal
        );

    private static async Task<HttpResponseMessage> GetLoginAsync(HttpClient client, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Add(TestApp.ClientAddressHeader, from);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.50");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task<HttpStatusCode> PeopleAsync(HttpClient client, string from, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/people");
        request.Headers.Add(TestApp.ClientAddressHeader, from);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }
}
