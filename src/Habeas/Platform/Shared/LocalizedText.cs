using System.Globalization;

namespace Habeas.Platform.Shared;

/// <summary>
/// Text held in several languages side by side, keyed by language tag ("en", "km", "th").
/// Stored as one JSON column.
/// </summary>
public sealed class LocalizedText : Dictionary<string, string>
{
    public LocalizedText()
        : base(StringComparer.OrdinalIgnoreCase) { }

    public LocalizedText(IDictionary<string, string> values)
        : base(values, StringComparer.OrdinalIgnoreCase) { }

    public static LocalizedText Of(string language, string? text)
    {
        var result = new LocalizedText();
        if (!string.IsNullOrWhiteSpace(text))
        {
            result[language] = text.Trim();
        }
        return result;
    }

    /// <summary>The text in the current UI language, else English, else any language held.</summary>
    public string Best(CultureInfo? culture = null)
    {
        var language = (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName;
        if (TryGetValue(language, out var text))
        {
            return text;
        }
        if (TryGetValue("en", out text))
        {
            return text;
        }
        return Values.FirstOrDefault() ?? "";
    }

    public LocalizedText With(string language, string? text)
    {
        var copy = new LocalizedText(this);
        if (string.IsNullOrWhiteSpace(text))
        {
            copy.Remove(language);
        }
        else
        {
            copy[language] = text.Trim();
        }
        return copy;
    }
}
