using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Search;

/// <summary>
/// One word of one record's search entry (cases and sources: <see cref="SearchWordIndex.Types"/>), kept beside the
/// entry by the same save so that the records holding a word are read through an index: a search that few records
/// match reads those records only, instead of every entry of their kind.
/// </summary>
public sealed class SearchWord
{
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }

    /// <summary>As in the entry (folded, Khmer and Thai cut into words), cut at <see cref="SearchWordIndex.MaxLength"/>.</summary>
    public required string Word { get; set; }
}

public sealed class SearchWordMapping : EntityMapping<SearchWord>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("the record it indexes (search reads records through their filters)", ("record", "recordId"))
            .Through("Search/: matches are joined to their records through the records' filters");

    public override void Configure(EntityTypeBuilder<SearchWord> builder)
    {
        builder.ToTable("search_words");
        builder.HasKey(x => new
        {
            x.RecordType,
            x.RecordId,
            x.Word,
        });
        builder.Property(x => x.RecordType).HasMaxLength(16);
        builder.HasIndex(x => new
        {
            x.RecordType,
            x.Word,
            x.RecordId,
        });
    }
}

/// <summary>
/// The records of one kind whose search entry holds every word typed, each at the beginning of one of its words (the
/// search's rule since it began). For the kinds in <see cref="Types"/> the rarest word typed is looked up as a prefix
/// range in the word index and the entry of each record found is then checked for every word; other kinds read every
/// entry of their kind (people are found by the name index first; events are many and their words few).
/// </summary>
public static class SearchWordIndex
{
    /// <summary>The kinds of record whose words are indexed (migration 0033 fills the index for these).</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "case", "source" };

    /// <summary>Longer words are indexed by their first characters (a URL is one word); the entry keeps them whole.</summary>
    public const int MaxLength = 64;

    /// <summary>The ids of the records of <paramref name="type"/> holding every one of <paramref name="words"/>
    /// (folded as <see cref="SearchWords.Of"/> gives them; at least one), each id once.</summary>
    public static async Task<IQueryable<Guid>> RecordIdsAsync(
        HabeasDb db,
        string type,
        IReadOnlyList<string> words,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            throw new ArgumentException("At least one word is needed.", nameof(words));
        }
        var entries = db.SearchEntries.Where(e => e.RecordType == type);
        foreach (var word in words)
        {
            var needle = " " + word;
            entries = entries.Where(e => e.Text.Contains(needle));
        }
        if (!Types.Contains(type))
        {
            return entries.Select(e => e.RecordId);
        }
        var (low, high) = await DriverAsync(db, type, words, cancellationToken);
        // The first word of each record in the range only, so that a record is found once; then its entry, by its key.
        // string.Compare is translated to SQL's < and >=, which compare in the column's order, not the culture's.
#pragma warning disable CA1309
        var first = db.Set<SearchWord>()
            .Where(w =>
                w.RecordType == type
                && string.Compare(w.Word, low) >= 0
                && string.Compare(w.Word, high) < 0
                && !db.Set<SearchWord>()
                    .Any(o =>
                        o.RecordType == type
                        && o.RecordId == w.RecordId
                        && string.Compare(o.Word, low) >= 0
                        && string.Compare(o.Word, w.Word) < 0
                    )
            );
#pragma warning restore CA1309
        return from w in first join e in entries on w.RecordId equals e.RecordId select w.RecordId;
    }

    /// <summary>Rows of a word's range counted, at most, to choose the rarest word: enough to tell a rare word from a
    /// common one, few enough that counting costs an index read of a few hundred rows.</summary>
    private const int Counted = 200;

    /// <summary>The range of the word typed that the fewest indexed words begin with (counted up to <see cref="Counted"/>;
    /// ties go to the longer word): a common word beside a rare one would otherwise make the rare one's few records wait
    /// behind every record holding the common one.</summary>
    private static async Task<(string Low, string High)> DriverAsync(
        HabeasDb db,
        string type,
        IReadOnlyList<string> words,
        CancellationToken cancellationToken
    )
    {
        var ranges = words.Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).Select(Range).ToList();
        if (ranges.Count == 1)
        {
            return ranges[0];
        }
        var best = ranges[0];
        var fewest = int.MaxValue;
        foreach (var (low, high) in ranges)
        {
#pragma warning disable CA1309 // translated to SQL's comparison, in the column's order
            var count = await db.Set<SearchWord>()
                .Where(w => w.RecordType == type && string.Compare(w.Word, low) >= 0 && string.Compare(w.Word, high) < 0)
                .Take(Counted)
                .CountAsync(cancellationToken);
#pragma warning restore CA1309
            if (count < fewest)
            {
                (best, fewest) = ((low, high), count);
            }
            if (count == 0)
            {
                break;
            }
        }
        return best;
    }

    /// <summary>The words beginning with <paramref name="prefix"/> lie in [low, high) in code point order, which is
    /// both databases' order for this column (SQLite compares UTF-8 bytes; PostgreSQL's column is COLLATE "C").</summary>
    internal static (string Low, string High) Range(string prefix)
    {
        var low = Cut(prefix);
        // The last character that can be followed by the next one; a surrogate or U+FFFF is left out (a wider range:
        // the entries are checked for the whole word anyway).
        while (low.Length > 0 && (char.IsSurrogate(low[^1]) || low[^1] == char.MaxValue))
        {
            low = low[..^1];
        }
        return low.Length == 0 ? ("", "\U0010FFFF") : (low, low[..^1] + (char)(low[^1] + 1));
    }

    /// <summary>A word as the index holds it: its first <see cref="MaxLength"/> characters, a pair of surrogates never cut.</summary>
    private static string Cut(string word) =>
        word.Length <= MaxLength ? word : word[..(char.IsHighSurrogate(word[MaxLength - 1]) ? MaxLength - 1 : MaxLength)];

    /// <summary>The rows of a record's words, for a record of an indexed kind (none for another).</summary>
    public static IEnumerable<SearchWord> RowsOf(string type, Guid id, string storedText) =>
        Types.Contains(type)
            ? WordsOf(storedText)
                .Select(w => new SearchWord
                {
                    RecordType = type,
                    RecordId = id,
                    Word = w,
                })
            : [];

    /// <summary>Keeps the word rows of a record whose entry changed (or was removed: <paramref name="storedText"/> null)
    /// in the change tracker's next write.</summary>
    public static async Task UpdateAsync(HabeasDb db, string type, Guid id, string? storedText, CancellationToken cancellationToken)
    {
        if (!Types.Contains(type))
        {
            return;
        }
        var wanted = storedText is null ? [] : WordsOf(storedText).ToHashSet(StringComparer.Ordinal);
        var stored = await db.Set<SearchWord>().Where(w => w.RecordType == type && w.RecordId == id).ToListAsync(cancellationToken);
        db.Set<SearchWord>().RemoveRange(stored.Where(w => !wanted.Contains(w.Word)));
        var kept = stored.Select(w => w.Word).ToHashSet(StringComparer.Ordinal);
        db.Set<SearchWord>()
            .AddRange(
                wanted
                    .Where(w => !kept.Contains(w))
                    .Select(w => new SearchWord
                    {
                        RecordType = type,
                        RecordId = id,
                        Word = w,
                    })
            );
    }

    private static IEnumerable<string> WordsOf(string storedText) =>
        storedText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Cut).Distinct(StringComparer.Ordinal);
}
