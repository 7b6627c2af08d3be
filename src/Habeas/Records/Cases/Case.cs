using Habeas.Platform.Shared;
using Habeas.Records.People;
using Habeas.Records.Places;

namespace Habeas.Records.Cases;

/// <summary>One prosecution or detention episode; a group case has several defendants.</summary>
public sealed class Case : IVersioned, Habeas.Platform.Access.IHasLevel, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }

    /// <summary>public, internal (the default) or restricted: see Access.RecordLevels.</summary>
    public string Level { get; set; } = Habeas.Platform.Access.RecordLevels.Internal;
    public required string Title { get; set; }
    public string? CourtCaseNumber { get; set; }
    public LocalizedText Summary { get; set; } = new();
    public Guid? JurisdictionId { get; set; }
    public Place? Jurisdiction { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<CaseParticipant> Participants { get; set; } = [];
    public List<Charge> Charges { get; set; } = [];

    public string RecordType => "case";

    public object Snapshot() =>
        new
        {
            Level,
            Title,
            CourtCaseNumber,
            Summary,
            JurisdictionId,
            Participants = Participants.Select(p => new { p.PersonId, p.Role }),
        };
}

public sealed class CaseParticipant : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Case? Case { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }

    /// <summary>A code of the case-role vocabulary (defendant, co-defendant, complainant, witness, lawyer).</summary>
    public required string Role { get; set; }

    public Guid OwnerId => CaseId;
    public Type OwnerType => typeof(Case);
}

/// <summary>An article of a law, as cited in charges: "Criminal Code (2009), Article 548".</summary>
public sealed class LegalProvision : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Version { get; set; }

    /// <summary>The law or code ("Criminal Code of the Kingdom of Cambodia").</summary>
    public required string Code { get; set; }
    public string? Article { get; set; }
    public LocalizedText Title { get; set; } = new();
    public string? Jurisdiction { get; set; }

    /// <summary>Which version of the code (Vietnam cites old-code vs 2015-code articles).</summary>
    public string? CodeVersion { get; set; }

    /// <summary>felony or misdemeanour (Habeas.Core.Deadlines.OffenceClasses): which time limits apply to a case charged under it.</summary>
    public string? OffenceClass { get; set; }

    public string RecordType => "provision";

    public string Label => Article is null ? Code : $"{Code}, Art. {Article}";

    public object Snapshot() =>
        new
        {
            Code,
            Article,
            Title,
            Jurisdiction,
            CodeVersion,
            OffenceClass,
        };
}

public sealed class Charge : IVersioned, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }
    public Guid CaseId { get; set; }
    public Case? Case { get; set; }

    /// <summary>The defendant charged; null when the charge concerns every defendant in the case.</summary>
    public Guid? PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid? ProvisionId { get; set; }
    public LegalProvision? Provision { get; set; }
    public required string Description { get; set; }

    /// <summary>A code of the charge-state vocabulary (pending, convicted, acquitted, dropped, reclassified).</summary>
    public required string State { get; set; }

    public string RecordType => "charge";

    public object Snapshot() =>
        new
        {
            CaseId,
            PersonId,
            ProvisionId,
            Description,
            State,
        };
}
