namespace Habeas.Platform.Access;

/// <summary>
/// Who may see a person, case, event or source (docs/permissions.md): <c>public</c> (published: anonymous
/// visitors too), <c>internal</c> (every signed-in role; the default) or <c>restricted</c> (administrators and
/// the users and teams named in <see cref="RecordGrant"/>). The database context filters every query by it.
/// </summary>
public static class RecordLevels
{
    public const string Public = "public";
    public const string Internal = "internal";
    public const string Restricted = "restricted";

    public static readonly IReadOnlyList<string> All = [Public, Internal, Restricted];

    /// <summary>The levels by their names in the reader's language, each with its code: "Public (public), …".</summary>
    public static Api.Problems.Listing Choices => Api.Problems.LabelledCodes(All, l => "level.name." + l);

    public static bool IsValid(string? level) => level is not null && All.Contains(level);

    /// <summary>Sets a record's level if <paramref name="viewer"/> may (<see cref="LevelRule"/>); else throws
    /// <see cref="AccessDeniedException"/>, answered 403 with the reason, before anything is saved.</summary>
    public static void Set(IHasLevel record, string level, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (LevelRule.Refusal(viewer, record.Level, level) is { } refusal)
        {
            throw new AccessDeniedException(refusal.Key, refusal.Args);
        }
        record.Level = level;
    }

    /// <summary>A level sent with a record must be one of the three (leaving it out keeps the current one).</summary>
    public static void Check(Api.Validation validation, string? level)
    {
        if (level is not null && !IsValid(level))
        {
            validation.Add("level", "level.error.invalid", level, Choices);
        }
    }
}

/// <summary>
/// Who may set a record's level, checked by each feature before it saves (the inputs of people, cases, events and
/// sources call <see cref="RecordLevels.Set"/>): publishing a record (making it public) and taking it off the public
/// site are for coordinators and administrators. Whoever makes a record restricted is named on it by the save
/// (<see cref="RestrictedGrants"/>), so they keep seeing what they restricted.
/// </summary>
public static class LevelRule
{
    /// <summary>Null when <paramref name="viewer"/> may change a record's level from <paramref name="before"/> (null:
    /// a new record) to <paramref name="level"/>; else why not: a text key and its arguments.</summary>
    public static (string Key, object?[] Args)? Refusal(Viewer viewer, string? before, string level)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (level == before)
        {
            return null;
        }
        if (!RecordLevels.IsValid(level))
        {
            return ("level.error.invalid", [level, RecordLevels.Choices]);
        }
        return (level == RecordLevels.Public || before == RecordLevels.Public) && !viewer.MayPublish ? ("level.error.publish", []) : null;
    }
}

/// <summary>A record that carries a level.</summary>
public interface IHasLevel
{
    Guid Id { get; }

    string Level { get; set; }
}

/// <summary>Names a user or a team who may see one restricted record.</summary>
public sealed class RecordGrant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>"person", "case", "event" or "source".</summary>
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public string? UserId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>A named group of users (a field team, a project) that restricted records can be shared with.</summary>
public sealed class Team
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class TeamMember
{
    public Guid TeamId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>
/// A change the signed-in user may not make: the API answers 403 with the reason in the reader's language
/// (<see cref="Said"/>). <paramref name="key"/> is a text key (its English is the exception's message, for the logs);
/// a sentence that is not a key is kept as it is.
/// </summary>
public sealed class AccessDeniedException(string key, params object?[] args)
    : Exception(
        Localization.Texts.Has(key)
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, new Localization.Texts().Get("en", key), args)
            : key
    )
{
    /// <summary>The text key of the reason, or null when the reason was given as a sentence.</summary>
    public string? Key { get; } = Localization.Texts.Has(key) ? key : null;

    public IReadOnlyList<object?> Args { get; } = args;

    /// <summary>The reason in the reader's language.</summary>
    public string Said => Key is null ? Message : Api.Problems.Say(Key, [.. Args]);
}
