using System.Text;

namespace Habeas.Core.Names;

/// <summary>
/// Writes a Khmer name the way Cambodians and the press commonly spell it in Latin letters (សុខ យឿន → "sok yoeun",
/// ឈុន → "chhun", ជា → "chea"). There is no single standard: this follows the common, French-influenced spellings
/// (UNGEGN for consonants, the usual vowel spellings of each consonant series), which is what people type. Matching
/// does not depend on the vowels being exactly right: <see cref="PhoneticKey"/> keeps the consonants.
/// </summary>
public static class KhmerRomanizer
{
    // Consonant: initial spelling, final spelling, series (true = second, "o" series).
    private static readonly Dictionary<char, (string Initial, string Final, bool O)> Consonants = new()
    {
        ['ក'] = ("k", "k", false),
        ['ខ'] = ("kh", "k", false),
        ['គ'] = ("k", "k", true),
        ['ឃ'] = ("kh", "k", true),
        ['ង'] = ("ng", "ng", true),
        ['ច'] = ("ch", "ch", false),
        ['ឆ'] = ("chh", "ch", false),
        ['ជ'] = ("ch", "ch", true),
        ['ឈ'] = ("chh", "ch", true),
        ['ញ'] = ("nh", "nh", true),
        ['ដ'] = ("d", "t", false),
        ['ឋ'] = ("th", "t", false),
        ['ឌ'] = ("d", "t", true),
        ['ឍ'] = ("th", "t", true),
        ['ណ'] = ("n", "n", false),
        ['ត'] = ("t", "t", false),
        ['ថ'] = ("th", "t", false),
        ['ទ'] = ("t", "t", true),
        ['ធ'] = ("th", "t", true),
        ['ន'] = ("n", "n", true),
        ['ប'] = ("b", "p", false),
        ['ផ'] = ("ph", "p", false),
        ['ព'] = ("p", "p", true),
        ['ភ'] = ("ph", "p", true),
        ['ម'] = ("m", "m", true),
        ['យ'] = ("y", "y", true),
        ['រ'] = ("r", "r", true),
        ['ល'] = ("l", "l", true),
        ['វ'] = ("v", "v", true),
        ['ឝ'] = ("s", "s", false),
        ['ឞ'] = ("s", "s", false),
        ['ស'] = ("s", "s", false),
        ['ហ'] = ("h", "h", false),
        ['ឡ'] = ("l", "l", false),
        ['អ'] = ("", "", false),
    };

    // Dependent vowel: spelling after a first-series consonant, after a second-series one.
    private static readonly Dictionary<string, (string A, string O)> Vowels = new(StringComparer.Ordinal)
    {
        ["ា"] = ("a", "ea"),
        ["ិ"] = ("e", "i"),
        ["ី"] = ("ei", "i"),
        ["ឹ"] = ("oe", "eu"),
        ["ឺ"] = ("eu", "eu"),
        ["ុ"] = ("o", "u"),
        ["ូ"] = ("ou", "ou"),
        ["ួ"] = ("uo", "uo"),
        ["ើ"] = ("aeu", "eu"),
        ["ឿ"] = ("oeu", "oeu"),
        ["ៀ"] = ("ie", "ie"),
        ["េ"] = ("e", "e"),
        ["ែ"] = ("ae", "ae"),
        ["ៃ"] = ("ai", "ey"),
        ["ោ"] = ("ao", "o"),
        ["ៅ"] = ("au", "ov"),
        ["ុំ"] = ("om", "um"),
        ["ំ"] = ("am", "um"),
        ["ាំ"] = ("am", "oam"),
        ["ះ"] = ("ah", "eah"),
        ["ុះ"] = ("oh", "uh"),
        ["េះ"] = ("eh", "eh"),
        ["ោះ"] = ("aoh", "uoh"),
        ["ិះ"] = ("eh", "ih"),
    };

    // Independent vowels stand alone as syllables.
    private static readonly Dictionary<char, string> Independent = new()
    {
        ['ឥ'] = "e",
        ['ឦ'] = "ei",
        ['ឧ'] = "o",
        ['ឩ'] = "ou",
        ['ឪ'] = "au",
        ['ឫ'] = "rue",
        ['ឬ'] = "rue",
        ['ឭ'] = "lue",
        ['ឮ'] = "lue",
        ['ឯ'] = "ae",
        ['ឰ'] = "ai",
        ['ឱ'] = "ao",
        ['ឲ'] = "ao",
        ['ឳ'] = "au",
        ['ឣ'] = "a",
        ['ឤ'] = "a",
    };

    private const char Coeng = '\u17D2';

    public static bool IsKhmer(char c) => c is >= '\u1780' and <= '\u17FF' or >= '\u19E0' and <= '\u19FF';

    /// <summary>One Khmer word (no spaces) in Latin letters, lower case.</summary>
    public static string Romanize(string word)
    {
        var output = new StringBuilder(word.Length * 2);
        var i = 0;
        while (i < word.Length)
        {
            var c = word[i];
            if (Independent.TryGetValue(c, out var independent))
            {
                output.Append(independent);
                i++;
                continue;
            }
            if (!Consonants.TryGetValue(c, out var consonant))
            {
                if (c is >= '០' and <= '៩')
                {
                    output.Append((char)('0' + (c - '០')));
                }
                i++;
                continue;
            }
            // A syllable: consonant, its subscripts, series shifters, a vowel, then perhaps a final consonant.
            var onset = new StringBuilder(consonant.Initial);
            var series = consonant.O;
            i++;
            while (i + 1 < word.Length && word[i] == Coeng && Consonants.TryGetValue(word[i + 1], out var sub))
            {
                // A subscript consonant: in a cluster with the one above (ស្រ → "sr"); a subscript
                // second-series consonant makes the syllable second series.
                onset.Append(sub.Initial);
                series |= sub.O && word[i + 1] is not ('រ' or 'វ');
                i += 2;
            }
            var shift = 0;
            while (i < word.Length && word[i] is '\u17C9' or '\u17CA')
            {
                shift = word[i] == '\u17C9' ? 1 : -1; // ៉ (muusikatoan) makes the syllable first series, ៊ (triisap) second.
                i++;
            }
            if (shift != 0)
            {
                series = shift < 0;
            }
            var vowel = "";
            for (var length = 2; length >= 1; length--)
            {
                if (i + length <= word.Length && Vowels.TryGetValue(word.Substring(i, length), out var v))
                {
                    vowel = series ? v.O : v.A;
                    i += length;
                    break;
                }
            }
            while (i < word.Length && word[i] is >= '\u17C6' and <= '\u17D1' and not '\u17C7' || (i < word.Length && word[i] == '\u17DD'))
            {
                i++; // signs that do not change the consonants (bantoc, etc.)
            }
            // A consonant with no vowel of its own that ends the word, or precedes another consonant after a vowel, is final.
            var final = "";
            if (i < word.Length && Consonants.TryGetValue(word[i], out var next) && IsFinal(word, i))
            {
                final = next.Final;
                i++;
                if (i + 1 < word.Length && word[i] == Coeng)
                {
                    i += 2; // a silent subscript after a final (ចន្ទ → "chan")
                }
                while (i < word.Length && word[i] is >= '\u17C6' and <= '\u17D1')
                {
                    i++;
                }
            }
            if (vowel.Length == 0)
            {
                // The inherent vowel: "a" in the first series, "o" (or "ea" before the word ends) in the second.
                var lastInWord = i >= word.Length;
                if (lastInWord && onset.Length > 0 && output.Length > 0)
                {
                    output.Append(consonantFinal(c));
                    continue;
                }
                vowel = series ? "o" : "a";
            }
            output.Append(onset).Append(vowel).Append(final);
        }
        return output.ToString();

        static string consonantFinal(char c) => Consonants[c].Final;
    }

    // The consonant at index closes the syllable before it unless a vowel, a series shifter or a subscript
    // follows it; a subscript that ends the word is silent, so its consonant is final too (ចន្ទ → "chan").
    private static bool IsFinal(string word, int index)
    {
        if (index + 1 >= word.Length)
        {
            return true;
        }
        var after = word[index + 1];
        if (after == Coeng)
        {
            return index + 3 == word.Length;
        }
        return !(after is >= '\u17B6' and <= '\u17C5' || after is '\u17C9' or '\u17CA');
    }
}
