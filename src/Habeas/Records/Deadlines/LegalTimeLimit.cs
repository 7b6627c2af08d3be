using Habeas.Core.Deadlines;
using Habeas.Platform.Shared;

namespace Habeas.Records.Deadlines;

/// <summary>
/// A legal time limit as stored: seeded by migration 0034 with Cambodia's and Thailand's (docs/deadlines.md), edited by an
/// administrator at /admin/time-limits. The deadline rules (Habeas.Core.Deadlines) read it as a <see cref="TimeLimit"/>.
/// </summary>
public sealed class LegalTimeLimit : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Version { get; set; }
    public required string Code { get; set; }

    /// <summary>ISO 3166-1 alpha-2: a case's country is its jurisdiction's (Place.Code, up the hierarchy).</summary>
    public required string Country { get; set; }

    /// <summary>A <see cref="TimeLimitKinds"/> code.</summary>
    public required string Kind { get; set; }

    /// <summary>An <see cref="OffenceClasses"/> code, or null for every offence.</summary>
    public string? OffenceClass { get; set; }
    public int Months { get; set; }
    public int Days { get; set; }
    public required string Law { get; set; }
    public required string Article { get; set; }
    public required string CodeVersion { get; set; }

    /// <summary>False while the article and period come from a secondary source.</summary>
    public bool Verified { get; set; }
    public string? SourceUrl { get; set; }
    public string? Note { get; set; }

    public string RecordType => "time-limit";

    public TimeLimit ToLimit() => new(Code, Country, Kind, OffenceClass, Months, Days, Law, Article, CodeVersion, Verified, SourceUrl);

    public object Snapshot() =>
        new
        {
            Code,
            Country,
            Kind,
            OffenceClass,
            Months,
            Days,
            Law,
            Article,
            CodeVersion,
            Verified,
            SourceUrl,
            Note,
        };
}

/// <summary>
/// One deadline derived from events (Habeas.Core.Deadlines.DeadlineRules), stored so that "what falls due this week" is
/// one indexed query. A person's (PersonId set; CaseId the case of the event it runs from, if any) or a case's (PersonId
/// null). Rebuilt with the custody periods, from the same events (restricted ones left out), in the same transaction.
/// </summary>
public sealed class StoredDeadline
{
    public long Id { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? CaseId { get; set; }
    public required string Kind { get; set; }
    public DateOnly Due { get; set; }
    public DateOnly DueLatest { get; set; }
    public Guid EventId { get; set; }
    public required string EventType { get; set; }

    /// <summary>The date of the event it runs from, as EDTF.</summary>
    public required string FromDate { get; set; }
    public string? LimitCode { get; set; }
    public bool ClassAssumed { get; set; }

    public bool DueIsEarliest => DueLatest > Due;
}
