using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Platform.Localization;
using Habeas.Platform.Security;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Habeas.Tests.Security;

public sealed partial class SecurityTests
{
    private const string Secret = "SECRET-EXCEPTION-TEXT-7f3a";
    private static readonly Uri Https = new("https://localhost");

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task SecurityHeaders_AreOnPagesApiAnd404s(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        foreach (
            var (path, status) in new[]
            {
                ("/", HttpStatusCode.OK),
                ("/api/v1/people", HttpStatusCode.OK),
                ("/no-such-page", HttpStatusCode.NotFound),
                ("/api/v1/people/" + Guid.NewGuid(), HttpStatusCode.NotFound),
            }
        )
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode}");
            var csp = Header(response, "Content-Security-Policy");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe", csp);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
            Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
            Assert.Equal("no-store", Header(response, "Cache-Control"));
            // Plain http (the default http://127.0.0.1): no HSTS, which a browser would ignore anyway.
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), path);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task StaticFiles_MayBeCached_ButStillGetTheSecurityHeaders(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var response = await app.CreateClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("no-store", Header(response, "Cache-Control") ?? "");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task OverHttps_HstsIsSentForAtLeastAYear(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https });
        foreach (var path in new[] { "/", "/api/v1/people", "/css/site.css" })
        {
            var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            var maxAge = MaxAge().Match(Header(response, "Strict-Transport-Security") ?? "");
            Assert.True(maxAge.Success, path);
            Assert.True(long.Parse(maxAge.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 31_536_000, path);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AntiforgeryCookie_OverHttp_IsHttpOnlyAndSameSiteStrict_WithoutSecurePrefix(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var response = await app.CreateClient().GetAsync("/people/new");

        var cookie = Assert.Single(SetCookies(response), c =>
            c.StartsWith(SecureCookies.AntiforgeryCookie + "=", StringComparison.Ordinal)
        );
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        // http://127.0.0.1 is the default address: a Secure or __Host- cookie would never come back.
        Assert.DoesNotContain(
            "secure",
            cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase),
            StringComparison.OrdinalIgnoreCase
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task OverHttps_EveryCookieIsHostPrefixedSecureAndHttpOnly_AndFormsStillWork(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https, AllowAutoRedirect = false });
        var form = await client.GetAsync("/people/new");
        var antiforgery = Assert.Single(SetCookies(form));
        Assert.StartsWith("__Host-" + SecureCookies.AntiforgeryCookie + "=", antiforgery, StringComparison.Ordinal);
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", antiforgery, StringComparison.OrdinalIgnoreCase);

        // The token is checked against the __Host- cookie the browser sends back: the language form works.
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var switched = await client.PostAsync(
            "/language",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["lang"] = "km",
                    ["returnUrl"] = "/",
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var language = Assert.Single(SetCookies(switched));
        Assert.StartsWith("__Host-", language, StringComparison.Ordinal);
        Assert.Contains("; secure", language, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", language, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html lang=\"km\">", await client.GetStringAsync("/"));

        // Without the token (or with an altered one) the same form is refused.
        var missing = await client.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["lang"] = "en" }));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var altered = await client.PostAsync(
            "/language",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"),
                    ["lang"] = "en",
                }
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, altered.StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task OverHttps_AnUnprefixedCookie_IsIgnored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        const string khmer = "c%3Dkm%7Cuic%3Dkm";
        // A cookie planted by a sibling host or over plain http has no __Host- prefix: over https it does not count.
        Assert.Contains("<html lang=\"en\">", await PageWithCookie(app, Https, $"{LanguageCookie.Name}={khmer}"));
        Assert.Contains("<html lang=\"km\">", await PageWithCookie(app, Https, $"__Host-{LanguageCookie.Name}={khmer}"));
        // Over plain http the unprefixed name is the real one.
        Assert.Contains("<html lang=\"km\">", await PageWithCookie(app, new Uri("http://localhost"), $"{LanguageCookie.Name}={khmer}"));
    }

    private static async Task<string> PageWithCookie(TestApp app, Uri baseAddress, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = baseAddress, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        return await (await client.SendAsync(request)).Content.ReadAsStringAsync();
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnUnexpectedException_OnAPage_GivesTheGenericErrorPage_WithAReference_AndIsLogged(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var logs = new CapturedLogs();
        using var failing = Failing(app, logs);
        var client = failing.CreateClient();

        foreach (var language in new[] { "en", "km" })
        {
            var response = await client.GetAsync("/test-only/boom?lang=" + language);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            AssertNothingOfTheException(html);
            Assert.Contains(language == "en" ? "Something went wrong" : "មានបញ្ហាកើតឡើង", html);
            Assert.Contains($"<html lang=\"{language}\">", html);
            var reference = Reference().Match(html).Groups[1].Value;
            Assert.False(string.IsNullOrWhiteSpace(reference));
            Assert.Equal("no-store", Header(response, "Cache-Control"));
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
            Assert.Contains(logs.Entries, e =>
                e.Contains(reference, StringComparison.Ordinal) && e.Contains(Secret, StringComparison.Ordinal)
            );
        }

        // A failing form post gets the same page.
        var post = await client.PostAsync("/test-only/boom", new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "b" }));
        Assert.Equal(HttpStatusCode.InternalServerError, post.StatusCode);
        var postHtml = await post.Content.ReadAsStringAsync();
        AssertNothingOfTheException(postHtml);
        Assert.Matches(Reference(), postHtml);

        // The error page does not exist on its own.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/error")).StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnUnexpectedException_InTheApi_GivesAProblem500_WithAReference_AndIsLogged(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var logs = new CapturedLogs();
        using var failing = Failing(app, logs);
        var client = failing.CreateClient();

        var response = await client.GetAsync("/api/v1/test-only/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        AssertNothingOfTheException(body);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        var reference = problem.RootElement.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrWhiteSpace(reference));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Contains(logs.Entries, e =>
            e.Contains(reference!, StringComparison.Ordinal) && e.Contains(Secret, StringComparison.Ordinal)
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task OverTheLimit_TheApiAndForms_Answer429_WithRetryAfter_ButReadingPagesIsNotLimited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var limited = app.WithWebHostBuilder(b => b.UseSetting(RateLimits.PermitsKey, "3"));
        var client = limited.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/people")).StatusCode);
        }
        var rejected = await client.GetAsync("/api/v1/people");
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        var retryAfter = rejected.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync()))
        {
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        }
        Assert.Equal("nosniff", Header(rejected, "X-Content-Type-Options"));

        // Form posts share the client's limit; reading pages does not count.
        var form = await client.GetAsync("/people/new");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var post = await client.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["lang"] = "km" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, post.StatusCode);
        Assert.NotNull(post.Headers.RetryAfter);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
    }

    [Fact]
    public void Views_HaveNoInlineScriptOrStyle_SoTheStrictPolicyHolds()
    {
        var source = Path.Combine(Repository.Root, "src", "Habeas");
        var offending = Directory
            .EnumerateFiles(source, "*.cshtml", SearchOption.AllDirectories)
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            )
            .Where(f => InlineCode().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(source, f))
            .ToList();
        Assert.Empty(offending);
    }

    /// <summary>The app with a test-only path that throws (after all of the app's middleware, inside its exception handling).</summary>
    private static WebApplicationFactory<Program> Failing(TestApp app, CapturedLogs logs) =>
        app.WithWebHostBuilder(b =>
            b.ConfigureServices(services =>
            {
                services.AddSingleton<IStartupFilter, ThrowingEndpoint>();
                services.AddSingleton<ILoggerProvider>(logs);
            })
        );

    private static void AssertNothingOfTheException(string body)
    {
        Assert.DoesNotContain(Secret, body);
        Assert.DoesNotContain(nameof(InvalidOperationException), body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at Habeas", body);
        Assert.DoesNotContain(nameof(ThrowingEndpoint), body);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<code>([^<]+)</code>")]
    private static partial Regex Reference();

    [GeneratedRegex(@"max-age=(\d+)")]
    private static partial Regex MaxAge();

    [GeneratedRegex(@"\sstyle=|<style|<script(?![^>]*\ssrc=)|\son[a-z]+=|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                next(app);
                app.Use(
                    (HttpContext context, RequestDelegate following) =>
                        context.Request.Path.Value?.EndsWith("/test-only/boom", StringComparison.Ordinal) == true
                            ? throw new InvalidOperationException(Secret)
                            : following(context)
                );
            };
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(
                LogLevel logLevel,
                EventId eventId,
                TState state,
                Exception? exception,
                Func<TState, Exception?, string> formatter
            )
            {
                if (IsEnabled(logLevel))
                {
                    owner.Entries.Enqueue(formatter(state, exception) + " " + exception);
                }
            }
        }
    }
}
