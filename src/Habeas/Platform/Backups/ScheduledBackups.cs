using Habeas.Platform.Jobs;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Backups;

/// <summary>
/// serve makes a backup every <see cref="EveryHoursKey"/> hours (default 24; 0 turns it off) into
/// <see cref="FolderKey"/> (default DATA/backups), keeping the newest <see cref="KeepKey"/> (default 7). The key ring
/// goes in sealed with the passphrase of <see cref="PassphraseFileKey"/> (or HABEAS_BACKUP_PASSPHRASE); without one,
/// the backups leave the keys out and every run logs a warning. With several servers on one PostgreSQL, one of them
/// makes each backup (Jobs/ScheduledJobs). The first backup of a new installation is made an hour after its first start.
/// </summary>
public sealed class ScheduledBackups(
    IServiceScopeFactory scopes,
    StorageOptions storage,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ScheduledBackups> logger
) : BackgroundService
{
    public const string Job = "backup";
    public const string EveryHoursKey = "Habeas:Backup:EveryHours";
    public const string KeepKey = "Habeas:Backup:Keep";
    public const string FolderKey = "Habeas:Backup:Folder";
    public const string PassphraseFileKey = "Habeas:Backup:PassphraseFile";

    /// <summary>How often a server looks whether the backup is due (default 60 seconds; tests make it short).</summary>
    public const string CheckSecondsKey = "Habeas:Backup:CheckSeconds";

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private TimeSpan Interval => TimeSpan.FromHours(configuration.GetValue(EveryHoursKey, 24.0));

    public string Folder => configuration[FolderKey] is { Length: > 0 } folder ? folder : Path.Combine(storage.DataDirectory, "backups");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }
        await Task.Yield();
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
#pragma warning disable CA1031 // A database that does not answer for a while: the next minute tries again.
            catch (Exception e)
            {
                logger.LogWarning("Scheduled backup: could not check or run it ({Error}); trying again in a minute.", e.GetType().Name);
            }
#pragma warning restore CA1031
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue(CheckSecondsKey, 60.0))), time, stoppingToken)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Makes the backup when it is due and this server wins it; returns its path, or null.</summary>
    public async Task<string?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Access.Viewer.System;
        var now = time.GetUtcNow();
        var interval = Interval;
        var firstDue = now + (interval < TimeSpan.FromHours(1) ? interval : TimeSpan.FromHours(1));
        if (!await ScheduledJobs.TryClaimAsync(db, Job, _owner, now, firstDue, TimeSpan.FromHours(2), cancellationToken))
        {
            return null;
        }
        string result;
        string? path = null;
        try
        {
            var passphrase = configuration[PassphraseFileKey] is { Length: > 0 } file
                ? BackupVerbs.Passphrase(file)
                : BackupVerbs.Passphrase(null);
            if (passphrase is null)
            {
                logger.LogWarning(
                    "Scheduled backup without the key ring: set {Key} (or HABEAS_BACKUP_PASSPHRASE) to include it sealed, and keep DATA/keys safe apart.",
                    PassphraseFileKey
                );
            }
            Directory.CreateDirectory(Folder);
            path = Path.Combine(Folder, $"habeas-{now:yyyyMMdd-HHmmss}.tar.gz");
            var manifest = await BackupArchive.CreateAsync(
                storage,
                Migrator.Scripts(Migrator.ProviderFolder(db)).Select(s => s.Id).ToList(),
                path,
                passphrase,
                time,
                cancellationToken
            );
            Prune();
            result =
                $"ok: {Path.GetFileName(path)}, {manifest.DatabaseBytes / 1024} KB database, {manifest.Files} files, keys {manifest.Keys}";
            logger.LogInformation("Scheduled backup written: {Result}", result);
        }
#pragma warning disable CA1031 // Recorded on the job and logged; the next run tries again.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = "failed: " + e.Message;
            path = null;
            logger.LogError("Scheduled backup failed: {Message}", e.Message);
        }
#pragma warning restore CA1031
        await ScheduledJobs.FinishAsync(db, Job, _owner, time.GetUtcNow(), now + interval, result, CancellationToken.None);
        return path;
    }

    /// <summary>Keeps the newest backups (their names sort by time) and deletes the rest.</summary>
    private void Prune()
    {
        var keep = Math.Max(1, configuration.GetValue(KeepKey, 7));
        foreach (var old in Directory.GetFiles(Folder, "habeas-*.tar.gz").Order(StringComparer.Ordinal).SkipLast(keep))
        {
            File.Delete(old);
        }
    }
}
