using System.Runtime.CompilerServices;
using Habeas.Platform.History;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Access;

/// <summary>How a kind of record decides who may see it (docs/visibility.md).</summary>
public enum VisibilityBasis
{
    /// <summary>Its own level (public, internal, restricted with grants): person, case, event, source.</summary>
    OwnLevel,

    /// <summary>Visible when every record it follows is visible (<see cref="VisibilityRule.Follows"/>).</summary>
    Follows,

    /// <summary>An action: visible when every case it is about is visible (an action without cases: all staff).</summary>
    ActionCases,

    /// <summary>Reference data meant to be shared (vocabulary, places, organisations, provisions, officials to write to).</summary>
    PublicByNature,

    /// <summary>Staff-only working data that names no one at risk by itself (the officials' address book), any signed-in role.</summary>
    StaffInternal,

    /// <summary>Accounts, tokens, grants, audit, keys, jobs, supporters, mail: only the pages and verbs that own them, under their own
    /// policy.</summary>
    Private,
}

/// <summary>
/// One record type's rule: its basis and, for <see cref="VisibilityBasis.Follows"/>, the records it follows as
/// (record type, field of its history snapshot that holds the id). "citation-target" follows what a citation cites;
/// "record" follows whatever record the row names. A type whose rows are filtered by a query filter has
/// <see cref="ReadThrough"/> null; one read only through its owner (a name through its person) says how.
/// </summary>
public sealed record VisibilityRule(
    VisibilityBasis Basis,
    IReadOnlyList<(string RecordType, string Field)> Follows,
    string Why,
    string? ReadThrough = null
)
{
    /// <summary>
    /// For a rule no query filter can state alone (<see cref="VisibilityBasis.ActionCases"/>): whether the viewer may
    /// see the live record of this id, given by the feature that declares the rule.
    /// </summary>
    public Func<HabeasDb, Guid, CancellationToken, Task<bool>>? Check { get; init; }

    public static VisibilityRule Own(string why) => new(VisibilityBasis.OwnLevel, [], why);

    public static VisibilityRule Of(string why, params (string RecordType, string Field)[] follows) =>
        new(VisibilityBasis.Follows, follows, why);

    /// <summary>Not filtered on its own: read only through its owner, as <paramref name="how"/> says.</summary>
    public VisibilityRule Through(string how) => this with { ReadThrough = how };

    public const string OwnerNavigation = "only as a part of its owner, loaded through the owner's filter";

    public static readonly VisibilityRule PartOfAPerson = Of("part of a person", ("person", "personId"));

    public static readonly VisibilityRule PartOfAnAction = Of("part of an action", ("action", "actionId"));

    public static readonly VisibilityRule AccountsAndSignIn = Private("accounts and sign-in: the user and administrators only");

    public static VisibilityRule Private(string why) => new(VisibilityBasis.Private, [], why);

    public static VisibilityRule PublicByNature(string why) => new(VisibilityBasis.PublicByNature, [], why);
}

/// <summary>
/// Declares the <see cref="VisibilityRule"/> of entity types: each mapping (Storage/EntityMapping.cs) declares its
/// own entity's, beside the entity; types mapped by no mapping of ours (the accounts of ASP.NET Core Identity)
/// are declared by a class of their feature.
/// </summary>
public interface IDeclaresVisibility
{
    IEnumerable<(Type Type, VisibilityRule Rule)> VisibilityRules { get; }
}

/// <summary>
/// The registry of who may see the rows of every entity type of the database model, gathered from the declarations
/// beside each entity (<see cref="IDeclaresVisibility"/>). The query filters of the mappings implement the
/// <see cref="VisibilityBasis.OwnLevel"/> and <see cref="VisibilityBasis.Follows"/> rules of records reached through
/// person, case, event and source (a test checks that each such type has its filter); record history
/// (/history/{type}/{id}) reads the rule from here, so a new versioned type is denied until it has one; and a test
/// fails when an entity type of the model has no rule, or more than one.
/// </summary>
public static class Visibility
{
    /// <summary>Every declaration of the assembly: a type declared twice appears twice (a test refuses it).</summary>
    public static readonly IReadOnlyList<(Type Type, VisibilityRule Rule)> Declared = typeof(IDeclaresVisibility)
        .Assembly.GetTypes()
        .Where(t =>
            t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
            && typeof(IDeclaresVisibility).IsAssignableFrom(t)
        )
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .SelectMany(t => ((IDeclaresVisibility)Activator.CreateInstance(t)!).VisibilityRules)
        .ToList();

    public static readonly IReadOnlyDictionary<Type, VisibilityRule> Rules = Declared
        .GroupBy(d => d.Type)
        .ToDictionary(g => g.Key, g => g.First().Rule);

    /// <summary>The rule of an entity type; a type without one is refused (deny by default).</summary>
    public static VisibilityRule? For(Type type) => Rules.GetValueOrDefault(type);

    /// <summary>The versioned types by the record type their history is kept under ("person", "reply" …).</summary>
    public static readonly IReadOnlyDictionary<string, Type> Versioned = Rules
        .Keys.Where(t => typeof(IVersioned).IsAssignableFrom(t))
        .ToDictionary(t => ((IVersioned)RuntimeHelpers.GetUninitializedObject(t)).RecordType, StringComparer.Ordinal);

    /// <summary>
    /// Whether the viewer may read the history of a record: its type's rule, applied to the record as it is, or, once
    /// deleted, as its last version left it. Unknown types and rules that do not allow it: no.
    /// </summary>
    public static async Task<bool> MayReadHistoryAsync(
        HabeasDb db,
        string recordType,
        Guid id,
        RecordVersion last,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(last);
        if (!Versioned.TryGetValue(recordType, out var type) || For(type) is not { } rule)
        {
            return false;
        }
        var deleted = last.Change == "deleted";
        var snapshot = Snapshots.Flatten(last.Data);
        switch (rule.Basis)
        {
            case VisibilityBasis.OwnLevel:
                return deleted
                    ? snapshot.GetValueOrDefault("level") != RecordLevels.Restricted || db.Viewer.SeesAllRestricted
                    : await LeveledRecords.FindVisibleAsync(db, recordType, id, cancellationToken) is not null;
            case VisibilityBasis.ActionCases:
                if (!deleted)
                {
                    return rule.Check is { } check && await check(db, id, cancellationToken);
                }
                var cases = ParseIds(snapshot.GetValueOrDefault("cases"));
                return db.Viewer.SeesAllRestricted
                    || (await RecordLookup.VisibleIdsAsync(db, Versioned["case"], cases, cancellationToken)).Count
                        == cases.Distinct().Count();
            case VisibilityBasis.PublicByNature or VisibilityBasis.StaffInternal:
                return db.Viewer.SignedIn;
            case VisibilityBasis.Follows:
                var checkedOne = false;
                foreach (var (followed, field) in rule.Follows)
                {
                    var value = snapshot.GetValueOrDefault(field);
                    if (value is null)
                    {
                        continue; // an intervention for a person only, or for a case only
                    }
                    checkedOne = true;
                    var target = followed == "citation-target" ? snapshot.GetValueOrDefault("targetType") ?? "" : followed;
                    if (!Guid.TryParse(value, out var followedId) || !await IsVisibleAsync(db, target, followedId, cancellationToken))
                    {
                        return false;
                    }
                }
                // A live record is also read through its own filter (a charge of a case the viewer sees, and so on).
                return checkedOne && (deleted || await ExistsAsync(db, type, rule, id, cancellationToken));
            default:
                return false;
        }
    }

    /// <summary>Whether a record of these (history) type and id exists for the viewer, by its rule: a record with a
    /// level or one that follows others through its query filter, an action by the check its feature declares.</summary>
    public static async Task<bool> IsVisibleAsync(HabeasDb db, string recordType, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Versioned.TryGetValue(recordType, out var type) || For(type) is not { } rule)
        {
            return false;
        }
        return rule switch
        {
            { Check: { } check } => await check(db, id, cancellationToken),
            { Basis: VisibilityBasis.OwnLevel } or { Basis: VisibilityBasis.Follows, ReadThrough: null } => await RecordLookup.FindAsync(
                db,
                type,
                id,
                cancellationToken
            )
                is not null,
            _ => false,
        };
    }

    /// <summary>A live record read through its own query filter (a charge of a case the viewer sees, and so on); a
    /// record read only through its owner was checked through the owner above.</summary>
    private static async Task<bool> ExistsAsync(
        HabeasDb db,
        Type type,
        VisibilityRule rule,
        Guid id,
        CancellationToken cancellationToken
    ) => rule.ReadThrough is not null || await RecordLookup.FindAsync(db, type, id, cancellationToken) is not null;

    private static List<Guid> ParseIds(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        return System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(json) ?? [];
    }
}
