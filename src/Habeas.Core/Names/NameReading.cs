using System.Text;

namespace Habeas.Core.Names;

/// <summary>
/// Reads a name, in any script, as the Latin words it is commonly written with: Khmer, Thai and Burmese by this
/// project's romanizers, Chinese, Cyrillic and every other script through ICU (<see cref="IcuText"/>), Latin with its
/// diacritics removed (Nguyễn Văn Đài → nguyen van dai). Honorifics in front of a name (Mr, Lok, លោក, นาย, U, Daw,
/// Venerable …) are dropped, and a hyphen joins (Xiao-bo → xiaobo).
/// </summary>
public static class NameReading
{
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        // Not here, though honorifics too, because they are also family names: Khun (ឃុន), Nai (ណៃ), He (何), Nang, M.
        // English and French
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "madam",
        "mme",
        "mlle",
        "hon",
        "rev",
        "venerable",
        "ven",
        // Khmer, romanized and in Khmer script
        "lok",
        "loksrey",
        "neak",
        "neaksrey",
        "okhna",
        "oknha",
        "samdech",
        "ekkak",
        "bhikkhu",
        "preah",
        "លោក",
        "លោកស្រី",
        "អ្នក",
        "អ្នកស្រី",
        "ឯកឧត្តម",
        "សម្តេច",
        "សម្ដេច",
        "ឧកញ៉ា",
        "ព្រះ",
        "ភិក្ខុ",
        "កញ្ញា",
        // Thai
        "nangsao",
        "phra",
        "นาย",
        "นาง",
        "นางสาว",
        "คุณ",
        "ดร",
        "พระ",
        "น.ส.",
        "ด.ช.",
        "ด.ญ.",
        // Burmese, Vietnamese, Chinese
        "u",
        "daw",
        "ဦး",
        "ဒေါ်",
        "ông",
        "bà",
    };

    /// <summary>The words of <paramref name="name"/> in lower-case ASCII Latin letters, honorifics removed.</summary>
    public static IReadOnlyList<string> Words(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }
        var parts = name.Normalize(NormalizationForm.FormC)
            .Split([' ', '\t', '\u00A0', '\u200B', ',', '(', ')', '"', '“', '”', '/'], StringSplitOptions.RemoveEmptyEntries);
        var words = new List<string>(parts.Length + 2);
        var leading = true;
        for (var p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            var bare = part.TrimEnd('.');
            // Honorifics lead a name; one is dropped only when more of the name follows it.
            if (
                leading
                && p + 1 < parts.Length
                && (
                    Honorifics.Contains(bare.ToLowerInvariant())
                    || Honorifics.Contains(NameFolding.Fold(bare).Replace(" ", "", StringComparison.Ordinal))
                )
            )
            {
                continue;
            }
            leading = false;
            foreach (var word in Romanize(part))
            {
                if (word.Length > 0)
                {
                    words.Add(word);
                }
            }
        }
        // "Lok Srey" is two words before a name.
        if (words.Count > 2 && words[0] == "lok" && words[1] == "srey")
        {
            words.RemoveRange(0, 2);
        }
        return words;
    }

    /// <summary>One space-separated part of a name as one or more Latin words.</summary>
    private static IEnumerable<string> Romanize(string part)
    {
        var script = ScriptDetector.Detect(part);
        switch (script)
        {
            case "Khmr":
                return [Ascii(KhmerRomanizer.Romanize(part))];
            case "Thai":
                return [Ascii(ThaiRomanizer.Romanize(part))];
            case "Mymr":
                return BurmeseRomanizer.Romanize(part).Select(Ascii);
            case "Cyrl":
                // BGN/PCGN, as passports and the press write Russian names (Юрий → Yuriy, Жуков → Zhukov).
                return IcuText
                    .Transliterate("Russian-Latin/BGN; Latin-ASCII", part)
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(Ascii);
            case "Hani":
                // Family name first, then the given name written as one word (刘晓波 → liu xiaobo).
                var syllables = IcuText
                    .Transliterate("Han-Latin; Latin-ASCII", part)
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(Ascii)
                    .ToList();
                return syllables.Count <= 1 ? syllables : [syllables[0], string.Concat(syllables.Skip(1))];
            case "Latn" or "Zyyy":
                return [Ascii(NameFolding.Fold(part))];
            default:
                return IcuText
                    .Transliterate("Any-Latin; Latin-ASCII", part)
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(Ascii);
        }
    }

    /// <summary>Lower-case ASCII letters and digits only; anything else (apostrophes, hyphens, dots) is dropped.</summary>
    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(lower);
            }
            else if (lower > 127 && char.IsLetter(lower))
            {
                builder.Append(
                    IcuText
                        .Transliterate("Any-Latin; Latin-ASCII", lower.ToString())
                        .ToLowerInvariant()
                        .Where(char.IsAsciiLetterOrDigit)
                        .ToArray()
                );
            }
        }
        return builder.ToString();
    }
}
