using Habeas.Core.Campaigns;
using Habeas.Platform.Shared;

namespace Habeas.Campaigns.Actions;

/// <summary>
/// A campaign action for the people of one or more cases: an Urgent Action ("UA 309/02"), a medical action, a
/// letter-writing marathon, a postcard or greeting-card campaign, a petition, lobbying, publicity (action-kind
/// vocabulary). It is drafted, issued, updated by further-information documents and closed with an outcome
/// (<see cref="ActionLifecycle"/>).
/// </summary>
public sealed class CampaignAction : IVersioned, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }

    /// <summary>The reference the network knows it by ("UA 309/02"); unique.</summary>
    public required string Code { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public string Status { get; set; } = ActionLifecycle.Draft;
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? ActBy { get; set; }
    public DateOnly? ClosedOn { get; set; }

    /// <summary>A code of the action-outcome vocabulary (released, improvement, no-change …), once closed.</summary>
    public string? Outcome { get; set; }
    public string? OutcomeNote { get; set; }

    /// <summary>The case event the outcome is (the release), when there is one.</summary>
    public Guid? OutcomeEventId { get; set; }
    public LocalizedText RecommendedActions { get; set; } = new();

    /// <summary>The appeal to send, in each language held.</summary>
    public LocalizedText AppealText { get; set; } = new();

    /// <summary>Shown on the public site (/act/{id}) once issued; only coordinators and administrators set it.</summary>
    public bool Public { get; set; }

    /// <summary>What supporters must not write to the prisoner (prison mail is censored), shown by the card form.</summary>
    public LocalizedText CardGuidance { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<ActionCase> Cases { get; set; } = [];
    public List<ActionConcern> Concerns { get; set; } = [];
    public List<ActionTarget> Targets { get; set; } = [];
    public List<ActionUpdate> Updates { get; set; } = [];

    public string RecordType => "action";

    public object Snapshot() =>
        new
        {
            Code,
            Kind,
            Title,
            Status,
            IssuedOn,
            ActBy,
            ClosedOn,
            Outcome,
            OutcomeNote,
            OutcomeEventId,
            RecommendedActions,
            AppealText,
            Public,
            CardGuidance,
            Cases = Cases.Select(c => c.CaseId).Order(),
            Concerns = Concerns.Select(c => c.Tag).Order(StringComparer.Ordinal),
            Targets = Targets.Select(t => t.TargetId).Order(),
            Updates = Updates
                .OrderBy(u => u.Number)
                .Select(u => new
                {
                    u.Number,
                    u.IssuedOn,
                    u.Text,
                    u.WhatChanged,
                }),
        };
}

/// <summary>A case an action is about.</summary>
public sealed class ActionCase : IRecordPart
{
    public Guid ActionId { get; set; }
    public Guid CaseId { get; set; }

    public Guid OwnerId => ActionId;
    public Type OwnerType => typeof(CampaignAction);
}

/// <summary>A concern of the action (concern-tag vocabulary: prisoner of conscience, health concern …).</summary>
public sealed class ActionConcern : IRecordPart
{
    public Guid ActionId { get; set; }
    public required string Tag { get; set; }

    public Guid OwnerId => ActionId;
    public Type OwnerType => typeof(CampaignAction);
}

/// <summary>An official the action asks supporters to write to.</summary>
public sealed class ActionTarget : IRecordPart
{
    public Guid ActionId { get; set; }
    public Guid TargetId { get; set; }
    public CampaignTarget? Target { get; set; }

    public Guid OwnerId => ActionId;
    public Type OwnerType => typeof(CampaignAction);
}

/// <summary>A further-information update: a dated document saying what changed ("UA 309/02 update 1").</summary>
public sealed class ActionUpdate : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActionId { get; set; }

    /// <summary>1, 2, 3… in the order issued.</summary>
    public int Number { get; set; }
    public DateOnly IssuedOn { get; set; }

    /// <summary>What changed, in one line ("Sok Yoeun recognised as a refugee by UNHCR").</summary>
    public required string WhatChanged { get; set; }
    public LocalizedText Text { get; set; } = new();

    public Guid OwnerId => ActionId;
    public Type OwnerType => typeof(CampaignAction);
}

/// <summary>An official or office written to, reusable across actions.</summary>
public sealed class CampaignTarget : IVersioned, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }

    /// <summary>"Prime Minister", "Director-General, Immigration Bureau".</summary>
    public string? Title { get; set; }
    public string? Name { get; set; }
    public string? Organisation { get; set; }
    public string? PostalAddress { get; set; }
    public string? Email { get; set; }
    public string? Fax { get; set; }

    /// <summary>How a letter opens ("Dear Prime Minister").</summary>
    public string? Salutation { get; set; }

    /// <summary>The language letters to this target are written in ("th", "km", "en").</summary>
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string RecordType => "target";

    public string DisplayName => string.Join(", ", new[] { Title, Name, Organisation }.Where(p => !string.IsNullOrWhiteSpace(p)));

    public object Snapshot() =>
        new
        {
            Title,
            Name,
            Organisation,
            PostalAddress,
            Email,
            Fax,
            Salutation,
            Language,
        };
}

/// <summary>
/// One sending: letters, emails, cards, signatures … (outreach-channel vocabulary), how many, to which target or
/// to the prisoner, by a supporter or anonymously, on a day. The numbers of an action are counted from these.
/// </summary>
public sealed class Outreach
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActionId { get; set; }
    public required string Channel { get; set; }
    public int Count { get; set; } = 1;
    public Guid? TargetId { get; set; }

    /// <summary>The supporter who sent it, when known (supporters arrive with the public action pages).</summary>
    public Guid? SupporterId { get; set; }
    public DateOnly Date { get; set; }
    public string? Language { get; set; }

    /// <summary>ISO 3166 country the sending came from, when known.</summary>
    public string? Country { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}
