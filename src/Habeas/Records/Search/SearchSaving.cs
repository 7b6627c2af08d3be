using Habeas.Platform.Shared;
using Habeas.Platform.Storage;

namespace Habeas.Records.Search;

/// <summary>The search entry (and the indexed words: <see cref="SearchWordIndex"/>) of every person, case, event and source saved: a part of every save (Storage/RecordSaving.cs).</summary>
public sealed class SearchSaving : ISavePart
{
    /// <summary>Texts whose words the bulk writer keeps before it forgets them all.</summary>
    private const int KnownTexts = 50_000;

    public int Order => 40;

    public bool AfterAudit => false;

    public Task<bool> PrepareAsync(HabeasDb db, SaveBatch save, CancellationToken cancellationToken) => Task.FromResult(false);

    public void PrepareNew(HabeasDb db, IReadOnlyList<IVersioned> records) { }

    public async Task WriteAsync(HabeasDb db, SaveBatch save, SaveRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.AllNew)
        {
            await SearchIndexing.UpdateAsync(db, save.Changed, cancellationToken);
            return;
        }
        // New records have no entry yet; the words of texts met before are kept from one chunk of an import to the next.
        var words = rows.State<Dictionary<string, IReadOnlyList<string>>>();
        foreach (var (record, _) in save.Changed)
        {
            if (SearchIndexing.TextOf(record) is { } texts)
            {
                if (words.Count > KnownTexts)
                {
                    words.Clear();
                }
                var entry = SearchIndexing.NewEntry(record, texts, words);
                await rows.AddAsync(entry, cancellationToken);
                foreach (var word in SearchWordIndex.RowsOf(entry.RecordType, entry.RecordId, entry.Text))
                {
                    await rows.AddAsync(word, cancellationToken);
                }
            }
        }
    }
}
