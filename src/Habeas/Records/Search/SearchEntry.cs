namespace Habeas.Records.Search;

/// <summary>
/// The searchable words of one person, case, event or source: folded (lower case, no Latin diacritics), Khmer and
/// Thai cut into words by ICU, one space before each word. Written in the same transaction as the record
/// (HabeasDb.SaveChangesAsync); confidential values are never in it, and a search reaches records only through the
/// filtered record tables, so a record the reader may not see is never found, counted or quoted.
/// </summary>
public sealed class SearchEntry
{
    /// <summary>person, case, event or source.</summary>
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public required string Text { get; set; }
}
