using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Search;

/// <summary>
/// Keeps the search entries (<see cref="SearchEntry"/>) of people, cases, events and sources: called by
/// HabeasDb.SaveChangesAsync for every record it saves, in the same transaction. Confidential values live in
/// their own table and are never read here.
/// </summary>
public static class SearchIndexing
{
    public static async Task UpdateAsync(
        HabeasDb db,
        IEnumerable<(IVersioned Record, string Change)> changed,
        CancellationToken cancellationToken
    )
    {
        foreach (var (record, change) in changed)
        {
            if (TextOf(record) is not { } texts)
            {
                continue;
            }
            var entry = db.SearchEntries.Local.FirstOrDefault(e => e.RecordType == record.RecordType && e.RecordId == record.Id)
                ?? await db.SearchEntries.FirstOrDefaultAsync(
                    e => e.RecordType == record.RecordType && e.RecordId == record.Id,
                    cancellationToken
                );
            if (change == "deleted")
            {
                if (entry is not null)
                {
                    db.SearchEntries.Remove(entry);
                }
                await SearchWordIndex.UpdateAsync(db, record.RecordType, record.Id, null, cancellationToken);
                continue;
            }
            var before = entry?.Text;
            if (entry is null)
            {
                entry = NewEntry(record, texts);
                db.SearchEntries.Add(entry);
            }
            else
            {
                entry.Text = SearchWords.Stored(texts);
            }
            if (entry.Text != before)
            {
                await SearchWordIndex.UpdateAsync(db, record.RecordType, record.Id, entry.Text, cancellationToken);
            }
        }
    }

    /// <summary>The entry of a record that has none yet (the import's bulk writer inserts these itself, with the words
    /// of texts it met before kept in <paramref name="known"/>).</summary>
    public static SearchEntry NewEntry(
        IVersioned record,
        IEnumerable<string?> texts,
        Dictionary<string, IReadOnlyList<string>>? known = null
    ) =>
        new()
        {
            RecordType = record.RecordType,
            RecordId = record.Id,
            Text = known is null ? SearchWords.Stored(texts) : SearchWords.Stored(texts, known),
        };

    /// <summary>Writes the entries of every record that has none (a database from before search, or restored).</summary>
    public static async Task<int> BackfillAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var written = 0;
        written += await BackfillAsync(
            db,
            db.People.IgnoreQueryFilters().Include(p => p.Names).Include(p => p.Tags).AsSplitQuery(),
            "person",
            cancellationToken
        );
        written += await BackfillAsync(db, db.Cases.IgnoreQueryFilters(), "case", cancellationToken);
        written += await BackfillAsync(db, db.Events.IgnoreQueryFilters(), "event", cancellationToken);
        written += await BackfillAsync(db, db.Sources.IgnoreQueryFilters(), "source", cancellationToken);
        return written;
    }

    private static async Task<int> BackfillAsync<T>(HabeasDb db, IQueryable<T> records, string type, CancellationToken cancellationToken)
        where T : class, IVersioned
    {
        var written = 0;
        while (true)
        {
            var missing = await records
                .AsNoTracking()
                .Where(r => !db.Set<SearchEntry>().Any(e => e.RecordType == type && e.RecordId == r.Id))
                .OrderBy(r => r.Id)
                .Take(2000)
                .ToListAsync(cancellationToken);
            if (missing.Count == 0)
            {
                return written;
            }
            foreach (var record in missing)
            {
                var entry = NewEntry(record, TextOf(record)!);
                db.SearchEntries.Add(entry);
                // A restored database has no words either (they are never exported): none are stored for this record.
                db.Set<SearchWord>().AddRange(SearchWordIndex.RowsOf(type, record.Id, entry.Text));
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            written += missing.Count;
        }
    }

    /// <summary>The searchable texts of a record; null for a record that is not searched.</summary>
    public static IEnumerable<string?>? TextOf(IVersioned record) =>
        record switch
        {
            // In a fixed order: names and tags read back from the database come in whatever order it holds them.
            Person p => p
                .Names.OrderBy(n => n.SortOrder)
                .Select(n => n.Text)
                .Concat(p.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal))
                .Concat([p.Occupation, p.Nationality, p.Ethnicity])
                .Concat(p.Biography.Values),
            Case c => new[] { c.Title, c.CourtCaseNumber }.Concat(c.Summary.Values),
            Event e => new[] { e.Type, e.Decision, e.ReleaseReason }.Concat(e.Description.Values),
            Source s => [s.Title, s.Publisher, s.Author, s.Excerpt, s.Url],
            _ => null,
        };
}
