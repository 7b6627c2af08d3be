using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Platform.Mail;
using Habeas.Platform.Watches;
using Habeas.Records.Events;
using Habeas.Tests.Infrastructure;
using Habeas.Work.Reminders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Habeas.Tests.Work.Reminders;

/// <summary>The reminders (docs/reminders.md): digests in the recipient's language, once; hearing reminders to watchers,
/// once; nothing the recipient may not see; the settings page.</summary>
public sealed class ReminderTests
{
    private const string BaseUrl = "https://habeas.example.org";

    /// <summary>The mail worker is off, so the queued bodies stay to be read (a sent message's body is emptied).</summary>
    private static readonly Dictionary<string, string?> QueueOnly = new()
    {
        ["Habeas:Mail:Worker"] = "false",
        ["Habeas:Mail:BaseUrl"] = BaseUrl,
    };

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheDigest_IsQueuedOnceADay_InTheRecipientsLanguage_WithNothingTheyMayNotSee(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: QueueOnly);
        var admin = app.CreateClient();
        var visible = await CreatedId(await admin.PostAsJsonAsync("/api/v1/cases", new { title = "Appeal of the Adhoc five" }));
        var secret = await CreatedId(
            await admin.PostAsJsonAsync("/api/v1/cases", new { title = "Witness protection case", level = "restricted" })
        );
        var overdue = await PastHearingAsync(app, admin, visible, "internal");
        await PastHearingAsync(app, admin, secret, "restricted");

        var khmer = await app.CreateUserAsync(Roles.Monitor);
        var english = await app.CreateUserAsync(Roles.Monitor);
        var disabled = await app.CreateUserAsync(Roles.Monitor);
        await using (var db = app.OpenDb())
        {
            db.ReminderSettings.Add(
                new ReminderSetting
                {
                    UserId = khmer.Id,
                    Language = "km",
                    Digest = "daily",
                }
            );
            db.ReminderSettings.Add(
                new ReminderSetting
                {
                    UserId = english.Id,
                    Language = "en",
                    Digest = "weekly",
                }
            );
            db.ReminderSettings.Add(
                new ReminderSetting
                {
                    UserId = disabled.Id,
                    Language = "en",
                    Digest = "daily",
                }
            );
            db.Watches.Add(Watch(khmer, "case", visible));
            db.Watches.Add(Watch(english, "case", visible));
            db.Watches.Add(Watch(english, "case", secret)); // a watch from before the case was restricted
            await db.SaveChangesAsync();
        }
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
            Assert.True(await UserAccounts.DisableAsync(users, disabled.Email!));
        }

        var first = await RemindersRun.RunAsync(app.Services, Today, CancellationToken.None);
        var second = await RemindersRun.RunAsync(app.Services, Today, CancellationToken.None);

        Assert.Equal(2, first.Digests);
        Assert.Equal(0, second.Digests);
        await using var check = app.OpenDb();
        var digests = await check.OutboxMessages.Where(m => m.Kind == RemindersRun.DigestKind).ToListAsync();
        Assert.Equal(2, digests.Count);
        Assert.DoesNotContain(digests, m => m.ToAddress == disabled.Email);

        var km = Assert.Single(digests, m => m.ToAddress == khmer.Email);
        Assert.Equal("km", km.Language);
        Assert.Contains("ហួសកាលកំណត់", km.Body, StringComparison.Ordinal); // "Overdue" in Khmer (km.json)
        Assert.DoesNotContain("Overdue", km.Body, StringComparison.Ordinal);
        Assert.StartsWith("Habeas — អ្វីដែលត្រូវយកចិត្តទុកដាក់", km.Subject, StringComparison.Ordinal);
        Assert.Contains("Appeal of the Adhoc five", km.Body, StringComparison.Ordinal);
        Assert.Contains($"{BaseUrl}/events/{overdue}", km.Body, StringComparison.Ordinal);

        var en = Assert.Single(digests, m => m.ToAddress == english.Email);
        Assert.Equal("en", en.Language);
        Assert.Contains("Overdue", en.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ហួសកាលកំណត់", en.Body, StringComparison.Ordinal);
        Assert.StartsWith("Habeas — what needs attention, ", en.Subject, StringComparison.Ordinal);
        Assert.Contains("Appeal of the Adhoc five", en.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Witness protection", en.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Witness protection", km.Body, StringComparison.Ordinal);

        var settings = await check.ReminderSettings.Where(s => s.UserId == khmer.Id || s.UserId == english.Id).ToListAsync();
        Assert.All(settings, s => Assert.Equal(Today, s.LastDigestOn));

        // The next day: the daily one again, the weekly one not.
        var tomorrow = await RemindersRun.RunAsync(app.Services, Today.AddDays(1), CancellationToken.None);
        Assert.Equal(1, tomorrow.Digests);
        Assert.Equal(2, await check.OutboxMessages.CountAsync(m => m.Kind == RemindersRun.DigestKind && m.ToAddress == khmer.Email));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AHearingReminder_GoesOnceToEachWatcher_TheChosenDaysBefore_AndToNobodyElse(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: QueueOnly);
        var admin = app.CreateClient();
        var person = await TestApp.CreatePersonAsync(admin, "Sok Yoeun");
        var appeal = await CreatedId(await admin.PostAsJsonAsync("/api/v1/cases", new { title = "Extradition appeal" }));
        var secret = await CreatedId(await admin.PostAsJsonAsync("/api/v1/cases", new { title = "Sealed case", level = "restricted" }));
        var hearing = await HearingAsync(admin, appeal, Today.AddDays(3), "internal", person);
        await HearingAsync(admin, secret, Today.AddDays(3), "restricted");

        var caseWatcher = await app.CreateUserAsync(Roles.Monitor);
        var personWatcher = await app.CreateUserAsync(Roles.Monitor);
        var other = await app.CreateUserAsync(Roles.Monitor);
        var tooEarly = await app.CreateUserAsync(Roles.Monitor);
        await using (var db = app.OpenDb())
        {
            db.ReminderSettings.Add(new ReminderSetting { UserId = caseWatcher.Id, HearingDays = 3 });
            db.ReminderSettings.Add(
                new ReminderSetting
                {
                    UserId = personWatcher.Id,
                    HearingDays = 3,
                    Language = "km",
                }
            );
            db.ReminderSettings.Add(new ReminderSetting { UserId = other.Id, HearingDays = 3 });
            db.ReminderSettings.Add(new ReminderSetting { UserId = tooEarly.Id, HearingDays = 2 });
            db.Watches.Add(Watch(caseWatcher, "case", appeal));
            db.Watches.Add(Watch(caseWatcher, "case", secret)); // may not see it: no reminder
            db.Watches.Add(Watch(personWatcher, "person", person));
            db.Watches.Add(Watch(other, "case", secret));
            db.Watches.Add(Watch(tooEarly, "case", appeal));
            await db.SaveChangesAsync();
        }

        var first = await RemindersRun.RunAsync(app.Services, Today, CancellationToken.None);
        var again = await RemindersRun.RunAsync(app.Services, Today, CancellationToken.None);

        Assert.Equal(2, first.Hearings);
        Assert.Equal(0, again.Hearings);
        Assert.Equal(0, first.Digests); // nobody asked for one
        await using var check = app.OpenDb();
        var reminders = await check.OutboxMessages.Where(m => m.Kind == RemindersRun.HearingKind).ToListAsync();
        Assert.Equal(2, reminders.Count);
        var toCase = Assert.Single(reminders, m => m.ToAddress == caseWatcher.Email);
        Assert.Contains("Extradition appeal", toCase.Subject, StringComparison.Ordinal);
        Assert.Contains("Hearing", toCase.Body, StringComparison.Ordinal);
        Assert.Contains($"{BaseUrl}/cases/{appeal}", toCase.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sealed", toCase.Body + toCase.Subject, StringComparison.Ordinal);
        Assert.Equal(RemindersRun.MessageId("hearing", caseWatcher.Id, hearing, Today.AddDays(3)), toCase.MessageId);
        var toPerson = Assert.Single(reminders, m => m.ToAddress == personWatcher.Email);
        Assert.Contains("សវនាការ", toPerson.Body, StringComparison.Ordinal); // "Hearing" in Khmer
        Assert.Contains("Sok Yoeun", toPerson.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(reminders, m => m.ToAddress == other.Email || m.ToAddress == tooEarly.Email);

        // A day later the too-early watcher's day has come.
        var next = await RemindersRun.RunAsync(app.Services, Today.AddDays(1), CancellationToken.None);
        Assert.Equal(1, next.Hearings);
        Assert.Single(await check.OutboxMessages.Where(m => m.ToAddress == tooEarly.Email).ToListAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheHourlyPass_IsClaimedByOneServer_AndIsDueAgainAfterItsInterval(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: QueueOnly);
        var admin = app.CreateClient();
        var appeal = await CreatedId(await admin.PostAsJsonAsync("/api/v1/cases", new { title = "Appeal of the Adhoc five" }));
        await PastHearingAsync(app, admin, appeal, "internal");
        var user = await app.CreateUserAsync(Roles.Monitor);
        await using (var db = app.OpenDb())
        {
            db.ReminderSettings.Add(new ReminderSetting { UserId = user.Id, Digest = "daily" });
            await db.SaveChangesAsync();
        }
        var hourly = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ReminderJob.IntervalKey] = "60" })
            .Build();
        var before = DateTimeOffset.UtcNow;

        // Two servers: the first claims the pass; for the second it is not due.
        var first = await new ReminderJob(app.Services, hourly, TimeProvider.System, NullLogger<ReminderJob>.Instance).RunIfDueAsync(
            CancellationToken.None
        );
        var second = await new ReminderJob(app.Services, hourly, TimeProvider.System, NullLogger<ReminderJob>.Instance).RunIfDueAsync(
            CancellationToken.None
        );

        Assert.Equal(1, first?.Digests);
        Assert.Null(second);
        await using var check = app.OpenDb();
        Assert.Equal(1, await check.OutboxMessages.CountAsync(m => m.Kind == RemindersRun.DigestKind));
        var job = await check.ScheduledJobs.SingleAsync(j => j.Name == ReminderJob.Job);
        Assert.StartsWith("ok: 1 digests", job.LastResult, StringComparison.Ordinal);
        Assert.True(job.DueAt >= before.AddMinutes(59), job.DueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(job.LeaseOwner);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheSettingsPage_SavesTheChoice_AndRefusesABadNumber_InTheReadersLanguage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Viewer);
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");
        await app.SignInAsync(client, user);
        Assert.Contains("/account/reminders", await client.GetStringAsync("/account/tokens"), StringComparison.Ordinal);

        var bad = await Habeas.Tests.Admin.Forms.PostAsync(
            client,
            "/account/reminders",
            "Save",
            new()
            {
                ["Digest"] = "weekly",
                ["Language"] = "km",
                ["HearingDays"] = "forty",
            }
        );
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("ចំនួនថ្ងៃមុនសវនាការត្រូវតែជាចំនួនគត់", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooMany = await Habeas.Tests.Admin.Forms.PostAsync(
            client,
            "/account/reminders",
            "Save",
            new()
            {
                ["Digest"] = "hourly",
                ["Language"] = "km",
                ["HearingDays"] = "31",
            }
        );
        var refused = await tooMany.Content.ReadAsStringAsync();
        Assert.Contains("ចំនួនថ្ងៃមុនសវនាការត្រូវតែជាចំនួនគត់", refused, StringComparison.Ordinal);
        Assert.Contains("សូមជ្រើសរើសសេចក្តីសង្ខេប", refused, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.ReminderSettings.AnyAsync(s => s.UserId == user.Id));
        }

        var good = await Habeas.Tests.Admin.Forms.PostAsync(
            client,
            "/account/reminders",
            "Save",
            new()
            {
                ["Digest"] = "weekly",
                ["Language"] = "km",
                ["HearingDays"] = "5",
            }
        );
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("បានរក្សាទុក", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            var stored = await db.ReminderSettings.SingleAsync(s => s.UserId == user.Id);
            Assert.Equal(("weekly", "km", 5), (stored.Digest, stored.Language, stored.HearingDays));
        }
        var page = await client.GetStringAsync("/account/reminders");
        Assert.Matches("value=\"weekly\"[^>]*checked", page);
        Assert.Contains("value=\"5\"", page, StringComparison.Ordinal);
    }

    private static Watch Watch(HabeasUser user, string type, Guid id) =>
        new()
        {
            UserId = user.Id,
            RecordType = type,
            RecordId = id,
            CreatedAt = DateTimeOffset.UtcNow,
        };

    /// <summary>A hearing three days ago still marked scheduled: its outcome was never recorded (overdue).</summary>
    private static async Task<Guid> PastHearingAsync(TestApp app, HttpClient admin, Guid caseId, string level)
    {
        var id = await HearingAsync(admin, caseId, Today.AddDays(-3), level);
        await using var db = app.OpenDb();
        await db.Events.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.State, EventStates.Scheduled));
        return id;
    }

    private static async Task<Guid> HearingAsync(HttpClient admin, Guid caseId, DateOnly day, string level, Guid? person = null) =>
        await CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "hearing",
                    date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    caseId,
                    level,
                    personIds = person is { } p ? new[] { p } : Array.Empty<Guid>(),
                }
            )
        );

    private static async Task<Guid> CreatedId(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }
}
