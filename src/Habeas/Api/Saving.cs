using Habeas.Shared;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Api;

public static class Saving
{
    /// <summary>
    /// Applies a change to a record edited from <paramref name="expectedVersion"/> and saves it; when the record
    /// has moved on (someone saved in between) nothing is written and the answer is a 409 conflict.
    /// </summary>
    public static async Task<IResult> SaveVersionedAsync(HabeasDb db, IVersioned record, int expectedVersion, Action apply, Func<IResult> ok, CancellationToken cancellationToken)
    {
        if (record.Version != expectedVersion)
        {
            return Conflict(record, expectedVersion);
        }
        db.Entry(record).Property(nameof(IVersioned.Version)).OriginalValue = expectedVersion;
        apply();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict(record, expectedVersion);
        }
        return ok();
    }

    private static IResult Conflict(IVersioned record, int expectedVersion) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Someone else saved this record first.",
        detail: $"You edited version {expectedVersion} of this {record.RecordType}, but it has changed since. Read it again, then make your change.");
}
