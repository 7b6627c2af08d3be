using System.Text;

namespace Habeas.Core.Names;

/// <summary>
/// Writes a Burmese name syllable by syllable, as Burmese names are written in Latin letters (အောင်ဆန်းစုကြည် →
/// "aung hsan su kyi", matching "Aung San Suu Kyi"). Burmese script puts no spaces between the syllables of a
/// name; each syllable becomes one word. ICU's Myanmar-Latin runs the syllables together ("aaungsaannhcukyi").
/// </summary>
public static class BurmeseRomanizer
{
    private static readonly Dictionary<char, string> Consonants = new()
    {
        ['က'] = "k",
        ['ခ'] = "kh",
        ['ဂ'] = "g",
        ['ဃ'] = "g",
        ['င'] = "ng",
        ['စ'] = "s",
        ['ဆ'] = "hs",
        ['ဇ'] = "z",
        ['ဈ'] = "z",
        ['ည'] = "ny",
        ['ဉ'] = "ny",
        ['ဋ'] = "t",
        ['ဌ'] = "ht",
        ['ဍ'] = "d",
        ['ဎ'] = "d",
        ['ဏ'] = "n",
        ['တ'] = "t",
        ['ထ'] = "ht",
        ['ဒ'] = "d",
        ['ဓ'] = "d",
        ['န'] = "n",
        ['ပ'] = "p",
        ['ဖ'] = "hp",
        ['ဗ'] = "b",
        ['ဘ'] = "b",
        ['မ'] = "m",
        ['ယ'] = "y",
        ['ရ'] = "y",
        ['လ'] = "l",
        ['ဝ'] = "w",
        ['သ'] = "th",
        ['ဟ'] = "h",
        ['ဠ'] = "l",
        ['အ'] = "",
    };

    private static readonly Dictionary<char, string> IndependentVowels = new()
    {
        ['ဣ'] = "i",
        ['ဤ'] = "i",
        ['ဥ'] = "u",
        ['ဦ'] = "u",
        ['ဧ'] = "e",
        ['ဩ'] = "aw",
        ['ဪ'] = "aw",
    };

    private const char Asat = '\u103A';
    private const char Virama = '\u1039';

    public static bool IsBurmese(char c) => c is >= '\u1000' and <= '\u109F';

    /// <summary>The syllables of a Burmese word, each in Latin letters, lower case.</summary>
    public static IReadOnlyList<string> Romanize(string word)
    {
        var syllables = new List<string>();
        var i = 0;
        while (i < word.Length)
        {
            var c = word[i];
            if (IndependentVowels.TryGetValue(c, out var independent))
            {
                syllables.Add(independent);
                i++;
                continue;
            }
            if (!Consonants.TryGetValue(c, out var onset))
            {
                i++;
                continue;
            }
            i++;
            var medials = new StringBuilder();
            var vowelSigns = new StringBuilder();
            char? final = null;
            while (i < word.Length)
            {
                var d = word[i];
                if (d is '\u103B' or '\u103C')
                {
                    medials.Append('y');
                }
                else if (d == '\u103D')
                {
                    medials.Append('w');
                }
                else if (d == '\u103E')
                {
                    onset = onset == "y" ? "sh" : "h" + onset; // ရှ, ယှ: "sh" (ရွှေ "Shwe"); လှ: "hl" (Hla)
                }
                else if (d is >= '\u102B' and <= '\u1032' or '\u1036')
                {
                    vowelSigns.Append(d);
                }
                else if (d is '\u1037' or '\u1038' or Asat)
                {
                    // tone marks; a stray asat
                }
                else if (Consonants.ContainsKey(d) && ClosesSyllable(word, i + 1) is var after && after > 0)
                {
                    final = d;
                    i = after;
                    continue;
                }
                else
                {
                    break;
                }
                i++;
            }
            var w = medials.ToString().Contains('w', StringComparison.Ordinal);
            if (w && vowelSigns.Length == 0 && final is 'န' or 'မ' or 'တ' or 'ပ')
            {
                // ွန် "un", ွတ် "ut" (ထွန်း "Htun", ညွန့် "Nyunt")
                syllables.Add(onset + medials.ToString().Replace("w", "", StringComparison.Ordinal) + (final is 'န' or 'မ' ? "un" : "ut"));
                continue;
            }
            syllables.Add(onset + medials + Vowel(vowelSigns.ToString(), final));
        }
        return syllables;
    }

    /// <summary>Where the syllable goes on when the consonant before <paramref name="at"/> is its final one (an asat
    /// or a stacking sign follows, perhaps after the creaky-tone dot, as in မြင့် and ညွန့်); 0 when it is not.</summary>
    private static int ClosesSyllable(string word, int at)
    {
        var j = at;
        while (j < word.Length && word[j] is '\u1037' or '\u1038')
        {
            j++;
        }
        if (j < word.Length && (word[j] == Asat || word[j] == Virama))
        {
            j++;
            while (j < word.Length && word[j] is '\u1037' or '\u1038')
            {
                j++;
            }
            return j;
        }
        return 0;
    }

    private static string Vowel(string signs, char? final)
    {
        var nasal = final is 'င' or 'ဉ' or 'ည' || signs.Contains('\u1036', StringComparison.Ordinal);
        signs = signs.Replace("\u1036", "", StringComparison.Ordinal);
        return (signs, final) switch
        {
            ("ော" or "ေါ", 'င') => "aung",
            ("ော" or "ေါ", _) => "aw",
            ("ို", 'င') => "aing",
            ("ို", _) => "o",
            ("ိ" or "ီ", _) when final is null => "i",
            ("ိ", 'န' or 'မ') => "ein",
            ("ု" or "ူ", 'န' or 'မ') => "one",
            ("ု" or "ူ", _) => "u",
            ("ေ", _) => "e",
            ("ဲ", _) => "e",
            ("ာ" or "ါ", _) => "a",
            ("", 'ည') => "i",
            ("", 'က') => "et",
            ("", 'တ' or 'စ') => "at",
            ("", 'န' or 'မ') => "an",
            ("", 'င') => "in",
            ("", null) when nasal => "an",
            ("", null) => "a",
            _ => nasal ? "an" : "a",
        };
    }
}
