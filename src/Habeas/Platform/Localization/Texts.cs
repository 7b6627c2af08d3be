using System.Collections.Frozen;
using System.Globalization;

namespace Habeas.Platform.Localization;

/// <summary>
/// The interface strings, in gettext PO files read at start: those shipped inside the program (from
/// Platform/Localization/translations), then those in a <c>translations</c> folder beside the program and in the folder
/// HABEAS_TRANSLATIONS names, which add languages and override strings:
/// <c>habeas.pot</c> holds every key (msgctxt) with its English text (msgid), and each <c>LANG.po</c> the translations
/// of one language. Adding a language is adding a file (docs/translating.md). A key a language lacks is said in
/// English; a key nobody has shows as [key] so it is seen, and tests fail on both.
/// </summary>
public sealed class Texts
{
    public const string Template = "habeas.pot";

    private static readonly Lazy<FrozenDictionary<string, Catalog>> Catalogs = new(LoadAll);

    /// <summary>The interface languages: English, then every language with a PO file, by code.</summary>
    public static IReadOnlyList<string> Languages =>
        field ??= ["en", .. Catalogs.Value.Keys.Where(k => k != "en").Order(StringComparer.Ordinal)];

    public sealed record Catalog(
        string Language,
        FrozenDictionary<string, string> Strings,
        FrozenDictionary<string, string[]> Plurals,
        PluralRule Rule
    );

    /// <summary>The folders translations are read from after the shipped ones (a later file of the same language adds
    /// to and overrides an earlier one).</summary>
    public static IEnumerable<string> Folders()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "translations");
        if (Environment.GetEnvironmentVariable("HABEAS_TRANSLATIONS") is { Length: > 0 } extra)
        {
            yield return extra;
        }
    }

    private static FrozenDictionary<string, Catalog> LoadAll()
    {
        var assembly = typeof(Texts).Assembly;
        var shipped = assembly
            .GetManifestResourceNames()
            .Where(n => n.StartsWith("translations/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!, System.Text.Encoding.UTF8);
                return (Path: n, File: PoFile.Parse(reader, n));
            });
        var files = shipped
            .Concat(
                Folders()
                    .Where(Directory.Exists)
                    .SelectMany(folder => Directory.EnumerateFiles(folder, "*.po*").Order(StringComparer.Ordinal))
                    .Select(f => (Path: f, File: Read(f)))
            )
            .Where(f => f.Path.EndsWith(".po", StringComparison.Ordinal) || Path.GetFileName(f.Path) == Template)
            .ToList();
        var template = files.Where(f => Path.GetFileName(f.Path) == Template).Select(f => f.File).LastOrDefault()
            ?? throw new InvalidOperationException(
                $"No {Template} in {string.Join(" or ", Folders())}: the interface strings are missing from this installation."
            );
        var catalogs = new Dictionary<string, Catalog> { ["en"] = English(template) };
        foreach (var (path, file) in files.Where(f => f.Path.EndsWith(".po", StringComparison.Ordinal)))
        {
            var language = Path.GetFileNameWithoutExtension(path);
            var translated = file.Entries.Where(e => e.Translated).ToList();
            var earlier = catalogs.GetValueOrDefault(language);
            var strings = new Dictionary<string, string>(
                earlier?.Strings ?? FrozenDictionary<string, string>.Empty,
                StringComparer.Ordinal
            );
            var plurals = new Dictionary<string, string[]>(
                earlier?.Plurals ?? FrozenDictionary<string, string[]>.Empty,
                StringComparer.Ordinal
            );
            foreach (var entry in translated)
            {
                strings[entry.Key] = entry.Translations[0];
                if (entry.EnglishPlural is not null)
                {
                    plurals[entry.Key] = [.. entry.Translations];
                }
            }
            catalogs[language] = new Catalog(
                language,
                strings.ToFrozenDictionary(StringComparer.Ordinal),
                plurals.ToFrozenDictionary(StringComparer.Ordinal),
                file.Plural
            );
        }
        return catalogs.ToFrozenDictionary();
    }

    private static PoFile Read(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return PoFile.Parse(reader, Path.GetFileName(path));
    }

    private static Catalog English(PoFile template) =>
        new(
            "en",
            template.Entries.ToFrozenDictionary(e => e.Key, e => e.English, StringComparer.Ordinal),
            template
                .Entries.Where(e => e.EnglishPlural is not null)
                .ToFrozenDictionary(e => e.Key, e => new[] { e.English, e.EnglishPlural! }, StringComparer.Ordinal),
            PluralRule.English
        );

    /// <summary>A language's strings by key (for a plural, its first form); English for "en".</summary>
    public static FrozenDictionary<string, string> Load(string language) =>
        Catalogs.Value.TryGetValue(language, out var catalog)
            ? catalog.Strings
            : throw new InvalidOperationException($"No interface strings for language '{language}'.");

    public static Catalog CatalogOf(string language) =>
        Catalogs.Value.TryGetValue(language, out var catalog) ? catalog : Catalogs.Value["en"];

    /// <summary>The keys English has and <paramref name="language"/> does not translate (or marks fuzzy).</summary>
    public static IReadOnlyList<string> Missing(string language)
    {
        var strings = Load(language);
        return [.. Load("en").Keys.Where(k => !strings.ContainsKey(k)).Order(StringComparer.Ordinal)];
    }

    public static string CurrentLanguage
    {
        get
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return Catalogs.Value.ContainsKey(language) ? language : "en";
        }
    }

    public string this[string key] => Get(CurrentLanguage, key);

    public string Get(string language, string key)
    {
        if (Catalogs.Value.TryGetValue(language, out var catalog) && catalog.Strings.TryGetValue(key, out var text))
        {
            return text;
        }
        return Catalogs.Value["en"].Strings.TryGetValue(key, out var english) ? english : $"[{key}]";
    }

    /// <summary>Whether a key exists (in English, which has every key).</summary>
    public static bool Has(string key) => Catalogs.Value["en"].Strings.ContainsKey(key);

    /// <summary>
    /// The label of a field of a record's history or of a conflict ("field.{name}"), or the field's own name when it has
    /// none yet (a field added to a record before its label), never a "[key]" placeholder.
    /// </summary>
    public string FieldLabel(string field) => Has("field." + field) ? this["field." + field] : field;

    /// <summary>A string with {0}-style placeholders filled in.</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    /// <summary>A string with {0}-style placeholders filled in, in a given language.</summary>
    public string FormatIn(string language, string key, params object?[] args) =>
        string.Format(CultureInfo.GetCultureInfo(language), Get(language, key), args);

    /// <summary>
    /// The form of a plural message (msgid_plural in the PO files) that <paramref name="count"/> takes in the current
    /// language, by its Plural-Forms rule ("1 person", "2 people"; Khmer and Thai have one form), with {0} the count
    /// as the reader writes numbers and {1}… the other arguments.
    /// </summary>
    public string Plural(string key, long count, params object?[] args) => PluralIn(CurrentLanguage, key, count, args);

    public string PluralIn(string language, string key, long count, params object?[] args)
    {
        var catalog = Catalogs.Value.TryGetValue(language, out var c) && c.Plurals.ContainsKey(key) ? c : Catalogs.Value["en"];
        var text = catalog.Plurals.TryGetValue(key, out var forms)
            ? forms[Math.Min(catalog.Rule.FormOf(count), forms.Length - 1)]
            : Get(language, key);
        return string.Format(CultureInfo.GetCultureInfo(language), text, [Display.Number(count, language), .. args]);
    }
}
