using Habeas.Core.Dates;
using Habeas.Platform.Shared;
using Habeas.Records.Organisations;

namespace Habeas.Records.People;

/// <summary>
/// An organisation's designation of a person (prisoner of conscience, political prisoner, WGAD category…).
/// Each organisation keeps its own criteria; a withdrawal keeps the original designation readable.
/// </summary>
public sealed class Designation : IVersioned, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }

    /// <summary>A code of the designation vocabulary.</summary>
    public required string Category { get; set; }
    public FuzzyDate? Date { get; set; }
    public string? Criteria { get; set; }
    public string? Rationale { get; set; }
    public FuzzyDate? WithdrawnOn { get; set; }
    public string? WithdrawalReason { get; set; }

    public string RecordType => "designation";

    public object Snapshot() =>
        new
        {
            PersonId,
            OrganisationId,
            Category,
            Date = Date?.ToString(),
            Criteria,
            Rationale,
            WithdrawnOn = WithdrawnOn?.ToString(),
            WithdrawalReason,
        };
}
