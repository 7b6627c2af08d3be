using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Api;

/// <summary>Saving an edit made from a known version of a record: the one rule for forms and the API.</summary>
public static class Saving
{
    /// <summary>
    /// Applies a change to a record read at <paramref name="expectedVersion"/> and saves it. Returns false, having
    /// written nothing, when the record has moved on since (someone saved in between). A new record has no version to check.
    /// </summary>
    public static async Task<bool> TrySaveAsync(
        HabeasDb db,
        IVersioned record,
        int? expectedVersion,
        Action apply,
        CancellationToken cancellationToken
    )
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
    public static async Task<IResult> UpdateAsync(
        HabeasDb db,
        IVersioned record,
        Validation validation,
        int? version,
        Action apply,
        CancellationToken cancellationToken
    )
    {
        if (version is null)
        {
            validation.Add("version", "validation.version");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        if (!await TrySaveAsync(db, record, version, apply, cancellationToken))
        {
            return ConflictProblem(await SavedSinceAsync(db, record, version, cancellationToken), record.RecordType, version);
        }
        return Results.Ok(new { id = record.Id, version = record.Version });
    }

    /// <summary>
    /// The 409 answer: RFC 9457 problem details naming the version sent, the version now saved, who saved it and when,
    /// and the fields that changed in between (currentVersion is null when the record has been deleted since).
    /// </summary>
    public static IResult ConflictProblem(SavedSince? since, string recordType, int? version) =>
        ConflictProblem(since, Problems.Noun(recordType), version);

    /// <summary>The 409 answer for a part of a record (<paramref name="what"/>: a <see cref="Problems.Phrase"/> such as
    /// "this person's confidential details"), said in the reader's language.</summary>
    public static IResult ConflictProblem(SavedSince? since, object what, int? version) =>
        Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: Problems.Say("problem.conflict.title"),
            detail: since is null
                ? Problems.Say("problem.conflict.deleted", version, what)
                : Problems.Say("problem.conflict.detail", version, what, since.CurrentVersion),
            extensions: new Dictionary<string, object?>
            {
                ["yourVersion"] = version,
                ["currentVersion"] = since?.CurrentVersion,
                ["changedAt"] = since?.ChangedAt,
                ["changedBy"] = since?.ChangedBy,
                ["changedFields"] = since?.Changes.Select(c => c.Field).ToList() ?? [],
            }
        );

    /// <summary>
    /// For a form whose save was refused: what was saved since, to show beside the form (which keeps what was typed),
    /// and the form's hidden version moved to the saved one, so that saving again replaces it knowingly. The record's
    /// history page is where "see the saved record" leads.
    /// </summary>
    public static async Task<History.ConflictNotice> FormConflictAsync(
        HabeasDb db,
        IVersioned record,
        int? readVersion,
        Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState,
        Action<int> setVersion,
        CancellationToken cancellationToken,
        string versionField = "Input.Version"
    )
    {
        var since = await SavedSinceAsync(db, record, readVersion, cancellationToken);
        if (since is not null)
        {
            modelState.Remove(versionField);
            setVersion(since.CurrentVersion);
        }
        return new History.ConflictNotice($"/history/{record.RecordType}/{record.Id}", since);
    }

    /// <summary>What someone else saved after an editor read ReadVersion: each changed field with its value then and now.</summary>
    public sealed record SavedSince(
        int ReadVersion,
        int CurrentVersion,
        DateTimeOffset ChangedAt,
        string? ChangedBy,
        IReadOnlyList<FieldChange> Changes
    );

    public sealed record FieldChange(string Field, string? WhenRead, string? Now);

    /// <summary>
    /// Reads the record's history after a refused save: null when the record is gone. The record's tracked state is
    /// dropped first (the refused change is not applied anywhere), so the caller starts again from what is saved.
    /// </summary>
    public static async Task<SavedSince?> SavedSinceAsync(
        HabeasDb db,
        IVersioned record,
        int? readVersion,
        CancellationToken cancellationToken
    )
    {
        db.ChangeTracker.Clear();
        var latest = await db
            .RecordVersions.AsNoTracking()
            .Where(v => v.RecordType == record.RecordType && v.RecordId == record.Id)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null || latest.Change == "deleted")
        {
            return null;
        }
        var read = readVersion is { } n
            ? await db
                .RecordVersions.AsNoTracking()
                .Where(v => v.RecordType == record.RecordType && v.RecordId == record.Id && v.Version == n)
                .Select(v => v.Data)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        var changes = History.Snapshots.Diff(read, latest.Data).Select(c => new FieldChange(c.Key, c.Value.Before, c.Value.After)).ToList();
        return new SavedSince(readVersion ?? 0, latest.Version, latest.ChangedAt, latest.ChangedBy, changes);
    }
}
