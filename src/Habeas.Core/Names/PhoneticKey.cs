using System.Text;

namespace Habeas.Core.Names;

/// <summary>
/// The consonant skeleton of one romanized name word, with the letters people write for the same sound merged, so
/// that the spellings of one name meet on one key: Sok Yoeun, Sok Yeun, Sok Yoeurn → "SK YN"; Prueksakasemsuk and
/// Phruksakasemsuk → "PRKSKSMSK". Vowels are dropped (Khmer and Thai vowels are romanized every which way);
/// k/g/kh/q, p/ph/b/f, t/th/d, ch/j/chh, s/z/sh/ts-, v/w are one sound each, a final ch is a t; an "r" after a vowel that closes a syllable
/// is silent (the French-influenced "Yoeurn"); a final "l" is an "n" (Thai กุล: "kun" or "kul"); double letters are one.
/// </summary>
public static class PhoneticKey
{
    /// <summary>The key of a word of lower-case ASCII letters and digits (see <see cref="NameReading"/>).</summary>
    public static string Of(string word)
    {
        var key = new StringBuilder(word.Length);
        var startsWithVowel =
            word.Length > 0
            && (word[0] is 'a' or 'e' or 'i' or 'o' or 'u' || (word[0] == 'y' && (word.Length == 1 || !IsVowelLetter(word[1]))));
        var i = 0;
        while (i < word.Length)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            var next2 = i + 2 < word.Length ? word[i + 2] : '\0';
            var previous = i > 0 ? word[i - 1] : '\0';
            char code;
            var length = 1;
            switch (c)
            {
                case 'a' or 'e' or 'i' or 'o' or 'u':
                    i++;
                    continue;
                case 't' when next == 'c' && next2 == 'h':
                    code = 'C';
                    length = next2 == 'h' && i + 3 < word.Length && word[i + 3] == 'h' ? 4 : 3;
                    break;
                case 'c' when next == 'h':
                    code = 'C';
                    length = next2 == 'h' ? 3 : 2;
                    break;
                case 'z' when next == 'h':
                    code = 'C';
                    length = 2;
                    break;
                case 't' when i == 0 && next is 's' or 'z':
                    code = 'S';
                    length = 2; // Wade-Giles and German "ts", "tz": pinyin z (Tse-te, Zede)
                    break;
                case 's' when next == 'h':
                    code = 'S';
                    length = 2;
                    break;
                case 'p' or 'b' when next == 'h':
                    code = 'P';
                    length = 2;
                    break;
                case 't' or 'd' when next == 'h':
                    code = 'T';
                    length = 2;
                    break;
                case 'k' or 'g' when next == 'h':
                    code = 'K';
                    length = 2;
                    break;
                case 'n' when next == 'g':
                    code = 'G';
                    length = 2;
                    break;
                case 'n' when next is 'h' or 'y' && !IsVowelLetter(next2) && next == 'h':
                    code = 'N';
                    length = 2;
                    break;
                case 'n' when next is 'h' or 'y' && IsVowelLetter(next2):
                    code = 'Q';
                    length = 2; // ញ: "nh" or "ny" before a vowel
                    break;
                case 'c' when next == 'k':
                    code = 'K';
                    length = 2;
                    break;
                case 'k' or 'g' or 'c' or 'q':
                    code = 'K';
                    break;
                case 'x':
                    if (i == 0)
                    {
                        code = 'S';
                        break;
                    }
                    key.Append('K');
                    code = 'S';
                    break;
                case 'p' or 'b' or 'f':
                    code = 'P';
                    break;
                case 'v':
                    if (next == '\0' && IsVowelLetter(previous))
                    {
                        i++;
                        continue; // a final "v" after a vowel is a vowel (Khmer Pov, Pau; Leav, Leau)
                    }
                    code = 'W';
                    break;
                case 'w':
                    if (IsVowelLetter(previous) && !IsVowelLetter(next))
                    {
                        i++;
                        continue; // "ow", "aw": a vowel
                    }
                    code = 'W';
                    break;
                case 't' or 'd':
                    code = 'T';
                    break;
                case 'j':
                    if (i > 0 && (IsVowelLetter(previous) || previous == 'y') && !IsVowelLetter(next))
                    {
                        i++;
                        continue; // "-ej", "-yj": a vowel (Aleksej, Navalnyj)
                    }
                    code = 'C';
                    break;
                case 's' or 'z':
                    code = 'S';
                    break;
                case 'h':
                    if (i == 0 && IsVowelLetter(next))
                    {
                        code = 'H';
                        break;
                    }
                    i++;
                    continue; // silent or part of a spelling already read (Hsan, Sah)
                case 'y':
                    if (IsVowelLetter(next))
                    {
                        code = 'Y';
                        break;
                    }
                    i++;
                    continue; // a vowel (Sary, Chhay)
                case 'r':
                    if (i > 0 && IsVowelLetter(previous) && !IsVowelLetter(next) && next != 'r')
                    {
                        i++;
                        continue; // silent final r (Yoeurn, Phorn)
                    }
                    code = 'R';
                    break;
                case 'l':
                    code = next == '\0' && i > 0 ? 'N' : 'L';
                    break;
                case 'm':
                    code = 'M';
                    break;
                case 'n':
                    code = 'N';
                    break;
                default:
                    code = c; // digits
                    break;
            }
            if (key.Length == 0 || key[^1] != code)
            {
                key.Append(code);
            }
            i += length;
        }
        // A final "ch" is a "t" (Thai พานิช: Panich or Panit; Khmer final ច).
        if (key.Length > 1 && key[^1] == 'C' && word.EndsWith("ch", StringComparison.Ordinal))
        {
            key[^1] = 'T';
            if (key[^2] == 'T')
            {
                key.Length--;
            }
        }
        if (startsWithVowel)
        {
            key.Insert(0, 'V');
        }
        return key.Length == 0 ? "V" : key.ToString();
    }

    private static bool IsVowelLetter(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
