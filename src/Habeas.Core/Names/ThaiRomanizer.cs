using System.Text;

namespace Habeas.Core.Names;

/// <summary>
/// Writes a Thai name in Latin letters close to how Thais write their own names (สมยศ → "somoyot", matching
/// "Somyot"; กุล → "kun", matched to "kul" by <see cref="PhoneticKey"/>): each consonant with its initial sound, its
/// final sound at the end of the word, silent letters dropped (์, a leading ห or อ), vowels from their signs and an
/// implicit "o" between bare consonants. ICU's Thai-Latin is a letter-for-letter transliteration (สมยศ → "smys"),
/// which nobody writes, so names are not matched through it.
/// </summary>
public static class ThaiRomanizer
{
    private static readonly Dictionary<char, (string Initial, string Final)> Consonants = new()
    {
        ['ก'] = ("k", "k"),
        ['ข'] = ("kh", "k"),
        ['ฃ'] = ("kh", "k"),
        ['ค'] = ("kh", "k"),
        ['ฅ'] = ("kh", "k"),
        ['ฆ'] = ("kh", "k"),
        ['ง'] = ("ng", "ng"),
        ['จ'] = ("ch", "t"),
        ['ฉ'] = ("ch", "t"),
        ['ช'] = ("ch", "t"),
        ['ซ'] = ("s", "t"),
        ['ฌ'] = ("ch", "t"),
        ['ญ'] = ("y", "n"),
        ['ฎ'] = ("d", "t"),
        ['ฏ'] = ("t", "t"),
        ['ฐ'] = ("th", "t"),
        ['ฑ'] = ("th", "t"),
        ['ฒ'] = ("th", "t"),
        ['ณ'] = ("n", "n"),
        ['ด'] = ("d", "t"),
        ['ต'] = ("t", "t"),
        ['ถ'] = ("th", "t"),
        ['ท'] = ("th", "t"),
        ['ธ'] = ("th", "t"),
        ['น'] = ("n", "n"),
        ['บ'] = ("b", "p"),
        ['ป'] = ("p", "p"),
        ['ผ'] = ("ph", "p"),
        ['ฝ'] = ("f", "p"),
        ['พ'] = ("ph", "p"),
        ['ฟ'] = ("f", "p"),
        ['ภ'] = ("ph", "p"),
        ['ม'] = ("m", "m"),
        ['ย'] = ("y", "i"),
        ['ร'] = ("r", "n"),
        ['ล'] = ("l", "n"),
        ['ว'] = ("w", "o"),
        ['ศ'] = ("s", "t"),
        ['ษ'] = ("s", "t"),
        ['ส'] = ("s", "t"),
        ['ห'] = ("h", ""),
        ['ฬ'] = ("l", "n"),
        ['อ'] = ("", ""),
        ['ฮ'] = ("h", ""),
    };

    private static readonly Dictionary<char, string> FollowingVowels = new()
    {
        ['ะ'] = "a",
        ['ั'] = "a",
        ['า'] = "a",
        ['ำ'] = "am",
        ['ิ'] = "i",
        ['ี'] = "i",
        ['ึ'] = "ue",
        ['ื'] = "ue",
        ['ุ'] = "u",
        ['ู'] = "u",
        ['ๅ'] = "",
    };

    private static readonly Dictionary<char, string> LeadingVowels = new()
    {
        ['เ'] = "e",
        ['แ'] = "ae",
        ['โ'] = "o",
        ['ใ'] = "ai",
        ['ไ'] = "ai",
    };

    public static bool IsThai(char c) => c is >= '\u0E00' and <= '\u0E7F';

    /// <summary>One Thai word in Latin letters, lower case.</summary>
    public static string Romanize(string word)
    {
        // Silent letters first: a consonant under ์ (thanthakhat), with any vowel on it.
        var letters = new List<char>(word.Length);
        foreach (var c in word)
        {
            if (c == '\u0E4C')
            {
                while (letters.Count > 0 && !Consonants.ContainsKey(letters[^1]))
                {
                    letters.RemoveAt(letters.Count - 1);
                }
                if (letters.Count > 0)
                {
                    letters.RemoveAt(letters.Count - 1);
                }
                continue;
            }
            if (c is >= '\u0E48' and <= '\u0E4B' or '\u0E47' or 'ฯ' or 'ๆ')
            {
                continue; // tone marks, the shortener, abbreviation and repetition signs
            }
            letters.Add(c);
        }
        // A ร ending the word after a bare stop is silent (จิตร "chit", บุตร "but", เพชร "phet"); after พ it is read (พร "phon").
        if (letters.Count >= 3 && letters[^1] == 'ร' && letters[^2] is 'ต' or 'ท' or 'ช' or 'ด' && !Consonants.ContainsKey(letters[^3]))
        {
            letters.RemoveAt(letters.Count - 1);
        }

        var output = new StringBuilder(letters.Count * 2);
        string? pendingVowel = null;
        var afterVowelSign = false;
        for (var i = 0; i < letters.Count; i++)
        {
            var c = letters[i];
            if (LeadingVowels.TryGetValue(c, out var leading))
            {
                pendingVowel = leading;
                continue;
            }
            if (c is 'ฤ' or 'ฦ')
            {
                output.Append(c == 'ฤ' ? "rue" : "lue");
                continue;
            }
            if (c is >= '๐' and <= '๙')
            {
                output.Append((char)('0' + (c - '๐')));
                continue;
            }
            if (FollowingVowels.TryGetValue(c, out var vowel))
            {
                output.Append(vowel);
                afterVowelSign = vowel.Length > 0;
                continue;
            }
            var closesSyllable = afterVowelSign;
            afterVowelSign = false;
            if (!Consonants.TryGetValue(c, out var consonant))
            {
                continue;
            }
            var next = i + 1 < letters.Count ? letters[i + 1] : '\0';
            // ห before a sonorant (หน, หม, หล, หว, หย, หร, หง, หญ) and อ before ย are silent: they only set the tone.
            // Elsewhere a bare อ starting a word carries the vowel (อนุชา "anucha", อภิสิทธิ์ "aphisit").
            if (
                pendingVowel is null
                && IsSyllableStart(output)
                && ((c == 'ห' && next is 'น' or 'ม' or 'ล' or 'ว' or 'ย' or 'ร' or 'ง' or 'ญ') || (c == 'อ' && next == 'ย'))
            )
            {
                continue;
            }
            if (c == 'อ' && output.Length == 0 && pendingVowel is null && Consonants.ContainsKey(next))
            {
                output.Append('a');
                continue;
            }
            // ทร before a vowel is "s" (ทรัพย์ "sap", ทราย "sai").
            if (c == 'ท' && next == 'ร' && i + 2 < letters.Count && FollowingVowels.ContainsKey(letters[i + 2]))
            {
                output.Append('s');
                if (pendingVowel is not null)
                {
                    output.Append(pendingVowel);
                    pendingVowel = null;
                }
                i++;
                continue;
            }
            var isLast = i + 1 == letters.Count;
            var hasVowelBefore = output.Length > 0 && IsVowel(output[^1]);
            if (isLast && output.Length > 0 && pendingVowel is null)
            {
                // The last consonant closes the syllable: an implicit "o" when nothing else gives it a vowel.
                if (!hasVowelBefore)
                {
                    output.Append('o');
                }
                output.Append(consonant.Final);
                continue;
            }
            // After a written vowel, a consonant followed by another one closes the syllable (บุญ|ภัทร → "bun-phat",
            // ศิท|ธิ → "sit-thi"); ร, ว and the s letters there usually begin the next one.
            if (
                closesSyllable
                && pendingVowel is null
                && Consonants.ContainsKey(next)
                && c is not ('ร' or 'ว' or 'อ' or 'ห' or 'ส' or 'ศ' or 'ษ')
            )
            {
                output.Append(consonant.Final);
                continue;
            }
            output.Append(consonant.Initial);
            if (pendingVowel is not null)
            {
                // A leading vowel's syllable may close with the next bare consonant (เพ็ญ|ศรี → "phen-si").
                output.Append(pendingVowel);
                pendingVowel = null;
                afterVowelSign = true;
                continue;
            }
            // A bare consonant followed by another consonant carries an implicit vowel.
            if (Consonants.ContainsKey(next) || LeadingVowels.ContainsKey(next))
            {
                output.Append('o');
            }
        }
        if (pendingVowel is not null)
        {
            output.Append(pendingVowel);
        }
        return output.ToString();
    }

    private static bool IsSyllableStart(StringBuilder output) => output.Length == 0 || IsVowel(output[^1]);

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
