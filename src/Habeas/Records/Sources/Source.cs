using Habeas.Core.Dates;
using Habeas.Platform.Shared;

namespace Habeas.Records.Sources;

/// <summary>A news article, NGO report, court document, testimony, statement, photo, video or post.</summary>
public sealed class Source : IVersioned, Habeas.Platform.Access.IHasLevel, Habeas.Platform.Shared.IRetractable
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

    /// <summary>A code of the source-kind vocabulary.</summary>
    public string? Kind { get; set; }
    public string? Publisher { get; set; }
    public string? Author { get; set; }
    public FuzzyDate? Date { get; set; }
    public string? Url { get; set; }
    public string? Language { get; set; }

    /// <summary>A code of the reliability vocabulary (Admiralty-style A–F).</summary>
    public string? Reliability { get; set; }
    public string? Excerpt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string RecordType => "source";

    public object Snapshot() =>
        new
        {
            Level,
            Title,
            Kind,
            Publisher,
            Author,
            Date = Date?.ToString(),
            Url,
            Language,
            Reliability,
            Excerpt,
        };
}

/// <summary>Ties a source to one fact: a record, or one field of it, with the page or quote.</summary>
public sealed class Citation : IVersioned, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }
    public Guid SourceId { get; set; }
    public Source? Source { get; set; }

    /// <summary>"person", "case", "event", "charge" or "designation".</summary>
    public required string TargetType { get; set; }
    public Guid TargetId { get; set; }

    /// <summary>The field of the target the source supports, when it supports one field only.</summary>
    public string? Field { get; set; }
    public string? Page { get; set; }
    public string? Quote { get; set; }

    public string RecordType => "citation";

    public object Snapshot() =>
        new
        {
            SourceId,
            TargetType,
            TargetId,
            Field,
            Page,
            Quote,
        };
}
