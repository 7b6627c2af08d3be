using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Habeas.Campaigns.Supporters;
using Habeas.Platform.Accounts;
using Habeas.Platform.Mail;
using Habeas.Platform.Security;
using Habeas.Records.Files;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Supporters;
using Microsoft.EntityFrameworkCore;
using static Habeas.Tests.Files.CampaignFiles;

namespace Habeas.Tests.Security;

/// <summary>
/// The penetration test of 2026-12-07 (docs/security.md, "The penetration test of 2026-12-07"), findings 5, 6, 10, 11, 12, 13, 16
/// and 18, each reproduced as the review did it; each asserts what main at e2e938e did not do.
/// </summary>
public sealed class ReviewFindingsTests
{
    // Finding 5: a new API token's secret was kept in idempotency_records.body (and so in the WAL and backups) and
    // replayed from there.
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ATokenMadeWithAnIdempotencyKey_IsNeverStored_AndTheSameKeyAgainIs409WithoutIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens")
        {
            Content = JsonContent.Create(new { name = "x", expiresInDays = 30 }),
        };
        first.Headers.Add("Idempotency-Key", "k1");
        using var created = await client.SendAsync(first);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.StartsWith("hb_", secret, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens")
        {
            Content = JsonContent.Create(new { name = "x", expiresInDays = 30 }),
        };
        again.Headers.Add("Idempotency-Key", "k1");
        using var replayed = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Equal(created.Headers.Location, replayed.Headers.Location);
        Assert.DoesNotContain(secret, await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            var record = await db.IdempotencyRecords.SingleAsync(r => r.Key == "k1");
            Assert.Equal(201, record.StatusCode);
            Assert.Empty(record.Body);
            Assert.Equal(1, await db.ApiTokens.CountAsync(t => t.Name == "x"));
        }
        if (provider == TestDatabase.Sqlite)
        {
            foreach (var file in Directory.GetFiles(app.Database.DataDirectory, "habeas.db*"))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                Assert.Equal(-1, copy.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            }
        }
        // Other writes still replay their whole answer.
        using var person = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people")
        {
            Content = JsonContent.Create(new { name = "Sok Yoeun" }),
        };
        person.Headers.Add("Idempotency-Key", "k2");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(person)).StatusCode);
        using var personAgain = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people")
        {
            Content = JsonContent.Create(new { name = "Sok Yoeun" }),
        };
        personAgain.Headers.Add("Idempotency-Key", "k2");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(personAgain)).StatusCode);
    }

    // Finding 6 (docs/security.md 16): the API took the session cookie for writes with no antiforgery token, import and file
    // upload included.
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ASignedInBrowser_CannotWriteThroughTheApi_WithItsCookie_ButABearerTokenCan(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var action = (await ClosedActionAsync(admin, close: false)).ActionId;
        var user = await app.CreateUserAsync(Roles.Administrator);
        var browser = app.CreateAnonymousClient();
        await app.SignInAsync(browser, user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/people")).StatusCode);

        using var person = await browser.PostAsJsonAsync("/api/v1/people", new { names = new[] { new { text = "cookie api person" } } });
        using var file = await UploadAsync(browser, action, "a letter"u8.ToArray(), "csrf.txt", "text/plain");
        using var csv = new MultipartFormDataContent
        {
            { new ByteArrayContent("name\ncookie import person\n"u8.ToArray()), "file", "imp.csv" },
        };
        using var import = await browser.PostAsync("/api/v1/import?format=csv", csv);
        using var delete = await browser.DeleteAsync($"/api/v1/actions/{action}");

        Assert.Equal(HttpStatusCode.Unauthorized, person.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, file.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, import.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        // Reading with the cookie is still allowed: nothing changes, and no CORS header lets another origin read it.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/people")).StatusCode);
        await using var db = app.OpenDb();
        Assert.False(await db.PersonNames.AnyAsync(n => n.Text.Contains("cookie")));
        Assert.Equal(0, await db.StoredFiles.CountAsync());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/people", new { name = "token person" })).StatusCode);
    }

    // Finding 10: statistics CSV neutralised only a leading =, + or @.
    [Theory]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("@SUM(A1)")]
    [InlineData("+1")]
    public void AStatisticsCsvLabel_ThatStartsLikeAFormula_IsInert(string label)
    {
        var range = new Habeas.Core.Statistics.FigureRange(
            new DateOnly(2020, 1, 1),
            new DateOnly(2020, 12, 31),
            Habeas.Core.Statistics.Interval.Month,
            default,
            new DateOnly(2020, 12, 31)
        );
        var figure = new Habeas.Publishing.Statistics.Figure(
            "by-charge",
            "By charge",
            "counted",
            "charge",
            ["people"],
            [new Habeas.Publishing.Statistics.FigureRow("c1", label, [3], "")],
            range,
            Published: true,
            DateTimeOffset.UnixEpoch
        );

        var row = figure
            .ToCsv()
            .Split('\n')
            .Single(l => l.StartsWith("c1,", StringComparison.Ordinal) || l.StartsWith("c1,\"", StringComparison.Ordinal));
        var cell = row["c1,".Length..];
        Assert.StartsWith(cell.StartsWith('"') ? "\"'" : "'", cell, StringComparison.Ordinal);
        Assert.EndsWith(",3", row, StringComparison.Ordinal);
    }

    // Finding 11: the sign-up name took line breaks into the body of an email sent from the organisation's address, every
    // post sent another email, and one page load's form stamp served a day of posts.
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task SignUp_RefusesLineBreaksInTheName_MailsAnAddressOnceADay_AndTakesEachFormOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        var anonymous = app.CreateAnonymousClient();

        var injected = await SupporterSteps.JoinAsync(anonymous, "Eve\r\nBcc: attacker@evil.org\r\n\r\nbody", "a@b.example");
        Assert.Contains(
            WebUtility.HtmlEncode(new Habeas.Platform.Localization.Texts().Get("en", "supporters.error.name")),
            await injected.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var bidi = await SupporterSteps.JoinAsync(anonymous, "Eve\u202Egro.live", "a@b.example");
        Assert.Contains(
            WebUtility.HtmlEncode(new Habeas.Platform.Localization.Texts().Get("en", "supporters.error.name")),
            await bidi.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.Supporters.CountAsync());
            Assert.Equal(0, await db.OutboxMessages.CountAsync());
        }

        for (var i = 0; i < 5; i++)
        {
            var joined = await SupporterSteps.JoinAsync(anonymous, "Eve", "a@b.example");
            Assert.Contains("Check your email", await joined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.ToAddress == "a@b.example"));
            // A day later the address may be sent one more.
            var past = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(-1);
            await db.OutboxMessages.ExecuteUpdateAsync(u => u.SetProperty(m => m.CreatedAt, past));
        }
        await SupporterSteps.JoinAsync(anonymous, "Eve", "a@b.example");
        await using (var db = app.OpenDb())
        {
            Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.ToAddress == "a@b.example"));
        }

        // One form, posted twice: the second is refused, and sends nothing.
        var form = await anonymous.GetStringAsync("/supporters/join");
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Ari",
            ["Input.Email"] = "ari@example.org",
            ["Input.Country"] = "FI",
            ["Input.Language"] = "en",
            ["Input.Consent"] = "true",
            [PublicForms.IssuedField] = WebUtility.HtmlDecode(
                System.Text.RegularExpressions.Regex.Match(form, "name=\"form-issued\" value=\"([^\"]+)\"").Groups[1].Value
            ),
        };
        Assert.Contains(
            "Check your email",
            await (await TestApp.PostFormAsync(anonymous, "/supporters/join", new(fields))).Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var second = await TestApp.PostFormAsync(anonymous, "/supporters/join", new(fields) { ["Input.Email"] = "victim@example.org" });
        Assert.Contains(
            WebUtility.HtmlEncode(new Habeas.Platform.Localization.Texts().Get("en", PublicForms.Refused)),
            await second.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == "victim@example.org"));
        }
    }

    // Finding 12: the Atom feed built its absolute addresses from the Host header.
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheFeed_TakesItsAddressesFromTheConfiguredBaseUrl_NeverFromTheHostHeader(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { ["Habeas:Mail:BaseUrl"] = "https://habeas.example.org" }
        );
        var admin = app.CreateClient();
        Assert.Equal(
            HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun", level = "public" })).StatusCode
        );
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/feed.atom");
        request.Headers.Host = "evil.example";
        using var response = await app.CreateAnonymousClient().SendAsync(request);
        var feed = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", feed, StringComparison.Ordinal);
        Assert.Contains("https://habeas.example.org/public/feed.atom", feed, StringComparison.Ordinal);
        Assert.Contains("https://habeas.example.org/public/people/", feed, StringComparison.Ordinal);
    }

    // Finding 13: run as the README says (no systemd unit, umask 022), the data folder was 0755 and the database, its WAL,
    // the stored files and the .eml files (supporters' page links) 0644.
    [Fact]
    public async Task AServerStartedWithAWideUmask_KeepsItsDataFolderAndFilesToItsOwner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await Crash.CrashWrites.TokenAsync(database); // an administrator, without whom the server shows only its setup page
        // A data folder an earlier run left wide open, with database files to match.
        File.SetUnixFileMode(database.DataDirectory, (UnixFileMode)0b111_101_101);
        foreach (var path in Directory.GetFiles(database.DataDirectory, "habeas.db*"))
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        }
        var mail = Path.Combine(database.DataDirectory, "mail");

        await using (var server = ServerProcessWithUmask(database))
        {
            var address = await server.HealthyAsync(TimeSpan.FromSeconds(120));
            using var client = new HttpClient { BaseAddress = address };
            var form = await client.GetStringAsync("/supporters/join");
            await Task.Delay(TimeSpan.FromSeconds(2.2)); // the public form's least time a person needs (the default, 2 s)
            var token = System
                .Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
                .Groups[1]
                .Value;
            var issued = WebUtility.HtmlDecode(
                System.Text.RegularExpressions.Regex.Match(form, "name=\"form-issued\" value=\"([^\"]+)\"").Groups[1].Value
            );
            using var joined = await client.PostAsync(
                "/supporters/join",
                new FormUrlEncodedContent(
                    new Dictionary<string, string>
                    {
                        ["Input.Name"] = "Ari",
                        ["Input.Email"] = "ari@example.org",
                        ["Input.Country"] = "FI",
                        ["Input.Language"] = "en",
                        ["Input.Consent"] = "true",
                        ["__RequestVerificationToken"] = token,
                        [PublicForms.IssuedField] = issued,
                    }
                )
            );
            Assert.Contains("Check your email", await joined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            for (var i = 0; i < 100 && (!Directory.Exists(mail) || Directory.GetFiles(mail, "*.eml").Length == 0); i++)
            {
                await Task.Delay(100);
            }
            Assert.NotEmpty(Directory.GetFiles(mail, "*.eml"));

            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(database.DataDirectory));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(mail) & ~UnixFileMode.SetGroup);
            foreach (var path in Directory.GetFiles(database.DataDirectory, "habeas.db*").Concat(Directory.GetFiles(mail, "*.eml")))
            {
                Assert.True((File.GetUnixFileMode(path) & (UnixFileMode)0b000_111_111) == 0, $"{path} is {File.GetUnixFileMode(path)}");
            }
            await server.KillAsync();
        }
    }

    /// <summary>The real server, started through a shell that sets umask 022 first, as a person typing the README's command has.</summary>
    private static ServerProcess ServerProcessWithUmask(TestDatabase database) =>
        ServerProcess.Start(database, new Dictionary<string, string> { ["Habeas__Mail__PollSeconds"] = "1" }, umask: "022");

    // Finding 16: an HTML page behind a JPEG header, named x.htm, kept that name, and images were served inline.
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task APolyglotUpload_IsNamedForWhatItIs_AndEveryFileIsServedAsAnAttachment(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var action = (await ClosedActionAsync(admin, close: false)).ActionId;
        byte[] polyglot = [0xFF, 0xD8, 0xFF, 0xE0, .. "<html><script>alert(document.domain)</script></html>"u8.ToArray()];

        var id = await UploadedIdAsync(admin, action, polyglot, "x.htm");
        using var served = await admin.GetAsync($"/files/{id}");

        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("x.htm.jpg", served.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("photo.jpeg", Habeas.Records.Files.FileTypes.SafeName("photo.jpeg", Habeas.Records.Files.FileTypes.Jpeg));
        Assert.Equal("letter.txt", Habeas.Records.Files.FileTypes.SafeName("letter", Habeas.Records.Files.FileTypes.Text));
        Assert.Equal("scan.png.pdf", Habeas.Records.Files.FileTypes.SafeName("scan.png", Habeas.Records.Files.FileTypes.Pdf));
    }

    // Finding 18: the limits were keyed on the exact address, so a client with an IPv6 /64 had unlimited keys.
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheRateLimit_CountsAnIPv6ClientByIts64_AndAnIPv4ClientByItsAddress(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [RateLimits.PermitsKey] = "5" }
        );
        var client = app.CreateClient();
        async Task<HttpStatusCode> From(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/people");
            request.Headers.Add(TestApp.ClientAddressHeader, address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await From($"2001:db8:1:2::{i:x}"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await From("2001:db8:1:2:ffff:1234:5678:9abc"));
        Assert.Equal(HttpStatusCode.OK, await From("2001:db8:1:3::1"));
        Assert.Equal(HttpStatusCode.OK, await From("192.0.2.1"));
        Assert.Equal(HttpStatusCode.OK, await From("192.0.2.2"));

        Assert.Equal("2001:db8:1:2::/64", ClientKeys.Of(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        Assert.Equal("192.0.2.7", ClientKeys.Of(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.Equal("unknown", ClientKeys.Of(null));
    }

    // Finding 18, the sign-in throttle: failures from many addresses of one /64 count together.
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheSignInThrottle_CountsAnIPv6ClientByIts64(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [SignInThrottle.FailuresKey] = "3" }
        );
        var client = app.CreateAnonymousClient();
        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 1; i <= 4; i++)
        {
            client.DefaultRequestHeaders.Remove(TestApp.ClientAddressHeader);
            client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, $"2001:db8:9:9::{i:x}");
            using var response = await TestApp.PostFormAsync(
                client,
                "/login",
                new() { ["Email"] = $"nobody{i}@example.org", ["Password"] = "wrong password, long enough" }
            );
            last = response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }
}
