using System.Globalization;
using System.Text;

namespace Habeas.Platform.Localization;

/// <summary>
/// One gettext PO (or POT) file, read: each entry's context (the key the code uses), its English text (msgid, and
/// msgid_plural) and its translations (msgstr, or msgstr[0..n] for plural forms), with the header's Plural-Forms. Fuzzy
/// entries count as untranslated, as gettext's own tools treat them. No library for PO files is served here
/// (docs/decisions.md).
/// </summary>
public sealed class PoFile
{
    public sealed record Entry(string Key, string English, string? EnglishPlural, IReadOnlyList<string> Translations, bool Fuzzy)
    {
        public bool Translated => !Fuzzy && Translations.Count > 0 && Translations.All(t => t.Length > 0);
    }

    public required IReadOnlyList<Entry> Entries { get; init; }

    public required PluralRule Plural { get; init; }

    public string? Language { get; init; }

    public static PoFile Parse(TextReader reader, string name)
    {
        var entries = new List<Entry>();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? context = null,
            id = null,
            idPlural = null;
        var strings = new SortedDictionary<int, string>();
        var fuzzy = false;
        // The field a continuation line ("...") adds to.
        Action<string>? append = null;
        var lineNumber = 0;

        void Flush()
        {
            if (id is null)
            {
                context = null;
                strings.Clear();
                fuzzy = false;
                return;
            }
            if (id.Length == 0 && context is null)
            {
                foreach (var line in (strings.GetValueOrDefault(0) ?? "").Split('\n'))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    }
                }
            }
            else
            {
                entries.Add(new Entry(context ?? id, id, idPlural, [.. strings.Values], fuzzy));
            }
            context = id = idPlural = null;
            strings = [];
            fuzzy = false;
            append = null;
        }

        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith("#,", StringComparison.Ordinal))
            {
                if (id is not null)
                {
                    Flush();
                }
                fuzzy |= line[2..].Split(',').Any(f => f.Trim() == "fuzzy");
                continue;
            }
            if (line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith('"'))
            {
                if (append is null)
                {
                    throw new FormatException($"{name}:{lineNumber}: a string with no keyword before it.");
                }
                append(Unquote(line, name, lineNumber));
                continue;
            }
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException($"{name}:{lineNumber}: expected a keyword and a string.");
            }
            var keyword = line[..space];
            var value = Unquote(line[(space + 1)..].Trim(), name, lineNumber);
            switch (keyword)
            {
                case "msgctxt":
                    if (id is not null)
                    {
                        Flush();
                    }
                    context = value;
                    append = s => context += s;
                    break;
                case "msgid":
                    if (id is not null)
                    {
                        Flush();
                    }
                    id = value;
                    append = s => id += s;
                    break;
                case "msgid_plural":
                    idPlural = value;
                    append = s => idPlural += s;
                    break;
                case "msgstr":
                    strings[0] = value;
                    append = s => strings[0] += s;
                    break;
                default:
                    if (keyword.StartsWith("msgstr[", StringComparison.Ordinal) && keyword.EndsWith(']'))
                    {
                        var index = int.Parse(keyword[7..^1], CultureInfo.InvariantCulture);
                        strings[index] = value;
                        append = s => strings[index] += s;
                        break;
                    }
                    throw new FormatException($"{name}:{lineNumber}: unknown keyword '{keyword}'.");
            }
        }
        Flush();
        var language = headers.GetValueOrDefault("Language");
        return new PoFile
        {
            Entries = entries,
            Plural = PluralRule.Parse(headers.GetValueOrDefault("Plural-Forms")),
            Language = string.IsNullOrWhiteSpace(language) ? null : language,
        };
    }

    private static string Unquote(string quoted, string name, int lineNumber)
    {
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            throw new FormatException($"{name}:{lineNumber}: a string must be in double quotes.");
        }
        var text = new StringBuilder(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (++i >= quoted.Length - 1)
            {
                throw new FormatException($"{name}:{lineNumber}: a string ends with a lone backslash.");
            }
            text.Append(
                quoted[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '"' => '"',
                    '\\' => '\\',
                    var other => throw new FormatException($"{name}:{lineNumber}: unknown escape '\\{other}'."),
                }
            );
        }
        return text.ToString();
    }
}
