namespace Habeas.Core.Text;

/// <summary>
/// The characters typed text may not hold, in one place for every form, API field and import cell (staff records and
/// supporters' cards alike). Everywhere: control characters (NUL, tab, escape …) and the bidi embedding, override and
/// isolate controls (U+202A–U+202E, U+2066–U+2069), which reorder what follows them and so hide or fake a name or a file
/// extension. In a single-line field (a name, a title, a code) also: line breaks (CR, LF, U+0085, U+2028, U+2029), the
/// directional marks (U+200E, U+200F, U+061C), and the invisible characters that make two names look alike yet differ
/// (U+200B zero-width space, U+2060–U+2064, U+FEFF, U+180E). U+200C (ZWNJ) and U+200D (ZWJ) are allowed: they change how
/// letters join in Persian, the Indic scripts and emoji. U+200B is allowed in multi-line text, where Khmer prose may use it
/// between words; Khmer names are written with an ordinary space (docs/limits.md).
/// </summary>
public static class TypedText
{
    public enum Problem
    {
        None,
        LineBreak,
        Control,
        Bidi,
        Invisible,
    }

    /// <summary>The first character this text may not hold, with its position (0-based), or <see cref="Problem.None"/>.</summary>
    public static (Problem Problem, int Index, char Character) Find(string? text, bool multiline)
    {
        if (text is null)
        {
            return (Problem.None, -1, '\0');
        }
        for (var i = 0; i < text.Length; i++)
        {
            var problem = Classify(text[i], multiline);
            if (problem != Problem.None)
            {
                return (problem, i, text[i]);
            }
        }
        return (Problem.None, -1, '\0');
    }

    public static Problem Classify(char c, bool multiline) =>
        c switch
        {
            '\n' or '\r' => multiline ? Problem.None : Problem.LineBreak,
            '\u0085' or '\u2028' or '\u2029' => multiline ? Problem.None : Problem.LineBreak,
            >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' => Problem.Bidi,
            '\u200E' or '\u200F' or '\u061C' => multiline ? Problem.None : Problem.Bidi,
            '\u200B' or >= '\u2060' and <= '\u2064' or '\uFEFF' or '\u180E' => multiline ? Problem.None : Problem.Invisible,
            _ when char.IsControl(c) => Problem.Control,
            _ => Problem.None,
        };
}
