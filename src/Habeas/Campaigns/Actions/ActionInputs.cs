using Habeas.Campaigns.Supporters;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>A new action (POST /api/v1/actions), or an edit of one (PUT, with the version read): a reference code, a kind,
/// a title and the cases it is for.</summary>
public sealed class ActionInput
{
    /// <summary>The version the editor started from (edits only); a save from an older version is a conflict.</summary>
    public int? Version { get; set; }
    public string? Code { get; set; }
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public List<Guid> CaseIds { get; set; } = [];
    public List<string> Concerns { get; set; } = [];
    public Dictionary<string, string?> RecommendedActions { get; set; } = [];
    public Dictionary<string, string?> AppealText { get; set; } = [];

    /// <summary>Shown on the public site once issued (coordinators and administrators only).</summary>
    public bool? Public { get; set; }
    public Dictionary<string, string?> CardGuidance { get; set; } = [];

    /// <summary>Checks the input; <c>editing</c> is the action being edited, whose own code is not a duplicate.</summary>
    public async Task<Validation> ValidateAsync(
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken,
        Guid? editing = null
    )
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(Code))
        {
            v.Add("code", "actions.error.codeRequired");
        }
        else if (Code.Trim().Length > 40)
        {
            v.Add("code", "actions.error.codeTooLong", 40);
        }
        else if (Core.Text.TypedText.Find(Code, multiline: false).Problem != Core.Text.TypedText.Problem.None)
        {
            v.SingleLine("code", Code, "actions.code");
        }
        else if (await db.CampaignActions.AnyAsync(a => a.Code == Code.Trim() && a.Id != editing, cancellationToken))
        {
            v.Add("code", "actions.error.codeTaken", Code.Trim());
        }
        v.Term("kind", Kind, vocabularies, "action-kind", "actions.kind", required: true);
        if (string.IsNullOrWhiteSpace(Title))
        {
            v.Add("title", "actions.error.titleRequired");
        }
        else if (Title.Trim().Length > 400)
        {
            v.Add("title", "actions.error.titleTooLong", 400);
        }
        v.SingleLine("title", Title, "actions.titleColumn");
        InputLimits.CheckLanguages(v, "recommendedActions", RecommendedActions);
        InputLimits.CheckLanguages(v, "appealText", AppealText);
        InputLimits.CheckLanguages(v, "cardGuidance", CardGuidance);
        var casesCounted = v.Count("caseIds", CaseIds.Count, InputLimits.ActionCases);
        var concernsCounted = v.Count("concerns", Concerns.Count, InputLimits.ActionConcerns);
        for (var i = 0; casesCounted && i < CaseIds.Count; i++)
        {
            var id = CaseIds[i];
            if (!await db.Cases.AnyAsync(c => c.Id == id, cancellationToken))
            {
                v.Add($"caseIds[{i}]", "actions.error.noCase", id);
            }
        }
        for (var i = 0; concernsCounted && i < Concerns.Count; i++)
        {
            v.Term($"concerns[{i}]", Concerns[i], vocabularies, "concern-tag", "actions.concerns", required: true);
        }
        return v;
    }

    public CampaignAction Create()
    {
        var action = new CampaignAction
        {
            Code = Code!.Trim(),
            Kind = Kind!,
            Title = Title!.Trim(),
            RecommendedActions = Texts(RecommendedActions),
            AppealText = Texts(AppealText),
            Public = Public ?? false,
            CardGuidance = Texts(CardGuidance),
        };
        action.Cases.AddRange(CaseIds.Distinct().Select(id => new ActionCase { ActionId = action.Id, CaseId = id }));
        action.Concerns.AddRange(
            Concerns.Distinct(StringComparer.Ordinal).Select(t => new ActionConcern { ActionId = action.Id, Tag = t })
        );
        return action;
    }

    // --- Editing (forms and PUT /api/v1/actions/{id}) ---

    public static ActionInput From(CampaignAction action) =>
        new()
        {
            Version = action.Version,
            Code = action.Code,
            Kind = action.Kind,
            Title = action.Title,
            CaseIds = action.Cases.Select(c => c.CaseId).ToList(),
            Concerns = action.Concerns.Select(c => c.Tag).ToList(),
            RecommendedActions = action.RecommendedActions.ToDictionary(t => t.Key, t => (string?)t.Value),
            AppealText = action.AppealText.ToDictionary(t => t.Key, t => (string?)t.Value),
        };

    /// <summary>Applies an edit. Links to cases the editor may not see (<paramref name="hiddenCaseIds"/>) are kept: nobody
    /// removes what they cannot see.</summary>
    public void ApplyTo(CampaignAction action, IReadOnlyCollection<Guid> hiddenCaseIds)
    {
        action.Code = Code!.Trim();
        action.Kind = Kind!;
        action.Title = Title!.Trim();
        action.RecommendedActions = Texts(RecommendedActions);
        action.AppealText = Texts(AppealText);
        var cases = CaseIds.Concat(hiddenCaseIds).ToHashSet();
        action.Cases.RemoveAll(c => !cases.Contains(c.CaseId));
        action.Cases.AddRange(
            cases.Where(id => action.Cases.All(c => c.CaseId != id)).Select(id => new ActionCase { ActionId = action.Id, CaseId = id })
        );
        var concerns = Concerns.ToHashSet(StringComparer.Ordinal);
        action.Concerns.RemoveAll(c => !concerns.Contains(c.Tag));
        action.Concerns.AddRange(
            concerns.Where(t => action.Concerns.All(c => c.Tag != t)).Select(t => new ActionConcern { ActionId = action.Id, Tag = t })
        );
    }

    public static LocalizedText Texts(Dictionary<string, string?> texts) =>
        new(texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value!.Trim()));
}

/// <summary>Publishing an action on the public site, or taking it off, and the guidance its card form shows.
/// Fields left out are kept.</summary>
public sealed class PublishInput
{
    public bool? Public { get; set; }
    public Dictionary<string, string?>? CardGuidance { get; set; }

    public Validation Validate()
    {
        var v = new Validation();
        InputLimits.CheckLanguages(v, "cardGuidance", CardGuidance);
        return v;
    }

    public void Apply(CampaignAction action)
    {
        if (Public is { } shown)
        {
            action.Public = shown;
        }
        if (CardGuidance is not null)
        {
            action.CardGuidance = ActionInput.Texts(CardGuidance);
        }
    }
}

/// <summary>Issuing an action: the day it goes out and the day supporters should act by.</summary>
public sealed class IssueInput
{
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? ActBy { get; set; }

    public Validation Validate(DateOnly today)
    {
        var v = new Validation();
        var issued = IssuedOn ?? today;
        if (ActBy is { } actBy && actBy < issued)
        {
            v.Add("actBy", "actions.error.actByBeforeIssued", Display.Day(actBy), Display.Day(issued));
        }
        return v;
    }

    public void ApplyTo(CampaignAction action, DateOnly today)
    {
        action.IssuedOn = IssuedOn ?? today;
        action.ActBy = ActBy;
    }
}

/// <summary>A target for an action: an existing one by id, or a new official or office.</summary>
public sealed class TargetInput
{
    public Guid? TargetId { get; set; }
    public string? Title { get; set; }
    public string? Name { get; set; }
    public string? Organisation { get; set; }
    public string? PostalAddress { get; set; }
    public string? Email { get; set; }
    public string? Fax { get; set; }
    public string? Salutation { get; set; }
    public string? Language { get; set; }

    public async Task<Validation> ValidateAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (TargetId is { } id)
        {
            if (!await db.CampaignTargets.AnyAsync(t => t.Id == id, cancellationToken))
            {
                v.Add("targetId", "actions.error.noTarget");
            }
            return v;
        }
        if (string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Organisation) && string.IsNullOrWhiteSpace(Title))
        {
            v.Add("name", "actions.error.targetName");
        }
        if (
            !string.IsNullOrWhiteSpace(Email)
            && (!Email.Contains('@', StringComparison.Ordinal) || Email.Trim().Contains(' ', StringComparison.Ordinal))
        )
        {
            v.Add("email", "actions.error.email", Email);
        }
        if (!string.IsNullOrWhiteSpace(Language) && (Language.Trim().Length is < 2 or > 8))
        {
            v.Add("language", "campaigns.error.languageTag", Language);
        }
        foreach (
            var (field, value, label) in new[]
            {
                ("title", Title, "actions.titleColumn"),
                ("name", Name, "actions.target.name"),
                ("organisation", Organisation, "actions.target.organisation"),
                ("salutation", Salutation, "actions.document.salutation"),
                ("fax", Fax, "actions.target.fax"),
                ("email", Email, "actions.target.email"),
            }
        )
        {
            v.MaxLength(field, value, 400, label);
            v.SingleLine(field, value, label);
        }
        v.MaxLength("postalAddress", PostalAddress, 2000, "actions.target.postalAddress");
        return v;
    }

    public CampaignTarget Create() =>
        new()
        {
            Title = Clean(Title),
            Name = Clean(Name),
            Organisation = Clean(Organisation),
            PostalAddress = Clean(PostalAddress),
            Email = Clean(Email),
            Fax = Clean(Fax),
            Salutation = Clean(Salutation),
            Language = Clean(Language)?.ToLowerInvariant(),
        };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Something sent for an action (POST /api/v1/actions/{id}/outreach).</summary>
public sealed class OutreachInput
{
    public string? Channel { get; set; }
    public int? Count { get; set; }
    public Guid? TargetId { get; set; }
    public Guid? SupporterId { get; set; }
    public DateOnly? Date { get; set; }
    public string? Language { get; set; }
    public string? Country { get; set; }

    public Validation Validate(CampaignAction action, Vocabularies vocabularies, DateOnly today)
    {
        var v = new Validation();
        v.Term("channel", Channel, vocabularies, "outreach-channel", "actions.channel", required: true);
        if (Count is < 1 or > 1_000_000)
        {
            v.Add("count", "actions.error.count");
        }
        if (TargetId is { } target && action.Targets.All(t => t.TargetId != target))
        {
            v.Add("targetId", "actions.error.targetNotOfAction", action.Code);
        }
        if (Date is { } date && date > today)
        {
            v.Add("date", "actions.error.sentInFuture", Display.Day(date));
        }
        if (!string.IsNullOrWhiteSpace(Country) && (Country.Trim().Length != 2 || !Country.Trim().All(char.IsAsciiLetter)))
        {
            v.Add("country", "actions.error.country", Country);
        }
        return v;
    }

    /// <summary>A supporter named must exist (and only their id is kept on the outreach).</summary>
    public async Task CheckSupporterAsync(HabeasDb db, Validation v, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(v);
        if (SupporterId is { } supporter && !await db.Supporters.AnyAsync(s => s.Id == supporter, cancellationToken))
        {
            v.Add("supporterId", "actions.error.noSupporter", supporter);
        }
    }

    public Outreach Create(CampaignAction action, DateOnly today, DateTimeOffset now, string? actor) =>
        new()
        {
            ActionId = action.Id,
            Channel = Channel!,
            Count = Count ?? 1,
            TargetId = TargetId,
            SupporterId = SupporterId,
            Date = Date ?? today,
            Language = string.IsNullOrWhiteSpace(Language) ? null : Language.Trim().ToLowerInvariant(),
            Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant(),
            RecordedAt = now,
            RecordedBy = actor,
        };
}

/// <summary>A further-information update: what changed, and the document.</summary>
public sealed class UpdateInput
{
    public DateOnly? IssuedOn { get; set; }
    public string? WhatChanged { get; set; }
    public Dictionary<string, string?> Text { get; set; } = [];

    public Validation Validate(CampaignAction action)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(WhatChanged))
        {
            v.Add("whatChanged", "actions.error.whatChangedRequired");
        }
        else if (WhatChanged.Trim().Length > 400)
        {
            v.Add("whatChanged", "actions.error.whatChangedTooLong", 400);
        }
        v.SingleLine("whatChanged", WhatChanged, "actions.whatChanged");
        InputLimits.CheckLanguages(v, "text", Text);
        if (IssuedOn is { } issued && action.IssuedOn is { } first && issued < first)
        {
            v.Add("issuedOn", "actions.error.beforeIssued", Display.Day(issued), Display.Day(first));
        }
        return v;
    }

    public ActionUpdate Create(CampaignAction action, DateOnly today) =>
        new()
        {
            ActionId = action.Id,
            Number = action.Updates.Select(u => u.Number).DefaultIfEmpty(0).Max() + 1,
            IssuedOn = IssuedOn ?? today,
            WhatChanged = WhatChanged!.Trim(),
            Text = ActionInput.Texts(Text),
        };
}

/// <summary>Closing an action with its outcome, and the case event that outcome is (the release), when there is one.</summary>
public sealed class CloseInput
{
    public string? Outcome { get; set; }
    public DateOnly? Date { get; set; }
    public string? Note { get; set; }
    public Guid? EventId { get; set; }

    public async Task<Validation> ValidateAsync(
        HabeasDb db,
        CampaignAction action,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(Outcome))
        {
            // The form's choice left empty: the outcomes by their labels, in the reader's language (no codes).
            v.Add("outcome", "actions.error.outcomeRequired", new Labels(vocabularies, "action-outcome"));
        }
        else
        {
            v.Term("outcome", Outcome, vocabularies, "action-outcome", "actions.outcome");
        }
        if (Date is { } date && action.IssuedOn is { } issued && date < issued)
        {
            v.Add("date", "actions.error.beforeIssued", Display.Day(date), Display.Day(issued));
        }
        if (EventId is { } eventId)
        {
            var caseIds = action.Cases.Select(c => c.CaseId).ToList();
            var ofTheCases = await db.Events.AnyAsync(
                e =>
                    e.Id == eventId
                    && (
                        (e.CaseId != null && caseIds.Contains(e.CaseId.Value))
                        || e.People.Any(p => db.Set<CaseParticipant>().Any(cp => cp.PersonId == p.PersonId && caseIds.Contains(cp.CaseId)))
                    ),
                cancellationToken
            );
            if (!ofTheCases)
            {
                v.Add("eventId", "actions.error.eventNotInCases", action.Code);
            }
        }
        return v;
    }

    /// <summary>The labels of a vocabulary's terms, "Released, Improved …", said in the language of the moment it is read.</summary>
    private sealed record Labels(Vocabularies Vocabularies, string Vocabulary)
    {
        public override string ToString() =>
            string.Join(", ", Vocabularies.Terms(Vocabulary).Select(t => Vocabularies.Label(Vocabulary, t.Code)));
    }

    public void ApplyTo(CampaignAction action, DateOnly today)
    {
        action.Outcome = Outcome;
        action.OutcomeNote = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
        action.OutcomeEventId = EventId;
        action.ClosedOn = Date ?? today;
    }
}
