using Habeas.Platform.Storage;

namespace Habeas.Records.Duplicates;

/// <summary>
/// Keeps the likely duplicate pairs (<see cref="DuplicateFinder"/>) current on this server: every few seconds, or at
/// once when nudged, it works for at most the time budget, then rests as long again before going on, so a large change
/// (an import, a first start on a big database) never holds a core for long. Habeas:Duplicates:BudgetSeconds (2) and
/// Habeas:Duplicates:IntervalSeconds (5) tune it.
/// </summary>
public sealed class DuplicatePairsJob(
    IServiceScopeFactory scopes,
    DuplicateFinder finder,
    IConfiguration configuration,
    ILogger<DuplicatePairsJob> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var budget = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue("Habeas:Duplicates:BudgetSeconds", 2.0)));
        var interval = TimeSpan.FromSeconds(Math.Max(0.5, configuration.GetValue("Habeas:Duplicates:IntervalSeconds", 5.0)));
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var done = true;
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
                db.Viewer = Habeas.Platform.Access.Viewer.System;
                done = await finder.RefreshAsync(db, budget, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round is tried again at the next one; it must not stop the server.
            catch (Exception e)
            {
                logger.LogWarning(e, "Working out likely duplicates failed; trying again later.");
            }
#pragma warning restore CA1031
            try
            {
                await finder.WaitForNudgeAsync(done ? interval : budget, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
