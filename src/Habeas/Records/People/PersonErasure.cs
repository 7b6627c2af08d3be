using Habeas.Platform.Audit;
using Habeas.Platform.History;
using Habeas.Platform.Storage;
using Habeas.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>
/// An administrator's erasure of a person's personal data for a lawful request (docs/retraction.md, "Erasure"), in one
/// transaction: the person's names, tags, affiliations, designations, personal fields and confidential values go; every
/// version of their history and of their designations, and the content of every audit entry about them, is overwritten
/// (the audit log keeps each entry's place and hash, so it still verifies); the person is retracted, so the row that
/// keeps the id leaves every list; the erasure has its own audit entry naming the request and the entries it erased.
/// What remains: the person's id, the ids that point at it (events, cases, charges), counts, and audit hashes.
/// </summary>
public static class PersonErasure
{
    public const int ReferenceMax = 200;

    private const string Erased = """{"erased":true}""";

    /// <summary>Erases the person (found whatever its state: retracted, merged, any level); false when there is none.</summary>
    public static async Task<bool> EraseAsync(HabeasDb db, Guid personId, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reference);
        await using var work = await db.BeginWorkAsync(cancellationToken);
        var person = await db
            .People.IgnoreQueryFilters()
            .Include(p => p.Names)
            .Include(p => p.Tags)
            .Include(p => p.Affiliations)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return false;
        }
        if (db.Database.IsSqlite())
        {
            // Freed and rewritten space is overwritten with zeros, so the erased text does not linger in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", cancellationToken);
        }
        var permit = Guid.NewGuid();
        await ErasurePermit.BeginAsync(db, permit, cancellationToken);

        var designations = await db
            .Designations.IgnoreQueryFilters()
            .Where(d => d.PersonId == personId)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        var erasedRecords = designations.Select(d => ("designation", d)).Append(("person", personId)).ToList();
        var sequences = new List<long>();
        foreach (var (type, record) in erasedRecords)
        {
            await db
                .RecordVersions.Where(v => v.RecordType == type && v.RecordId == record)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Data, Erased), cancellationToken);
            sequences.AddRange(await AuditLog.EraseEntriesAsync(db, type, record, cancellationToken));
        }
        await db
            .PartVersions.Where(v => v.RecordType == "person" && v.RecordId == personId)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Before, "{}").SetProperty(v => v.Data, "{}"), cancellationToken);
        await db.ConfidentialValues.Where(v => v.RecordId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.SearchEntries.Where(e => e.RecordType == "person" && e.RecordId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.Designations.IgnoreQueryFilters().Where(d => d.PersonId == personId).ExecuteDeleteAsync(cancellationToken);

        person.Names.Clear();
        person.Tags.Clear();
        person.Affiliations.Clear();
        person.Sex = null;
        person.BirthDate = null;
        person.ReportedAge = null;
        person.ReportedAgeOn = null;
        person.Nationality = null;
        person.Ethnicity = null;
        person.Occupation = null;
        person.Biography = new();
        person.RetractedAt ??= db.Time.GetUtcNow();
        person.RetractedBy ??= db.Actor;
        person.RetractionReason = $"Erased: {reference.Trim()}";
        db.LogAction(
            AuditLog.ErasedAction,
            "person",
            personId,
            details: new Dictionary<string, string?> { ["reference"] = reference.Trim(), ["sequences"] = string.Join(',', sequences) }
        );
        await db.SaveChangesAsync(cancellationToken);
        // The search entry the save rewrote holds no name any more; it goes too, with the rest of what was found.
        await db.SearchEntries.Where(e => e.RecordType == "person" && e.RecordId == personId).ExecuteDeleteAsync(cancellationToken);
        await ErasurePermit.EndAsync(db, permit, cancellationToken);
        await work.CompleteAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // The write-ahead log still holds the pages as they were before: fold it into the file and empty it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        }
        return true;
    }
}
