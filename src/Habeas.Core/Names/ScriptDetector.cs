using System.Globalization;
using System.Text;

namespace Habeas.Core.Names;

/// <summary>Detects the writing system of a name, as an ISO 15924 code (Khmr, Latn, Thai, Cyrl, Hani, Mymr, …).</summary>
public static class ScriptDetector
{
    /// <summary>The script most letters of <paramref name="text"/> belong to; "Zyyy" (common) when it has no letters.</summary>
    public static string Detect(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rune in text.EnumerateRunes())
        {
            if (
                !Rune.IsLetter(rune)
                && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            )
            {
                continue;
            }
            var script = Of(rune.Value);
            if (script is null)
            {
                continue;
            }
            counts[script] = counts.GetValueOrDefault(script) + 1;
        }
        return counts.Count == 0 ? "Zyyy" : counts.MaxBy(c => c.Value).Key;
    }

    private static string? Of(int c) =>
        c switch
        {
            <= 0x024F => "Latn",
            >= 0x1E00 and <= 0x1EFF => "Latn",
            >= 0x0370 and <= 0x03FF => "Grek",
            >= 0x0400 and <= 0x052F => "Cyrl",
            >= 0x0530 and <= 0x058F => "Armn",
            >= 0x0590 and <= 0x05FF => "Hebr",
            >= 0x0600 and <= 0x06FF => "Arab",
            >= 0x0900 and <= 0x097F => "Deva",
            >= 0x0E00 and <= 0x0E7F => "Thai",
            >= 0x0E80 and <= 0x0EFF => "Laoo",
            >= 0x0F00 and <= 0x0FFF => "Tibt",
            >= 0x1000 and <= 0x109F => "Mymr",
            >= 0x10A0 and <= 0x10FF => "Geor",
            >= 0x1100 and <= 0x11FF => "Hang",
            >= 0x1780 and <= 0x17FF => "Khmr",
            >= 0x19E0 and <= 0x19FF => "Khmr",
            >= 0x3040 and <= 0x309F => "Hira",
            >= 0x30A0 and <= 0x30FF => "Kana",
            >= 0x3400 and <= 0x9FFF => "Hani",
            >= 0xAC00 and <= 0xD7AF => "Hang",
            >= 0x20000 and <= 0x2FA1F => "Hani",
            _ => null,
        };
}
