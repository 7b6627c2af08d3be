using System.Net;
using Habeas.Platform.Mail;
using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Supporters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Mail;

public sealed class MailDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ASignUp_IsDeliveredOverSmtp_WithItsStableMessageId_AndMarkedSent(string provider)
    {
        await using var smtp = new SmtpListener();
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Smtp(smtp.Port));
        Assert.Equal(
            HttpStatusCode.OK,
            (await SupporterSteps.JoinAsync(app.CreateAnonymousClient(), "Malee Srisuk", "malee@example.org", "TH", "th")).StatusCode
        );

        await smtp.WaitForAsync(1, Patience);
        var received = Assert.Single(smtp.Accepted);
        Assert.Equal(["malee@example.org"], received.To);
        var message = await WaitForStatusAsync(app, m => m.ToAddress == "malee@example.org", OutboxMessage.Sent);
        Assert.Equal(message.MessageId, received.MessageId);
        Assert.Equal(1, message.Attempts);
        Assert.Equal("", message.Body); // the secret link is not kept once sent
        Assert.NotNull(message.SentAt);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task A451_IsRetried_AndTheMessageArrivesExactlyOnce(string provider)
    {
        await using var smtp = new SmtpListener();
        smtp.FailNext(1);
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Smtp(smtp.Port));
        await SupporterSteps.JoinAsync(app.CreateAnonymousClient(), "Ari Virtanen", "ari@example.org");

        var message = await WaitForStatusAsync(app, m => m.ToAddress == "ari@example.org", OutboxMessage.Sent);
        await Task.Delay(500); // time for a wrongful second delivery to arrive
        Assert.Equal(2, smtp.DataCount);
        Assert.Equal(message.MessageId, Assert.Single(smtp.Accepted).MessageId);
        Assert.Equal(2, message.Attempts);
        Assert.Contains("451", message.LastError, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AMessageRefusedEveryTime_IsMarkedFailedAfterTheMaximum_AndAnAdministratorCanRetryIt(string provider)
    {
        await using var smtp = new SmtpListener();
        smtp.FailNext(3);
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Smtp(smtp.Port, maxAttempts: 3));
        await SupporterSteps.JoinAsync(app.CreateAnonymousClient(), "Ari Virtanen", "ari@example.org");

        var failed = await WaitForStatusAsync(app, m => m.ToAddress == "ari@example.org", OutboxMessage.Failed);
        Assert.Equal(3, failed.Attempts);
        Assert.Empty(smtp.Accepted);

        var admin = await app.CreateUserAsync(Habeas.Platform.Accounts.Roles.Administrator);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        await app.SignInAsync(client, admin);
        var page = await client.GetStringAsync("/admin/mail?status=failed");
        Assert.Contains("451", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/supporters/confirm/", page, StringComparison.Ordinal); // bodies are not shown
        var retried = await Habeas.Tests.Admin.Forms.PostAsync(client, "/admin/mail", "Retry", new() { ["id"] = failed.Id.ToString() });
        Assert.True(retried.IsSuccessStatusCode, retried.StatusCode.ToString());

        await smtp.WaitForAsync(1, Patience);
        var sent = await WaitForStatusAsync(app, m => m.Id == failed.Id, OutboxMessage.Sent);
        Assert.Equal(failed.MessageId, Assert.Single(smtp.Accepted).MessageId);
        Assert.Equal(1, sent.Attempts);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ByDefault_EachMessageIsOneEmlFileInTheDropFolder_AndARetryReplacesIt(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { ["Habeas:Mail:PollSeconds"] = "0.2" }
        );
        var anonymous = app.CreateAnonymousClient();
        await SupporterSteps.JoinAsync(anonymous, "Sophea Chan", "sophea@example.org", "KH", "km");
        await SupporterSteps.JoinAsync(anonymous, "Ari Virtanen", "ari@example.org");

        var first = await WaitForStatusAsync(app, m => m.ToAddress == "sophea@example.org", OutboxMessage.Sent);
        await WaitForStatusAsync(app, m => m.ToAddress == "ari@example.org", OutboxMessage.Sent);
        var folder = Path.Combine(app.Database.DataDirectory, "mail");
        var files = Directory.GetFiles(folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
        var text = await File.ReadAllTextAsync(Path.Combine(folder, $"{first.Id:N}.eml"));
        Assert.Contains($"Message-ID: {first.MessageId}", text, StringComparison.Ordinal);
        Assert.Contains("To: sophea@example.org", text, StringComparison.Ordinal);

        var transport = app.Services.GetRequiredService<IMailTransport>();
        await transport.SendAsync(first, CancellationToken.None);
        await transport.SendAsync(first, CancellationToken.None);
        Assert.Equal(2, Directory.GetFiles(folder).Length);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TwoWorkersOnOneDatabase_NeverSendAMessageTwice(string provider)
    {
        await using var smtp = new SmtpListener();
        await using var database = await TestDatabase.CreateAsync(provider);
        const int count = 60;
        await using (var db = Habeas.Tests.Storage.SchemaTests.Open(database))
        {
            await Migrator.MigrateAsync(db);
            for (var i = 0; i < count; i++)
            {
                Outbox.Add(db, $"reader{i}@example.org", $"Message {i}", $"Text {i}", "en", "test");
            }
            await db.SaveChangesAsync();
        }
        var settings = SupporterSteps.Smtp(smtp.Port);
        settings["Habeas:Mail:BatchSize"] = "3";
        await using var first = Worker(database, settings);
        await using var second = Worker(database, settings);
        var workers = new[] { first, second }
            .SelectMany(p => Enumerable.Range(0, 3).Select(_ => p.GetRequiredService<MailWorker>()))
            .ToList();

        await Task.WhenAll(
            workers.Select(async w =>
            {
                while (await w.RunOnceAsync(CancellationToken.None) > 0) { }
            })
        );

        Assert.Equal(count, smtp.Accepted.Count);
        Assert.Equal(count, smtp.Accepted.Select(m => m.MessageId).Distinct().Count());
        await using var check = Habeas.Tests.Storage.SchemaTests.Open(database);
        Assert.Equal(count, await check.OutboxMessages.CountAsync(m => m.Status == OutboxMessage.Sent && m.Attempts == 1));
    }

    /// <summary>A second, separate program's services on the same database: its own pool, its own worker.</summary>
    private static ServiceProvider Worker(TestDatabase database, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(database.Storage);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<HabeasDb>((sp, o) => sp.GetRequiredService<StorageOptions>().Configure(o));
        services.AddMail();
        services.AddTransient<MailWorker>();
        return services.BuildServiceProvider();
    }

    internal static async Task<OutboxMessage> WaitForStatusAsync(
        TestApp app,
        System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> which,
        string status
    )
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            await using (var db = app.OpenDb())
            {
                var message = await db.OutboxMessages.AsNoTracking().Where(which).FirstOrDefaultAsync();
                if (message?.Status == status)
                {
                    return message;
                }
                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException(
                        $"The message is {message?.Status ?? "missing"} (attempts {message?.Attempts}, {message?.LastError}), not {status}."
                    );
                }
            }
            await Task.Delay(100);
        }
    }
}
