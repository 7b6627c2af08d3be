using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Habeas.Core.Audit;
using Habeas.Platform.Jobs;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Audit;

/// <summary>Habeas:Audit settings (docs/audit.md): when signed tree heads are made, and where they are sent outside the data
/// folder.</summary>
public sealed record AuditHeadOptions
{
    public const string Section = "Habeas:Audit";

    /// <summary>A head once the log has grown by this many entries since the last one (0: only by time).</summary>
    public long EveryEntries { get; init; } = 1000;

    /// <summary>A head when this long has passed since the last one and the log has grown (0: only by entries).</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>How often a server looks whether a head is due.</summary>
    public TimeSpan Check { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A file every head is appended to as one JSON line; put it outside the data folder (another disk, a mounted
    /// share).</summary>
    public string? File { get; init; }

    /// <summary>Also send each head as one line to the local syslog (/dev/log), which a log shipper can carry off the machine.</summary>
    public bool Syslog { get; init; }

    /// <summary>An address that receives each head by email, through the outbox.</summary>
    public string? Witness { get; init; }

    public bool Enabled => EveryEntries > 0 || Every > TimeSpan.Zero;

    public static AuditHeadOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = configuration.GetSection(Section);
        return new AuditHeadOptions
        {
            EveryEntries = long.TryParse(s["HeadEveryEntries"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? Math.Max(0, n)
                : 1000,
            Every = TimeSpan.FromMinutes(
                double.TryParse(s["HeadEveryMinutes"], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? Math.Max(0, m) : 60
            ),
            Check = TimeSpan.FromSeconds(
                double.TryParse(s["HeadCheckSeconds"], NumberStyles.Float, CultureInfo.InvariantCulture, out var c) ? Math.Max(0.1, c) : 60
            ),
            File = s["HeadFile"] is { Length: > 0 } file ? file : null,
            Syslog = string.Equals(s["HeadSyslog"], "true", StringComparison.OrdinalIgnoreCase),
            Witness = s["HeadWitness"] is { Length: > 0 } witness ? witness.Trim() : null,
        };
    }
}

/// <summary>
/// Signs tree heads of the audit log as it grows, with the key from the key folder (never in the database), stores
/// them in audit_heads and sends each one out: a JSON line appended to <see cref="AuditHeadOptions.File"/>, a syslog
/// line, an email to <see cref="AuditHeadOptions.Witness"/>. With several servers on one database, one of them does it
/// (Jobs/ScheduledJobs). A log that does not verify is never signed: the job fails and says so.
/// </summary>
public sealed class AuditHeads(
    IServiceScopeFactory scopes,
    StorageOptions storage,
    AuditHeadOptions options,
    TimeProvider time,
    ILogger<AuditHeads> logger
) : BackgroundService
{
    public const string Job = "audit-head";

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        // The first look is one check interval after start, not at start: a server that starts does its own work first.
        await Task.Delay(options.Check, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database that does not answer for a while: the next check tries again.
            catch (Exception e)
            {
                logger.LogWarning("Audit heads: could not check or sign ({Error}); trying again later.", e.GetType().Name);
            }
#pragma warning restore CA1031
            await Task.Delay(options.Check, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Signs and sends a head when one is due and this server wins the job; returns it, or null.</summary>
    public async Task<SignedTreeHead?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Access.Viewer.System;
        var now = time.GetUtcNow();
        if (!await ScheduledJobs.TryClaimAsync(db, Job, _owner, now, now, TimeSpan.FromMinutes(30), cancellationToken))
        {
            return null;
        }
        string result;
        SignedTreeHead? signed = null;
        try
        {
            var last = await db
                .AuditHeads.AsNoTracking()
                .OrderByDescending(h => h.TreeSize)
                .Select(h => new { h.TreeSize, h.SignedAt })
                .FirstOrDefaultAsync(cancellationToken);
            var size = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
            var lastSize = last?.TreeSize ?? 0;
            var due =
                size > lastSize
                && (
                    (options.EveryEntries > 0 && size - lastSize >= options.EveryEntries)
                    || (options.Every > TimeSpan.Zero && (last is null || now - last.SignedAt >= options.Every))
                );
            if (due)
            {
                signed = await StoreAndSendAsync(db, storage, options, now, logger, cancellationToken);
                result = $"ok: head at {signed.Head.TreeSize} entries";
            }
            else
            {
                result = "not due";
            }
        }
#pragma warning disable CA1031 // Recorded on the job and logged; the next check tries again.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = "failed: " + e.Message;
            logger.LogError("Audit heads: {Message}", e.Message);
        }
#pragma warning restore CA1031
        await ScheduledJobs.FinishAsync(db, Job, _owner, time.GetUtcNow(), now + options.Check, result, CancellationToken.None);
        return signed;
    }

    /// <summary>
    /// Verifies the whole log (stored heads included), signs its present state, stores the head, queues the witness
    /// email in the same transaction, then appends the head to the file and syslog. Throws, signing nothing, when the
    /// log does not verify.
    /// </summary>
    public static async Task<SignedTreeHead> StoreAndSendAsync(
        HabeasDb db,
        StorageOptions storage,
        AuditHeadOptions options,
        DateTimeOffset now,
        ILogger logger,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        using var key = AuditKey.LoadOrCreate(storage);
        var signer = new TreeHeadSigner(key);
        var check = await AuditLog.CheckAsync(db, signer, cancellationToken);
        if (check.Failure is { } failure)
        {
            throw new InvalidOperationException(
                $"the audit log does not verify (entry {failure.Sequence}: {failure.Reason}); no head was signed."
            );
        }
        var signed = signer.Sign(new TreeHead(check.Size, check.Root, now));
        var json = signed.ToJson();
        // An empty log has nothing to commit to; a head is stored once, at the size it covers.
        if (check.Size > 0 && !await db.AuditHeads.AnyAsync(h => h.TreeSize == check.Size, cancellationToken))
        {
            db.AuditHeads.Add(
                new AuditHead
                {
                    TreeSize = check.Size,
                    SignedAt = now,
                    Head = json,
                }
            );
        }
        if (options.Witness is { } witness)
        {
            var texts = new Localization.Texts();
            var subject = string.Format(CultureInfo.InvariantCulture, texts.Get("en", "audit.head.subject"), check.Size);
            var body = string.Join(
                "\n\n",
                Localization.Texts.Languages.Select(l =>
                    string.Format(CultureInfo.InvariantCulture, texts.Get(l, "audit.head.body"), check.Size)
                )
            );
            Mail.Outbox.Add(db, witness, subject, $"{body}\n\n{json}\n", "en", "audit-head");
        }
        await db.SaveChangesAsync(cancellationToken);
        SendOutside(options, json, logger);
        return signed;
    }

    /// <summary>The head as one line to the file and to syslog; a failure is logged, never thrown (the head is stored).</summary>
    private static void SendOutside(AuditHeadOptions options, string json, ILogger logger)
    {
        if (options.File is { } file)
        {
            try
            {
                if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                {
                    Directory.CreateDirectory(folder);
                }
                System.IO.File.AppendAllText(file, json + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("Audit heads: could not append to {File}: {Message}", file, e.Message);
            }
        }
        if (options.Syslog)
        {
            try
            {
                // RFC 3164 over the local socket: facility local0 (16), severity notice (5).
                using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                socket.Connect(new UnixDomainSocketEndPoint("/dev/log"));
                socket.Send(Encoding.UTF8.GetBytes($"<{(16 * 8) + 5}>habeas-audit: head {json}"));
            }
            catch (SocketException e)
            {
                logger.LogError("Audit heads: could not write to syslog: {Message}", e.Message);
            }
        }
    }
}
