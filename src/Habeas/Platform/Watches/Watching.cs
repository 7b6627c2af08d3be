using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Watches;

/// <summary>Watch and unwatch, for the pages' button and the API: a record is watched only when the reader may see it.</summary>
public static class Watching
{
    /// <summary>Starts watching; false when the record type is not watchable or the reader cannot see the record.</summary>
    public static async Task<bool> WatchAsync(
        HabeasDb db,
        string userId,
        string recordType,
        Guid recordId,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Watch.RecordTypes.Contains(recordType) || !await Visibility.IsVisibleAsync(db, recordType, recordId, cancellationToken))
        {
            return false;
        }
        if (!await IsWatchingAsync(db, userId, recordType, recordId, cancellationToken))
        {
            db.Watches.Add(
                new Watch
                {
                    UserId = userId,
                    RecordType = recordType,
                    RecordId = recordId,
                    CreatedAt = db.Time.GetUtcNow(),
                }
            );
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Watched at the same moment from another tab gives the same result; anything else is thrown on.
                db.ChangeTracker.Clear();
                if (!await IsWatchingAsync(db, userId, recordType, recordId, cancellationToken))
                {
                    throw;
                }
            }
        }
        return true;
    }

    public static Task<int> UnwatchAsync(
        HabeasDb db,
        string userId,
        string recordType,
        Guid recordId,
        CancellationToken cancellationToken
    ) =>
        db
            .Watches.Where(w => w.UserId == userId && w.RecordType == recordType && w.RecordId == recordId)
            .ExecuteDeleteAsync(cancellationToken);

    public static Task<bool> IsWatchingAsync(
        HabeasDb db,
        string userId,
        string recordType,
        Guid recordId,
        CancellationToken cancellationToken
    ) => db.Watches.AnyAsync(w => w.UserId == userId && w.RecordType == recordType && w.RecordId == recordId, cancellationToken);
}
