using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Habeas.Platform.Localization;

/// <summary>
/// The interface strings, one JSON file per language (Localization/en.json, km.json), embedded in the
/// program. A missing key shows as [key] so it is seen, and a test fails when a language lacks a key.
/// </summary>
public sealed class Texts
{
    public static readonly IReadOnlyList<string> Languages = ["en", "km"];

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    public Texts()
    {
        _byLanguage = Languages.ToFrozenDictionary(l => l, Load);
    }

    public static FrozenDictionary<string, string> Load(string language)
    {
        using var stream = typeof(Texts).Assembly.GetManifestResourceStream($"localization/{language}.json")
            ?? throw new InvalidOperationException($"No interface strings for language '{language}'.");
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return values.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static string CurrentLanguage
    {
        get
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return Languages.Contains(language) ? language : "en";
        }
    }

    public string this[string key] => Get(CurrentLanguage, key);

    public string Get(string language, string key)
    {
        if (_byLanguage.TryGetValue(language, out var values) && values.TryGetValue(key, out var text))
        {
            return text;
        }
        return _byLanguage["en"].TryGetValue(key, out var english) ? english : $"[{key}]";
    }

    /// <summary>
    /// The label of a field of a record's history or of a conflict ("field.{name}"), or the field's own name when it has
    /// none yet (a field added to a record before its label), never a "[key]" placeholder.
    /// </summary>
    public string FieldLabel(string field) => _byLanguage["en"].ContainsKey("field." + field) ? this["field." + field] : field;

    /// <summary>A string with {0}-style placeholders filled in.</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);
}
