using Habeas.Platform.Shared;

namespace Habeas.Records.Places;

/// <summary>A place in a hierarchy: country › province › district › commune; prisons and courts are places too.</summary>
public sealed class Place : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Version { get; set; }
    public Guid? ParentId { get; set; }
    public Place? Parent { get; set; }

    /// <summary>A code of the place-kind vocabulary.</summary>
    public required string Kind { get; set; }
    public LocalizedText Names { get; set; } = new();

    /// <summary>For a country: its ISO 3166-1 alpha-2 code ("KH"), which finds its legal time limits.</summary>
    public string? Code { get; set; }

    public string RecordType => "place";

    public string Name => Names.Best();

    /// <summary>"Pea Reang, Prey Veng, Cambodia" when the parents are loaded.</summary>
    public string FullName => Parent is null ? Name : $"{Name}, {Parent.FullName}";

    public object Snapshot() =>
        new
        {
            ParentId,
            Kind,
            Names,
            Code,
        };
}
