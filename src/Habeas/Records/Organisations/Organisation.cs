using Habeas.Platform.Shared;

namespace Habeas.Records.Organisations;

/// <summary>A party, NGO, union, media outlet, court, police unit, prison authority, ministry or UN body.</summary>
public sealed class Organisation : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Version { get; set; }

    /// <summary>A code of the organisation-kind vocabulary.</summary>
    public required string Kind { get; set; }
    public LocalizedText Names { get; set; } = new();
    public string? Acronym { get; set; }
    public Guid? CountryId { get; set; }

    public string RecordType => "organisation";

    public string Name => Names.Best();

    public object Snapshot() =>
        new
        {
            Kind,
            Names,
            Acronym,
            CountryId,
        };
}
