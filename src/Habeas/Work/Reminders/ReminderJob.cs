using Habeas.Platform.Access;
using Habeas.Platform.Jobs;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;

namespace Habeas.Work.Reminders;

/// <summary>
/// serve sends the reminders every <see cref="IntervalKey"/> minutes (default 60; 0 turns them off): one server of
/// those sharing a database claims each pass (Jobs/ScheduledJobs) and runs <see cref="RemindersRun.RunAsync"/> for today
/// (UTC). A pass that finds nothing due sends nothing; the Message-IDs make a pass repeated by mistake harmless.
/// </summary>
public sealed class ReminderJob(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<ReminderJob> logger)
    : BackgroundService
{
    public const string Job = "reminders";
    public const string IntervalKey = "Habeas:Reminders:IntervalMinutes";

    /// <summary>How often a server looks whether the pass is due (default 60 seconds).</summary>
    public const string CheckSecondsKey = "Habeas:Reminders:CheckSeconds";

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private TimeSpan Interval => TimeSpan.FromMinutes(configuration.GetValue(IntervalKey, 60.0));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue(CheckSecondsKey, 60.0))), time, stoppingToken)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
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
                logger.LogWarning("Reminders: could not check or run them ({Error}); trying again later.", e.GetType().Name);
            }
#pragma warning restore CA1031
        }
    }

    /// <summary>Runs a pass when it is due and this server wins it; returns what it did, or null.</summary>
    public async Task<RemindersRun.Result?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Viewer.System;
        var now = time.GetUtcNow();
        if (!await ScheduledJobs.TryClaimAsync(db, Job, _owner, now, now, TimeSpan.FromHours(1), cancellationToken))
        {
            return null;
        }
        string result;
        RemindersRun.Result? done = null;
        try
        {
            done = await RemindersRun.RunAsync(services, time.Today(), cancellationToken);
            result = $"ok: {done.Digests} digests, {done.Hearings} hearing reminders";
            if (done.Digests + done.Hearings > 0)
            {
                logger.LogInformation("Reminders queued: {Result}", result);
            }
        }
#pragma warning disable CA1031 // Recorded on the job and logged; the next pass tries again.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = "failed: " + e.GetType().Name;
            logger.LogError("Reminders failed: {Error}", e.GetType().Name);
        }
#pragma warning restore CA1031
        await ScheduledJobs.FinishAsync(db, Job, _owner, time.GetUtcNow(), now + Interval, result, CancellationToken.None);
        return done;
    }
}
