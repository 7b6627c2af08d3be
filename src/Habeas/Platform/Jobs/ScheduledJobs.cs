using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Jobs;

/// <summary>One recurring job (a scheduled backup): when it is next due and who holds it now.</summary>
public sealed class ScheduledJob
{
    public required string Name { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? LastFinishedAt { get; set; }
    public string? LastResult { get; set; }
}

/// <summary>
/// Recurring work that must run once however many servers share the database: a server claims a due job with one
/// conditional UPDATE (due, and nobody's lease running), which only one of them can win; it runs the job and sets
/// the next due time. A server that dies while holding a job loses it when its lease ends.
/// </summary>
public static class ScheduledJobs
{
    /// <summary>True when this owner now holds the job; the job is created, first due at <paramref name="firstDue"/>, if it does not
    /// exist.</summary>
    public static async Task<bool> TryClaimAsync(
        HabeasDb db,
        string name,
        string owner,
        DateTimeOffset now,
        DateTimeOffset firstDue,
        TimeSpan lease,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.ScheduledJobs.AnyAsync(j => j.Name == name, cancellationToken))
        {
            try
            {
                db.ScheduledJobs.Add(new ScheduledJob { Name = name, DueAt = firstDue });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another server made it first.
            }
            db.ChangeTracker.Clear();
        }
        var until = now + lease;
        return await db
                .ScheduledJobs.Where(j => j.Name == name && j.DueAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseOwner, owner).SetProperty(j => j.LeaseUntil, until), cancellationToken)
            == 1;
    }

    /// <summary>Gives the job back, due again at <paramref name="nextDue"/>.</summary>
    public static Task FinishAsync(
        HabeasDb db,
        string name,
        string owner,
        DateTimeOffset now,
        DateTimeOffset nextDue,
        string result,
        CancellationToken cancellationToken
    ) =>
        db
            .ScheduledJobs.Where(j => j.Name == name && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(
                u =>
                    u.SetProperty(j => j.LeaseOwner, (string?)null)
                        .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
                        .SetProperty(j => j.LastFinishedAt, now)
                        .SetProperty(j => j.DueAt, nextDue)
                        .SetProperty(j => j.LastResult, result.Length > 500 ? result[..500] : result),
                cancellationToken
            );
}
