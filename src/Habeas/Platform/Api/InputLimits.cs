namespace Habeas.Platform.Api;

/// <summary>
/// The most items each collection of an input may hold, in one list (docs/limits.md is this list, with the reasons).
/// A form, an API call or an import row over a limit gets an error naming the field, and nothing in the collection
/// is looked at one by one: the work a request can cause is bounded before it starts.
/// </summary>
public static class InputLimits
{
    /// <param name="Key">The limit's name; "limits.{Key}" in the translations (Localization/translations) is the noun in each language.</param>
    /// <param name="Max">The most items allowed.</param>
    /// <param name="Noun">The items, in English ("names").</param>
    public sealed record Limit(string Key, int Max, string Noun);

    public static readonly Limit PersonNames = new("names", 50, "names");
    public static readonly Limit PersonTags = new("tags", 30, "tags");

    /// <summary>Languages of one multilingual text (a biography, a case summary, an appeal …).</summary>
    public static readonly Limit TextLanguages = new("languages", 10, "languages");
    public static readonly Limit EventPeople = new("eventPeople", 200, "people");
    public static readonly Limit CasePeople = new("casePeople", 500, "people");
    public static readonly Limit AccessUsers = new("accessUsers", 200, "users");
    public static readonly Limit AccessTeams = new("accessTeams", 50, "teams");
    public static readonly Limit ActionCases = new("actionCases", 100, "cases");
    public static readonly Limit ActionConcerns = new("actionConcerns", 30, "concerns");
    public static readonly Limit StoryQuotes = new("storyQuotes", 50, "quotes");
    public static readonly Limit StoryMedia = new("storyMedia", 20, "images");
    public static readonly Limit ReplyFiles = new("replyFiles", 20, "files");
    public static readonly Limit ConfidentialFields = new("confidentialFields", 20, "fields");
    public static readonly Limit ImportColumns = new("importColumns", 300, "columns");

    /// <summary>Entries of an import mapping, all kinds together (columns, splits, constants, date formats, values).</summary>
    public static readonly Limit ImportMapping = new("importMapping", 2000, "mapping entries");

    /// <summary>How many of a new person's names are looked up for possible duplicates (the first ones: the primary
    /// name and what follows it). More names would only add index searches.</summary>
    public const int DuplicateLookupNames = 5;

    /// <summary>Every limit, for the documentation test.</summary>
    public static IReadOnlyList<Limit> All { get; } =
    [
        PersonNames,
        PersonTags,
        TextLanguages,
        EventPeople,
        CasePeople,
        AccessUsers,
        AccessTeams,
        ActionCases,
        ActionConcerns,
        StoryQuotes,
        StoryMedia,
        ReplyFiles,
        ConfidentialFields,
        ImportColumns,
        ImportMapping,
    ];

    /// <summary>Checks the languages of a multilingual text: at most <see cref="TextLanguages"/>, each a short language tag.</summary>
    public static bool CheckLanguages<T>(Validation v, string field, IReadOnlyDictionary<string, T>? texts)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (texts is null || !v.Count(field, texts.Count, TextLanguages))
        {
            return false;
        }
        foreach (var language in texts.Keys)
        {
            if (language.Length is < 2 or > 20 || !language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                v.Add($"{field}.{language}", "validation.languageTag", language);
            }
        }
        return true;
    }
}
