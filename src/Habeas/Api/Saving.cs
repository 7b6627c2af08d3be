using Habeas.Shared;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Api;

/// <summary>Saving an edit made from a known version of a record: the one rule for forms and the API.</summary>
public static class Saving
{
    /// <summary>
    /// Applies a change to a record read at <paramref name="expectedVersion"/> and saves it. Returns false, having
    /// written nothing, when the record has moved on since (someone saved in between). A new record has no version to check.
    /// </summary>
    public static async Task<bool> TrySaveAsync(HabeasDb db, IVersioned record, int? expectedVersion, Action apply, CancellationToken cancellationToken)
    {
        var entry = db.Entry(record);
        if (entry.State != EntityState.Added)
        {
            if (expectedVersion is not { } expected || record.Version != expected)
            {
                return false;
            }
            entry.Property(nameof(IVersioned.Version)).OriginalValue = expected;
        }
        apply();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>The API's update: validation first (the version is required), then <see cref="TrySaveAsync"/>; 409 on a conflict.</summary>
    public static async Task<IResult> UpdateAsync(HabeasDb db, IVersioned record, Validation validation, int? version, Action apply, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            validation.Add("version", "Send the version you read, so a change saved by someone else in between is not overwritten.");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        if (!await TrySaveAsync(db, record, version, apply, cancellationToken))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Someone else saved this record first.",
                detail: $"You edited version {version} of this {record.RecordType}, but it has changed since. Read it again, then make your change.");
        }
        return Results.Ok(new { id = record.Id, version = record.Version });
    }
}
