namespace Habeas.Core.Letters;

/// <summary>
/// What an anonymous supporter may type (a name, a town, a card's message): bounded in length and free of control
/// characters, which have no place in a letter or card and are how some abuse hides itself (the rule is
/// <see cref="Text.TypedText"/>, shared with every staff form and the API).
/// </summary>
public static class SupporterText
{
    public const int MaxName = 80;
    public const int MaxTown = 80;
    public const int MaxMessage = 600;

    public enum Problem
    {
        None,
        TooLong,
        ControlCharacters,
    }

    /// <summary>What is wrong with the text; line breaks are allowed only when <paramref name="multiline"/>.</summary>
    public static Problem Check(string? text, int maxLength, bool multiline = false)
    {
        if (text is null)
        {
            return Problem.None;
        }
        if (text.Length > maxLength)
        {
            return Problem.TooLong;
        }
        return Text.TypedText.Find(text, multiline).Problem == Text.TypedText.Problem.None ? Problem.None : Problem.ControlCharacters;
    }
}
