using Habeas.Core.Dates;
using Habeas.Platform.Shared;
using Habeas.Records.Organisations;

namespace Habeas.Records.Cases;

/// <summary>What the organisation does besides campaigning: legal representation, mediation, medical or family support.</summary>
public sealed class Intervention : IVersioned, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }

    /// <summary>A code of the intervention-kind vocabulary.</summary>
    public required string Kind { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }

    /// <summary>A code of the intervention-status vocabulary (planned, ongoing, completed, stopped).</summary>
    public required string Status { get; set; }
    public FuzzyDate? From { get; set; }
    public FuzzyDate? To { get; set; }
    public LocalizedText Description { get; set; } = new();
    public string? Outcome { get; set; }

    /// <summary>The lawyer who acted (legal representation, legal aid), by name.</summary>
    public string? Lawyer { get; set; }

    public string RecordType => "intervention";

    public object Snapshot() =>
        new
        {
            Kind,
            PersonId,
            CaseId,
            OrganisationId,
            Status,
            From = From?.ToString(),
            To = To?.ToString(),
            Description,
            Outcome,
            Lawyer,
        };
}
