using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.People;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

/// <summary>What a form or an API call may set on a case. A case needs only a title.</summary>
public sealed class CaseInput
{
    public string? Title { get; set; }
    public string? CourtCaseNumber { get; set; }
    public Dictionary<string, string?> Summary { get; set; } = [];
    public Guid? JurisdictionId { get; set; }
    public List<ParticipantInput> People { get; set; } = [];

    /// <summary>public, internal or restricted (Access.RecordLevels); unchanged when not sent, internal for a new record.</summary>
    public string? Level { get; set; }
    public int? Version { get; set; }

    public sealed class ParticipantInput
    {
        public Guid? PersonId { get; set; }
        public string? Role { get; set; }
    }

    public static CaseInput From(Case c) =>
        new()
        {
            Title = c.Title,
            CourtCaseNumber = c.CourtCaseNumber,
            Summary = c.Summary.ToDictionary(s => s.Key, s => (string?)s.Value),
            JurisdictionId = c.JurisdictionId,
            People = c.Participants.Select(p => new ParticipantInput { PersonId = p.PersonId, Role = p.Role }).ToList(),
            Level = c.Level,
            Version = c.Version,
        };

    public IEnumerable<(int Index, ParticipantInput Participant)> GivenPeople() =>
        People.Select((p, i) => (i, p)).Where(p => p.p.PersonId is not null);

    public async Task<Validation> ValidateAsync(HabeasDb db, Vocabularies vocabularies, CancellationToken cancellationToken)
    {
        var v = new Validation();
        Habeas.Platform.Access.RecordLevels.Check(v, Level);
        v.Required("title", Title, "field.title");
        v.Line("title", Title, 400, "field.title");
        v.Line("courtCaseNumber", CourtCaseNumber, 100, "field.courtCaseNumber");
        InputLimits.CheckLanguages(v, "summary", Summary);
        if (!v.Count("people", People.Count, InputLimits.CasePeople))
        {
            return v;
        }
        if (JurisdictionId is { } place && !await db.Places.AnyAsync(p => p.Id == place, cancellationToken))
        {
            v.Add("jurisdictionId", "problem.notFound.detail", Problems.Noun("place"), place);
        }
        var ids = GivenPeople().Select(p => p.Participant.PersonId!.Value).Distinct().ToList();
        var known = await db.People.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var (index, participant) in GivenPeople())
        {
            if (!known.Contains(participant.PersonId!.Value))
            {
                v.Add($"people[{index}].personId", "problem.notFound.detail", Problems.Noun("person"), participant.PersonId);
            }
            v.Term($"people[{index}].role", participant.Role, vocabularies, "case-role", "case.role", required: true);
        }
        return v;
    }

    public void ApplyTo(Case c, Habeas.Platform.Access.Viewer viewer)
    {
        if (Level is not null)
        {
            Habeas.Platform.Access.RecordLevels.Set(c, Level, viewer);
        }
        c.Title = Title!.Trim();
        c.CourtCaseNumber = string.IsNullOrWhiteSpace(CourtCaseNumber) ? null : CourtCaseNumber.Trim();
        c.Summary = new LocalizedText(
            Summary.Where(s => !string.IsNullOrWhiteSpace(s.Value)).ToDictionary(s => s.Key, s => s.Value!.Trim())
        );
        c.JurisdictionId = JurisdictionId;
        var wanted = GivenPeople().Select(p => (p.Participant.PersonId!.Value, p.Participant.Role!)).Distinct().ToList();
        c.Participants.RemoveAll(p => !wanted.Contains((p.PersonId, p.Role)));
        foreach (var (personId, role) in wanted.Where(w => !c.Participants.Any(p => p.PersonId == w.Item1 && p.Role == w.Item2)))
        {
            c.Participants.Add(
                new CaseParticipant
                {
                    CaseId = c.Id,
                    PersonId = personId,
                    Role = role,
                }
            );
        }
    }
}

/// <summary>A charge, tied to an existing legal provision or to one described here (created with it).</summary>
public sealed class ChargeInput
{
    public string? Description { get; set; }
    public string? State { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? ProvisionId { get; set; }
    public string? ProvisionCode { get; set; }
    public string? ProvisionArticle { get; set; }
    public string? ProvisionTitle { get; set; }

    /// <summary>felony or misdemeanour (Habeas.Core.Deadlines.OffenceClasses), set on the provision; which time
    /// limits apply to the case. Blank leaves a known provision's class as it is.</summary>
    public string? ProvisionOffenceClass { get; set; }
    public int? Version { get; set; }

    /// <summary>Set by <see cref="ResolveProvisionAsync"/> when it changed the class of a provision already saved
    /// (other cases charged under it then follow other limits).</summary>
    public bool ProvisionClassChanged { get; private set; }

    public async Task<Validation> ValidateAsync(HabeasDb db, Vocabularies vocabularies, Guid caseId, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(Description) && ProvisionId is null && string.IsNullOrWhiteSpace(ProvisionCode))
        {
            v.Add("description", "charge.error.description");
        }
        v.MaxLength("description", Description, 1000, "charge.description");
        v.Term("state", State, vocabularies, "charge-state", "charge.state");
        if (
            PersonId is { } person
            && !await db.CaseParticipants.AnyAsync(p => p.CaseId == caseId && p.PersonId == person, cancellationToken)
        )
        {
            v.Add("personId", "charge.error.person");
        }
        if (ProvisionId is { } provision && !await db.LegalProvisions.AnyAsync(p => p.Id == provision, cancellationToken))
        {
            v.Add("provisionId", "problem.notFound.detail", Problems.Noun("provision"), provision);
        }
        if (ProvisionId is null && string.IsNullOrWhiteSpace(ProvisionCode) && !string.IsNullOrWhiteSpace(ProvisionArticle))
        {
            v.Add("provisionCode", "charge.error.code");
        }
        v.Line("provisionCode", ProvisionCode, 300, "charge.code");
        v.Line("provisionArticle", ProvisionArticle, 50, "charge.article");
        if (
            !string.IsNullOrWhiteSpace(ProvisionOffenceClass)
            && !Habeas.Core.Deadlines.OffenceClasses.All.Contains(ProvisionOffenceClass.Trim())
        )
        {
            v.Add("provisionOffenceClass", "charge.error.offenceClass");
        }
        else if (!string.IsNullOrWhiteSpace(ProvisionOffenceClass) && ProvisionId is null && string.IsNullOrWhiteSpace(ProvisionCode))
        {
            v.Add("provisionOffenceClass", "charge.error.offenceClassAlone");
        }
        return v;
    }

    /// <summary>Finds the provision described (same code and article) or adds it.</summary>
    public async Task<LegalProvision?> ResolveProvisionAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        if (ProvisionId is { } id)
        {
            return SetClass(await db.LegalProvisions.FindAsync([id], cancellationToken));
        }
        if (string.IsNullOrWhiteSpace(ProvisionCode))
        {
            return null;
        }
        var code = ProvisionCode.Trim();
        var article = string.IsNullOrWhiteSpace(ProvisionArticle) ? null : ProvisionArticle.Trim();
        var existing = await db.LegalProvisions.FirstOrDefaultAsync(p => p.Code == code && p.Article == article, cancellationToken);
        if (existing is not null)
        {
            return SetClass(existing);
        }
        var provision = new LegalProvision
        {
            Code = code,
            Article = article,
            Title = LocalizedText.Of(Habeas.Platform.Localization.Texts.CurrentLanguage, ProvisionTitle),
            OffenceClass = string.IsNullOrWhiteSpace(ProvisionOffenceClass) ? null : ProvisionOffenceClass.Trim(),
        };
        db.LegalProvisions.Add(provision);
        return provision;
    }

    private LegalProvision? SetClass(LegalProvision? provision)
    {
        if (
            provision is not null
            && !string.IsNullOrWhiteSpace(ProvisionOffenceClass)
            && provision.OffenceClass != ProvisionOffenceClass.Trim()
        )
        {
            provision.OffenceClass = ProvisionOffenceClass.Trim();
            ProvisionClassChanged = true;
        }
        return provision;
    }

    public void ApplyTo(Charge charge, LegalProvision? provision)
    {
        charge.Description = string.IsNullOrWhiteSpace(Description)
            ? provision?.Title.Best() ?? provision?.Label ?? ""
            : Description.Trim();
        charge.State = string.IsNullOrWhiteSpace(State) ? "pending" : State;
        charge.PersonId = PersonId;
        charge.ProvisionId = provision?.Id;
        charge.Provision = provision;
    }
}
