using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Mail;

/// <summary>
/// Sends the outbox: claims a batch atomically (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one UPDATE, which holds
/// the database's write lock), then for each message renews its claim, sends it, and marks it sent in a commit of its
/// own at once. A failed message waits longer after each failure and is marked failed after the maximum. A message
/// whose worker died stays claimed until its lease ends, then any worker takes it. Polls every few seconds and is
/// woken at once when this process commits a new message.
/// </summary>
public sealed class MailWorker(
    IServiceScopeFactory scopes,
    MailOptions options,
    IMailTransport transport,
    TimeProvider time,
    ILogger<MailWorker> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (options.Worker && !stoppingToken.IsCancellationRequested)
        {
            var added = Outbox.NextAddition;
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker outlives a database that does not answer for a while; it tries again at the next poll.
            catch (Exception e)
            {
                logger.LogWarning("The mail worker could not read the outbox ({Error}); it tries again shortly.", e.GetType().Name);
            }
#pragma warning restore CA1031
            try
            {
                await Task.WhenAny(added, Task.Delay(options.PollInterval, time, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims one batch and sends it; returns how many messages it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        var claim = Guid.NewGuid();
        var claimed = await ClaimAsync(db, claim, cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }
        var messages = await db.Set<OutboxMessage>()
            .AsNoTracking()
            .Where(m => m.ClaimedBy == claim)
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        foreach (var message in messages)
        {
            await SendOneAsync(db, message, claim, cancellationToken);
        }
        return claimed;
    }

    private async Task<int> ClaimAsync(HabeasDb db, Guid claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Lease;
        if (db.Database.IsNpgsql())
        {
            // Rows another worker is claiming right now are skipped, not waited for and then claimed again.
            return await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                UPDATE outbox SET claimed_by = {claim}, claimed_until = {until}
                WHERE id IN (SELECT id FROM outbox
                             WHERE status = {OutboxMessage.Pending} AND next_attempt_at <= {now} AND (claimed_until IS NULL OR claimed_until < {now})
                             ORDER BY created_at, id LIMIT {options.BatchSize} FOR UPDATE SKIP LOCKED)
                """,
                cancellationToken
            );
        }
        // SQLite: one UPDATE … WHERE id IN (SELECT … LIMIT n) runs under the database's single write lock.
        return await db.Set<OutboxMessage>()
            .Where(m => m.Status == OutboxMessage.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.Id)
            .Take(options.BatchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
    }

    private async Task SendOneAsync(HabeasDb db, OutboxMessage message, Guid claim, CancellationToken cancellationToken)
    {
        var mine = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.ClaimedBy == claim && m.Status == OutboxMessage.Pending);
        // A fresh lease for this one message: the send below ends (SendTimeout) before it does.
        var renewedUntil = time.GetUtcNow() + options.Lease;
        if (await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, renewedUntil), cancellationToken) == 0)
        {
            return; // deleted (the supporter left) or taken over: not ours to send
        }
        try
        {
            await transport.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var attempts = message.Attempts + 1;
            var failed = attempts >= options.MaxAttempts;
            var next = time.GetUtcNow() + options.Backoff(attempts);
            var error = Describe(e);
            await mine.ExecuteUpdateAsync(
                s =>
                    s.SetProperty(m => m.Attempts, attempts)
                        .SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.Status, failed ? OutboxMessage.Failed : OutboxMessage.Pending)
                        .SetProperty(m => m.ClaimedBy, (Guid?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                CancellationToken.None
            );
            // The id only: addresses and bodies are personal data and stay out of logs.
            logger.LogWarning(
                "Mail {MessageId} not sent (attempt {Attempt}{Final}): {Error}",
                message.MessageId,
                attempts,
                failed ? ", giving up" : "",
                e.GetType().Name
            );
            return;
        }
        var sentAt = time.GetUtcNow();
        // Its own commit at once: the window in which a crash resends a delivered message is this one statement.
        await mine.ExecuteUpdateAsync(
            s =>
                s.SetProperty(m => m.Status, OutboxMessage.Sent)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.Attempts, message.Attempts + 1)
                    .SetProperty(m => m.Body, "")
                    .SetProperty(m => m.ClaimedBy, (Guid?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
            CancellationToken.None
        );
    }

    private static string Describe(Exception e)
    {
        var text = e is System.Net.Mail.SmtpException smtp
            ? $"SMTP {(int)smtp.StatusCode}: {smtp.Message}"
            : $"{e.GetType().Name}: {e.Message}";
        return text.Length > 500 ? text[..500] : text;
    }
}

public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
            MailOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<StorageOptions>())
        );
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<MailOptions>();
            return options.Transport == MailOptions.Smtp ? new SmtpTransport(options) : new FileDropTransport(options);
        });
        services.AddSingleton<MailWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<MailWorker>());
        return services;
    }
}
