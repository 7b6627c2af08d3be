using System.Collections.Concurrent;

namespace Habeas.Core.Names;

/// <summary>
/// ICU, through icu.net over the machine's libicu: transliteration and word breaking. ICU's transliterators are
/// not thread-safe, so each is used under its own lock.
/// </summary>
public static class IcuText
{
    private static readonly Lazy<bool> Started = new(() =>
    {
        global::Icu.Wrapper.Init();
        return true;
    });

    private static readonly ConcurrentDictionary<string, (global::Icu.Transliterator Transliterator, Lock Lock)> Transliterators = new(
        StringComparer.Ordinal
    );

    /// <summary>The name of a country (ISO 3166 code) in a language ("KH" in Khmer: "កម្ពុជា"), from ICU's locale data;
    /// ICU answers with the code itself when it has no name.</summary>
    public static string CountryName(string code, string language)
    {
        ArgumentNullException.ThrowIfNull(code);
        _ = Started.Value;
        var region = new global::Icu.Locale("und_" + code);
        var reader = new global::Icu.Locale(language);
        return region.GetDisplayCountry(reader);
    }

    /// <summary>The ICU version in use (72.1 on Debian 12).</summary>
    public static string Version
    {
        get
        {
            _ = Started.Value;
            return global::Icu.Wrapper.IcuVersion;
        }
    }

    /// <summary>Applies an ICU transform (for example "Any-Latin; Latin-ASCII") to the text.</summary>
    public static string Transliterate(string id, string text)
    {
        _ = Started.Value;
        var (transliterator, gate) = Transliterators.GetOrAdd(id, key => (global::Icu.Transliterator.CreateInstance(key), new Lock()));
        lock (gate)
        {
            return transliterator.Transliterate(text);
        }
    }

    /// <summary>The words of the text by ICU's word breaker (a dictionary for Khmer and Thai, which write no spaces
    /// between words); punctuation and spaces are left out.</summary>
    public static IReadOnlyList<string> WordsOf(string text)
    {
        _ = Started.Value;
        return global::Icu
            .BreakIterator.Split(global::Icu.BreakIterator.UBreakIteratorType.WORD, "km", text)
            .Where(w => w.Any(char.IsLetterOrDigit))
            .ToList();
    }

    /// <summary>Where each word of the text starts and ends (ICU's word breaker), punctuation and spaces left out.</summary>
    public static IReadOnlyList<(int Start, int End)> WordSpans(string text)
    {
        _ = Started.Value;
        return global::Icu
            .BreakIterator.GetWordBoundaries("km", text, false)
            .Select(b => (b.Start, b.End))
            .Where(b => b.End > b.Start && text[b.Start..b.End].Any(char.IsLetterOrDigit))
            .ToList();
    }
}
