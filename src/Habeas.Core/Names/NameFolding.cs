using System.Globalization;
using System.Text;

namespace Habeas.Core.Names;

/// <summary>
/// Folds text for matching: lower case, Latin/Greek/Cyrillic diacritics removed (Nguyễn → nguyen,
/// Đ → d), spaces collapsed. Khmer, Thai and other scripts keep their combining vowels and signs,
/// which are letters of the word there, not decoration.
/// </summary>
public static class NameFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var previousBase = '\0';
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark && previousBase < '\u0530')
            {
                continue;
            }
            if (char.IsWhiteSpace(c) || c is '-' or '\'' or '’' or '.' or ',')
            {
                if (!lastWasSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            if (category != UnicodeCategory.NonSpacingMark)
            {
                previousBase = c;
            }
            builder.Append(
                c switch
                {
                    'Đ' or 'đ' => 'd',
                    'Ł' or 'ł' => 'l',
                    'Ø' or 'ø' => 'o',
                    'ß' => 's',
                    _ => char.ToLowerInvariant(c),
                }
            );
        }
        return builder.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }
}
