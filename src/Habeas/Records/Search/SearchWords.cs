using Habeas.Core.Names;

namespace Habeas.Records.Search;

/// <summary>
/// Text as search compares it: folded (lower case; Latin, Greek and Cyrillic diacritics removed; Khmer and Thai
/// signs kept) and cut into words by ICU's word breaker, which knows where Khmer and Thai words end although
/// neither script puts spaces between them (ការចាប់ខ្លួនសុខយឿន → ការ | ចាប់ខ្លួន | សុខ | …).
/// </summary>
public static class SearchWords
{
    public static IReadOnlyList<string> Of(string? text)
    {
        var folded = NameFolding.Fold(text);
        return folded.Length == 0 ? [] : IcuText.WordsOf(folded);
    }

    /// <summary>The stored form: each word preceded by a space, so " word" finds words that begin with it.</summary>
    public static string Stored(IEnumerable<string?> texts)
    {
        var words = texts.SelectMany(Of).Distinct(StringComparer.Ordinal);
        return " " + string.Join(' ', words) + " ";
    }

    /// <summary>The stored form, as <see cref="Stored(IEnumerable{string?})"/>, with the words of each text looked up in
    /// <paramref name="known"/> first and kept there: an import meets the same event types, decisions and names
    /// thousands of times, and ICU's word breaker is most of what an entry costs.</summary>
    public static string Stored(IEnumerable<string?> texts, Dictionary<string, IReadOnlyList<string>> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        IReadOnlyList<string> Cached(string? text)
        {
            if (text is null)
            {
                return [];
            }
            if (!known.TryGetValue(text, out var words))
            {
                words = Of(text);
                known[text] = words;
            }
            return words;
        }
        var words = texts.SelectMany(Cached).Distinct(StringComparer.Ordinal);
        return " " + string.Join(' ', words) + " ";
    }
}
