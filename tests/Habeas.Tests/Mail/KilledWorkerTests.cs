using Habeas.Platform.Mail;
using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Mail;

/// <summary>
/// The real server as a separate process, killed (kill -9) while the SMTP server holds its answer to a message in the
/// middle of a batch, then started again: every message arrives exactly once and none is lost.
/// </summary>
[Trait(Infrastructure.TestKinds.Trait, Infrastructure.TestKinds.System)]
public sealed class KilledWorkerTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheServerKilledMidBatch_AfterARestart_DeliversEveryMessageExactlyOnce(string provider)
    {
        const int count = 40;
        await using var smtp = new SmtpListener();
        smtp.HoldMessage(count / 2);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = Storage.SchemaTests.Open(database))
        {
            await Migrator.MigrateAsync(db);
            for (var i = 0; i < count; i++)
            {
                Outbox.Add(db, $"reader{i}@example.org", $"Message {i}", $"Text {i}", "en", "test");
            }
            await db.SaveChangesAsync();
        }

        await using (var first = Start(database, smtp.Port))
        {
            await smtp.Held.WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(count / 2 - 1, smtp.Accepted.Count);
        }
        // The held message never got its 250: the crash came before the server accepted it.
        smtp.Release(accept: false);

        await using (var second = Start(database, smtp.Port))
        {
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (await PendingAsync(database) > 0)
            {
                Assert.True(
                    DateTime.UtcNow < until,
                    $"{await PendingAsync(database)} messages still waiting; {smtp.Accepted.Count} accepted"
                );
                Assert.False(second.HasExited, "the restarted server stopped");
                await Task.Delay(200);
            }
        }

        Assert.Equal(count, smtp.Accepted.Count);
        await using var check = Storage.SchemaTests.Open(database);
        var ids = await check.OutboxMessages.Select(m => m.MessageId).ToListAsync();
        Assert.Equal(ids.Order(StringComparer.Ordinal), smtp.Accepted.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(count, await check.OutboxMessages.CountAsync(m => m.Status == OutboxMessage.Sent));
    }

    private static async Task<int> PendingAsync(TestDatabase database)
    {
        await using var db = Storage.SchemaTests.Open(database);
        return await db.OutboxMessages.CountAsync(m => m.Status != OutboxMessage.Sent);
    }

    /// <summary>The server on the test's database, mail over SMTP to the listener, short leases.</summary>
    private static ServerProcess Start(TestDatabase database, int port)
    {
        var settings = new Dictionary<string, string>
        {
            ["Transport"] = "smtp",
            ["Host"] = "127.0.0.1",
            ["Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["StartTls"] = "false",
            ["PollSeconds"] = "0.2",
            ["RetrySeconds"] = "0.2",
            ["BatchSize"] = "25",
            ["TimeoutSeconds"] = "3",
            ["LeaseSeconds"] = "4",
        };
        return ServerProcess.Start(database, settings.ToDictionary(s => $"Habeas__Mail__{s.Key}", s => s.Value));
    }
}
