namespace Habeas.Core.Deadlines;

/// <summary>
/// A legal time limit of one country's criminal procedure, kept as data with its source: "a detention order for a
/// felony lasts at most 6 months (art. 208, Code of Criminal Procedure of the Kingdom of Cambodia, 2007)".
/// Country is an ISO 3166-1 alpha-2 code. OffenceClass is null when the limit applies to every offence, otherwise a
/// <see cref="OffenceClasses"/> code. A limit runs Months calendar months then Days days from the day of the event that
/// starts it (a calendar month, as the Thai Supreme Court held in 806/2525: 23 February → 23 March). Verified is false
/// while the article and period come from a secondary source and wait to be checked against the code's text.
/// </summary>
public sealed record TimeLimit(
    string Code,
    string Country,
    string Kind,
    string? OffenceClass,
    int Months,
    int Days,
    string Law,
    string Article,
    string CodeVersion,
    bool Verified = true,
    string? SourceUrl = null
)
{
    /// <summary>The last day still within the limit counted from <paramref name="start"/>: the day it ends.</summary>
    public DateOnly EndFrom(DateOnly start) => start.AddMonths(Months).AddDays(Days);
}

/// <summary>The kinds of time limit the deadline rules read (<see cref="DeadlineRules"/>).</summary>
public static class TimeLimitKinds
{
    /// <summary>From an arrest, until a detention order or a release.</summary>
    public const string PoliceCustody = "police-custody";

    /// <summary>The length of one detention order or extension: it lapses unless extended.</summary>
    public const string DetentionOrder = "detention-order";

    /// <summary>The whole of pre-trial detention, from the first detention order of a spell, extensions included.</summary>
    public const string PreTrialMaximum = "pre-trial-maximum";

    /// <summary>From a verdict: the time to file an appeal.</summary>
    public const string Appeal = "appeal";

    /// <summary>From a decision on appeal: the time to appeal to the supreme court.</summary>
    public const string Cassation = "cassation";

    public static readonly IReadOnlyList<string> All = [PoliceCustody, DetentionOrder, PreTrialMaximum, Appeal, Cassation];
}

/// <summary>
/// How grave the charges are, as the procedure codes distinguish them: Cambodia's felonies and misdemeanours
/// (Criminal Code 2009, arts. 46–48); for Thailand's s. 87 "felony" stands for offences punishable by ten years or more,
/// "misdemeanour" for the others (docs/deadlines.md).
/// </summary>
public static class OffenceClasses
{
    public const string Felony = "felony";
    public const string Misdemeanour = "misdemeanour";

    public static readonly IReadOnlyList<string> All = [Felony, Misdemeanour];

    /// <summary>The graver of two classes; null (unknown) when either is unknown.</summary>
    public static string? Graver(string? a, string? b) =>
        a is null || b is null ? null
        : a == Felony || b == Felony ? Felony
        : Misdemeanour;
}

/// <summary>
/// The limits in force, and which one applies to a case: that of the case's country and its offence class; when the
/// class is not recorded, the felony limit (the longest), so that no deadline is ever announced before the law's.
/// </summary>
public sealed class LimitBook(IEnumerable<TimeLimit> limits)
{
    private readonly List<TimeLimit> _limits = limits.ToList();

    public static readonly LimitBook Empty = new([]);

    /// <summary>The limit of this kind for a case of this country and class, and whether the class was assumed.</summary>
    public (TimeLimit? Limit, bool ClassAssumed) Find(string? country, string? offenceClass, string kind)
    {
        if (country is null)
        {
            return (null, false);
        }
        var candidates = _limits
            .Where(l => l.Kind == kind && string.Equals(l.Country, country, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (candidates.Count == 0)
        {
            return (null, false);
        }
        if (offenceClass is not null)
        {
            var exact = candidates.FirstOrDefault(l => l.OffenceClass == offenceClass)
                ?? candidates.FirstOrDefault(l => l.OffenceClass is null);
            return (exact, false);
        }
        var any = candidates.FirstOrDefault(l => l.OffenceClass is null);
        if (any is not null)
        {
            return (any, false);
        }
        var longest = candidates.MaxBy(l => l.EndFrom(new DateOnly(2000, 1, 1)));
        return (longest, true);
    }
}
