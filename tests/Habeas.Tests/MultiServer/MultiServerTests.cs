using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Platform.Mail;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Mail;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.MultiServer;

/// <summary>
/// Two real `serve` processes, each with its own data folder, on one PostgreSQL database, used through one cookie jar as
/// a load balancer would send a browser to either: sign-in, two-factor sign-in, antiforgery tokens, Idempotency-Key
/// answers, the email outbox and the scheduled backup are shared (PostgreSQL only: SQLite is one server's file).
/// </summary>
[Trait(Infrastructure.TestKinds.Trait, Infrastructure.TestKinds.System)]
public sealed partial class MultiServerTests
{
    private const int Emails = 60;

    /// <summary>0.002 hours: a backup every 7.2 seconds.</summary>
    private const double BackupEveryHours = 0.002;

    [Fact]
    public async Task TwoServersOnOnePostgres_ShareSignInKeysAndIdempotency_AndRunMailAndJobsOnce()
    {
        var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var smtp = new SmtpListener();
        // The database gets its schema, an administrator with an API token and a monitor with two-factor sign-in; the
        // in-process app sends no mail and makes no backups, so only the two servers below do.
        await using var setup = await TestApp.StartOnAsync(
            database,
            settings: new Dictionary<string, string?> { ["Habeas:Mail:Worker"] = "false" }
        );
        var monitor = await setup.CreateUserAsync(Roles.Monitor, twoFactor: true);

        // Each server its own data folder, holding a copy of the key ring (docs/operations.md, "Several servers").
        var folders = new[] { "a", "b" }.Select(n => Path.Combine(database.DataDirectory, "server-" + n)).ToArray();
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(Path.Combine(folder, "keys"));
            File.Copy(
                global::Habeas.Platform.Confidential.KeyRing.PathIn(database.DataDirectory),
                global::Habeas.Platform.Confidential.KeyRing.PathIn(folder)
            );
        }
        var settings = new Dictionary<string, string>
        {
            ["Habeas__Mail__Transport"] = "smtp",
            ["Habeas__Mail__Host"] = "127.0.0.1",
            ["Habeas__Mail__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Habeas__Mail__StartTls"] = "false",
            ["Habeas__Mail__PollSeconds"] = "0.2",
            ["Habeas__Mail__BatchSize"] = "5",
            ["Habeas__Mail__TimeoutSeconds"] = "3",
            ["Habeas__Mail__LeaseSeconds"] = "10",
            ["Habeas__Backup__EveryHours"] = BackupEveryHours.ToString(CultureInfo.InvariantCulture),
            ["Habeas__Backup__CheckSeconds"] = "0.5",
        };
        await using var a = ServerProcess.Start(database, settings, dataDirectory: folders[0]);
        await using var b = ServerProcess.Start(database, settings, dataDirectory: folders[1]);
        var addressA = await a.HealthyAsync(TimeSpan.FromSeconds(180));
        var addressB = await b.HealthyAsync(TimeSpan.FromSeconds(180));

        using var jar = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            CheckCertificateRevocationList = true,
        };
        using var browser = new HttpClient(jar);

        // Password on A; the two-factor form read from A (its antiforgery token and the half-signed-in cookie A made) is
        // posted to B; the session B makes then works on A.
        var login = await FormAsync(browser, new Uri(addressA, "/login"));
        var afterPassword = await browser.PostAsync(
            new Uri(addressA, "/login"),
            Form(login, ("Email", monitor.Email!), ("Password", TestApp.Password))
        );
        Assert.Equal("/login/two-factor", afterPassword.Headers.Location?.OriginalString.Split('?')[0]);
        var twoFactor = await FormAsync(browser, new Uri(addressA, "/login/two-factor"));
        var afterCode = await browser.PostAsync(
            new Uri(addressB, "/login/two-factor"),
            Form(twoFactor, ("Code", await setup.CurrentCodeAsync(monitor)))
        );
        Assert.Equal(HttpStatusCode.Redirect, afterCode.StatusCode);
        Assert.DoesNotContain("/login", afterCode.Headers.Location?.OriginalString ?? "/login", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(addressA, "/people"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(addressB, "/people"))).StatusCode);
        // A form read from B, posted to A (a state-changing form behind the balancer): accepted, and an altered token is not.
        var people = await FormAsync(browser, new Uri(addressB, "/people/new"));
        var created = await browser.PostAsync(
            new Uri(addressA, "/people/new"),
            Form(people, ("Input.Names[0].Text", "Chan Sophea"), ("Input.Names[0].Kind", "primary"))
        );
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/people/", created.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var altered = await browser.PostAsync(
            new Uri(addressA, "/people/new"),
            Form(
                people with
                {
                    Token = people.Token[..^4] + "AAAA",
                },
                ("Input.Names[0].Text", "Altered"),
                ("Input.Names[0].Kind", "primary")
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, altered.StatusCode);

        // An API write on A retried on B with the same Idempotency-Key: B answers A's answer and writes nothing.
        using var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", setup.Token);
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(api, new Uri(addressA, "/api/v1/people"), key, new { name = "Keo Dara" });
        var retried = await SendAsync(api, new Uri(addressB, "/api/v1/people"), key, new { name = "Keo Dara" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        Assert.Equal("true", retried.Headers.GetValues(Habeas.Platform.Api.Idempotency.ReplayedHeader).Single());

        // Mail queued while both run: every message delivered once.
        await using (var db = setup.OpenDb())
        {
            for (var i = 0; i < Emails; i++)
            {
                Outbox.Add(db, $"reader{i}@example.org", $"Message {i}", $"Text {i}", "en", "test");
            }
            await db.SaveChangesAsync();
        }
        await smtp.WaitForAsync(Emails, TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(Emails, smtp.Accepted.Count);
        Assert.Equal(Emails, smtp.Accepted.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());

        // The scheduled backup: one server makes each, at most once per period, whichever server it is.
        var backups = await BackupsAsync(folders, count: 3, a, b);
        var times = backups
            .Select(f =>
                DateTime.ParseExact(
                    BackupTime().Match(Path.GetFileName(f)).Groups[1].Value,
                    "yyyyMMdd-HHmmss",
                    CultureInfo.InvariantCulture
                )
            )
            .Order()
            .ToList();
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(
                times[i] - times[i - 1] >= TimeSpan.FromHours(BackupEveryHours) - TimeSpan.FromSeconds(1),
                $"two backups in one period: {string.Join(", ", backups.Select(Path.GetFileName))}"
            );
        }

        await using (var db = setup.OpenDb())
        {
            Assert.Equal(1, await db.PersonNames.IgnoreQueryFilters().CountAsync(p => p.Text == "Keo Dara"));
            Assert.Equal(1, await db.PersonNames.IgnoreQueryFilters().CountAsync(p => p.Text == "Chan Sophea"));
            Assert.Equal(0, await db.PersonNames.IgnoreQueryFilters().CountAsync(p => p.Text == "Altered"));
            Assert.Equal(Emails, await db.OutboxMessages.CountAsync(m => m.Status == OutboxMessage.Sent));
            // One Data Protection key, made by the first to start, used by both.
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        }
        Assert.False(a.HasExited || b.HasExited, a.Output + b.Output);
    }

    private sealed record FormPage(string Token, string? Issued);

    private static async Task<FormPage> FormAsync(HttpClient client, Uri page)
    {
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var issued = PublicFormIssued().Match(html);
        return new FormPage(
            AntiforgeryToken().Matches(html).Last().Groups[1].Value,
            issued.Success ? WebUtility.HtmlDecode(issued.Groups[1].Value) : null
        );
    }

    private static FormUrlEncodedContent Form(FormPage page, params (string Name, string Value)[] fields)
    {
        var all = fields.ToDictionary(f => f.Name, f => f.Value);
        all["__RequestVerificationToken"] = page.Token;
        if (page.Issued is not null)
        {
            all[Habeas.Platform.Security.PublicForms.IssuedField] = page.Issued;
        }
        return new FormUrlEncodedContent(all);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient api, Uri uri, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(request);
    }

    private static async Task<List<string>> BackupsAsync(string[] folders, int count, ServerProcess a, ServerProcess b)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var files = folders
                .Select(f => Path.Combine(f, "backups"))
                .Where(Directory.Exists)
                .SelectMany(f => Directory.GetFiles(f, "habeas-*.tar.gz"))
                .ToList();
            if (files.Count >= count)
            {
                return files;
            }
            Assert.True(DateTime.UtcNow < until, $"{files.Count} backups in 120 s.\nA:\n{a.Output}\nB:\n{b.Output}");
            await Task.Delay(500);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"form-issued\" value=\"([^\"]+)\"")]
    private static partial Regex PublicFormIssued();

    [GeneratedRegex(@"^habeas-(\d{8}-\d{6})\.tar\.gz$")]
    private static partial Regex BackupTime();
}
