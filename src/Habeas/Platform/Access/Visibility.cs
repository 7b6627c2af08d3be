using System.Runtime.CompilerServices;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Platform.History;
using Habeas.Records.People;
using Habeas.Platform.Shared;
using Habeas.Records.Sources;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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
    /// <summary>Accounts, tokens, grants, audit, keys, jobs, supporters, mail: only the pages and verbs that own them, under their own policy.</summary>
    Private,
}

/// <summary>
/// One record type's rule: its basis and, for <see cref="VisibilityBasis.Follows"/>, the records it follows as
/// (record type, field of its history snapshot that holds the id). "citation-target" follows what a citation cites;
/// "record" follows whatever record the row names. A type whose rows are filtered by a query filter has
/// <see cref="ReadThrough"/> null; one read only through its owner (a name through its person) says how.
/// </summary>
public sealed record VisibilityRule(VisibilityBasis Basis, IReadOnlyList<(string RecordType, string Field)> Follows, string Why, string? ReadThrough = null)
{
    public static VisibilityRule Own(string why) => new(VisibilityBasis.OwnLevel, [], why);

    public static VisibilityRule Of(string why, params (string RecordType, string Field)[] follows) => new(VisibilityBasis.Follows, follows, why);

    /// <summary>Not filtered on its own: read only through its owner, as <paramref name="how"/> says.</summary>
    public VisibilityRule Through(string how) => this with { ReadThrough = how };
}

/// <summary>
/// The one place that says, for every entity type of the database model, who may see its rows. The query filters of
/// <see cref="HabeasDb"/> implement the <see cref="VisibilityBasis.OwnLevel"/> and <see cref="VisibilityBasis.Follows"/>
/// rules of records reached through person, case, event and source (a test checks that each such type has its filter);
/// record history (/history/{type}/{id}) reads the rule from here, so a new versioned type is denied until it has one;
/// and a test fails when an entity type of the model is missing here.
/// </summary>
public static class Visibility
{
    private static readonly VisibilityRule Person_ = VisibilityRule.Of("part of a person", ("person", "personId"));
    private static readonly VisibilityRule Action_ = VisibilityRule.Of("part of an action", ("action", "actionId"));
    private const string OwnerNavigation = "only as a part of its owner, loaded through the owner's filter";
    private static readonly VisibilityRule Accounts_ = new(VisibilityBasis.Private, [], "accounts and sign-in: the user and administrators only");

    public static readonly IReadOnlyDictionary<Type, VisibilityRule> Rules = new Dictionary<Type, VisibilityRule>
    {
        // Records with a level.
        [typeof(Person)] = VisibilityRule.Own("person"),
        [typeof(Case)] = VisibilityRule.Own("case"),
        [typeof(Event)] = VisibilityRule.Own("event"),
        [typeof(Source)] = VisibilityRule.Own("source"),
        // What hangs from them.
        [typeof(PersonName)] = Person_.Through(OwnerNavigation),
        [typeof(PersonTag)] = Person_.Through(OwnerNavigation),
        [typeof(Affiliation)] = Person_.Through(OwnerNavigation),
        [typeof(Designation)] = Person_,
        [typeof(Habeas.Records.Custody.CustodyPeriod)] = Person_,
        [typeof(Habeas.Records.Custody.PublishedCustodyPeriod)] = Person_,
        [typeof(CaseParticipant)] = VisibilityRule.Of("a person in a case", ("case", "caseId"), ("person", "personId")),
        [typeof(Charge)] = VisibilityRule.Of("part of a case (its defendant's id is shown only when the defendant is visible)", ("case", "caseId")),
        [typeof(Intervention)] = VisibilityRule.Of("work for a person and/or a case", ("person", "personId"), ("case", "caseId")),
        [typeof(EventPerson)] = VisibilityRule.Of("a person in an event", ("event", "eventId"), ("person", "personId")),
        [typeof(EventActor)] = VisibilityRule.Of("part of an event", ("event", "eventId")).Through(OwnerNavigation),
        [typeof(Citation)] = VisibilityRule.Of("its source and what it cites", ("source", "sourceId"), ("citation-target", "targetId")),
        [typeof(Confidential.ConfidentialValue)] = VisibilityRule.Of("its record, and only with the confidential grant", ("record", "recordId"))
            .Through("Confidential/: the record is found through its filter, then the grant is checked"),
        [typeof(Habeas.Records.Search.SearchEntry)] = VisibilityRule.Of("the record it indexes (search reads records through their filters)", ("record", "recordId"))
            .Through("Search/: matches are joined to their records through the records' filters"),
        [typeof(Habeas.Publishing.Import.ExternalId)] = VisibilityRule.Of("the record it names", ("record", "recordId"))
            .Through("Import/: the record an external id names is then read through its filter"),
        [typeof(Habeas.Records.Duplicates.PersonMerge)] = VisibilityRule.Of("both people", ("person", "mergedId"), ("person", "intoId"))
            .Through("Duplicates/: merge and unmerge load both people through their filters first"),
        [typeof(Habeas.Records.Duplicates.DuplicateDismissal)] = VisibilityRule.Of("both people", ("person", "personA"), ("person", "personB"))
            .Through("Duplicates/: pairs are joined to both people through their filters"),
        [typeof(RecordVersion)] = VisibilityRule.Of("the record it is a version of (the rule of its type)", ("record", "recordId"))
            .Through("History/: Visibility.MayReadHistoryAsync, and ids of hidden records in it are shown as hidden"),
        [typeof(PartVersion)] = VisibilityRule.Of("the record it is a version of (the rule of its type)", ("record", "recordId"))
            .Through("History/ and the saved-since notice: read for a record already loaded through its filter"),
        [typeof(Habeas.Records.Custody.CustodyDayChange)] = new(VisibilityBasis.PublicByNature, [], "counts per day, no one named (statistics)"),
        // Campaigns: an action follows its cases, everything of an action follows the action.
        [typeof(Campaigns.Actions.CampaignAction)] = new(VisibilityBasis.ActionCases, [], "every case of the action"),
        [typeof(Campaigns.Actions.ActionCase)] = Action_.Through(OwnerNavigation),
        [typeof(Campaigns.Actions.ActionConcern)] = Action_.Through(OwnerNavigation),
        [typeof(Campaigns.Actions.ActionTarget)] = Action_.Through(OwnerNavigation),
        [typeof(Campaigns.Actions.ActionUpdate)] = Action_.Through(OwnerNavigation),
        [typeof(Campaigns.Actions.Outreach)] = Action_,
        [typeof(Habeas.Campaigns.Letters.LetterTemplate)] = Action_,
        [typeof(Habeas.Campaigns.Letters.SentReceipt)] = VisibilityRule.Of("part of an outreach count", ("action", "actionId"))
            .Through("Act/: looked up by the one-time token of a public letter; never listed"),
        [typeof(Habeas.Campaigns.Cards.GreetingCard)] = Action_,
        [typeof(Habeas.Campaigns.Cards.CardBatch)] = Action_,
        [typeof(Files.StoredFile)] = Action_,
        [typeof(Habeas.Campaigns.Replies.Reply)] = Action_,
        [typeof(Habeas.Campaigns.Replies.ReplyFile)] = VisibilityRule.Of("part of a reply", ("action", "actionId")).Through(OwnerNavigation),
        [typeof(Habeas.Campaigns.Stories.Story)] = VisibilityRule.Of("part of an action; the public page shows published stories' consented parts", ("action", "actionId")),
        [typeof(Habeas.Campaigns.Stories.StoryQuote)] = VisibilityRule.Of("part of a story", ("action", "actionId")).Through(OwnerNavigation),
        [typeof(Habeas.Campaigns.Stories.StoryMedia)] = VisibilityRule.Of("part of a story", ("action", "actionId")).Through(OwnerNavigation),
        [typeof(Campaigns.Actions.CampaignTarget)] = new(VisibilityBasis.StaffInternal, [], "officials to write to: every signed-in role"),
        // Reference data.
        [typeof(Vocabulary.VocabularyTerm)] = new(VisibilityBasis.PublicByNature, [], "vocabulary"),
        [typeof(Habeas.Records.Places.Place)] = new(VisibilityBasis.PublicByNature, [], "places"),
        [typeof(Habeas.Records.Organisations.Organisation)] = new(VisibilityBasis.PublicByNature, [], "organisations"),
        [typeof(LegalProvision)] = new(VisibilityBasis.PublicByNature, [], "laws"),
        // Platform and people outside the records.
        [typeof(Accounts.HabeasUser)] = Accounts_,
        [typeof(IdentityRole)] = Accounts_,
        [typeof(IdentityUserRole<string>)] = Accounts_,
        [typeof(IdentityUserClaim<string>)] = Accounts_,
        [typeof(IdentityRoleClaim<string>)] = Accounts_,
        [typeof(IdentityUserLogin<string>)] = Accounts_,
        [typeof(IdentityUserToken<string>)] = Accounts_,
        [typeof(Accounts.ApiToken)] = Accounts_,
        [typeof(Accounts.Passkey)] = Accounts_,
        [typeof(Accounts.PasswordLink)] = new(VisibilityBasis.Private, [], "invitation and reset links (hashes): the link's holder sets a password; administrators make them"),
        [typeof(RecordGrant)] = new(VisibilityBasis.Private, [], "who may see a restricted record: administrators and the access page of a visible record"),
        [typeof(Team)] = new(VisibilityBasis.Private, [], "teams: administrators"),
        [typeof(TeamMember)] = new(VisibilityBasis.Private, [], "teams: administrators"),
        [typeof(Audit.AuditEntry)] = new(VisibilityBasis.Private, [], "the audit log: administrators"),
        [typeof(Audit.AuditHead)] = new(VisibilityBasis.Private, [], "signed heads of the audit log: administrators and `audit verify`"),
        [typeof(Security.UsedFormStamp)] = new(VisibilityBasis.Private, [], "spent nonces of the anonymous forms: the forms themselves"),
        [typeof(Api.IdempotencyRecord)] = new(VisibilityBasis.Private, [], "a caller's stored answers: that caller only"),
        [typeof(Jobs.ScheduledJob)] = new(VisibilityBasis.Private, [], "the server's own bookkeeping"),
        [typeof(Confidential.DataProtectionKeyRow)] = new(VisibilityBasis.Private, [], "the server's own keys"),
        [typeof(Habeas.Campaigns.Supporters.Supporter)] = new(VisibilityBasis.Private, [], "supporters: campaign staff's supporter pages and the supporter's own page"),
        [typeof(Habeas.Campaigns.Supporters.SupporterAction)] = new(VisibilityBasis.Private, [], "supporters"),
        [typeof(Habeas.Campaigns.Supporters.SupporterToken)] = new(VisibilityBasis.Private, [], "supporters' page links (hashes)"),
        [typeof(Mail.OutboxMessage)] = new(VisibilityBasis.Private, [], "the mail outbox: the mail worker"),
    };

    /// <summary>The rule of an entity type; a type without one is refused (deny by default).</summary>
    public static VisibilityRule? For(Type type) => Rules.GetValueOrDefault(type);

    /// <summary>The versioned types by the record type their history is kept under ("person", "reply" …).</summary>
    public static readonly IReadOnlyDictionary<string, Type> Versioned = Rules.Keys
        .Where(t => typeof(IVersioned).IsAssignableFrom(t))
        .ToDictionary(t => ((IVersioned)RuntimeHelpers.GetUninitializedObject(t)).RecordType, StringComparer.Ordinal);

    /// <summary>
    /// Whether the viewer may read the history of a record: its type's rule, applied to the record as it is, or, once
    /// deleted, as its last version left it. Unknown types and rules that do not allow it: no.
    /// </summary>
    public static async Task<bool> MayReadHistoryAsync(HabeasDb db, string recordType, Guid id, RecordVersion last, CancellationToken cancellationToken)
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
                    return await Files.ActionAccess.ActionVisibleAsync(db, id, cancellationToken);
                }
                var cases = ParseIds(snapshot.GetValueOrDefault("cases"));
                return db.Viewer.SeesAllRestricted || await db.Cases.CountAsync(c => cases.Contains(c.Id), cancellationToken) == cases.Count;
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
                return checkedOne && (deleted || await ExistsAsync(db, type, id, cancellationToken));
            default:
                return false;
        }
    }

    /// <summary>Whether a record of these (history) type and id exists for the viewer, by its rule.</summary>
    public static async Task<bool> IsVisibleAsync(HabeasDb db, string recordType, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return recordType switch
        {
            "person" or "case" or "event" or "source" => await LeveledRecords.FindVisibleAsync(db, recordType, id, cancellationToken) is not null,
            "action" => await Files.ActionAccess.ActionVisibleAsync(db, id, cancellationToken),
            "charge" => await db.Charges.AnyAsync(c => c.Id == id, cancellationToken),
            "designation" => await db.Designations.AnyAsync(d => d.Id == id, cancellationToken),
            _ => false,
        };
    }

    private static async Task<bool> ExistsAsync(HabeasDb db, Type type, Guid id, CancellationToken cancellationToken) => type.Name switch
    {
        nameof(Citation) => await db.Citations.AnyAsync(c => c.Id == id, cancellationToken),
        nameof(Charge) => await db.Charges.AnyAsync(c => c.Id == id, cancellationToken),
        nameof(Designation) => await db.Designations.AnyAsync(c => c.Id == id, cancellationToken),
        nameof(Intervention) => await db.Interventions.AnyAsync(c => c.Id == id, cancellationToken),
        // Records of an action: the action was checked above; the record itself has no filter of its own.
        _ => true,
    };

    private static List<Guid> ParseIds(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        return System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(json) ?? [];
    }
}
