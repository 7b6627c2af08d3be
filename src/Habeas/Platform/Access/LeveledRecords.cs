using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Access;

/// <summary>The record types that carry a level, by record type and by their API path segment.</summary>
public static class LeveledRecords
{
    public static readonly IReadOnlyList<(string Segment, string RecordType)> Leveled =
        [("people", "person"), ("cases", "case"), ("events", "event"), ("sources", "source")];

    /// <summary>The record if the viewer may see it (the context's filters apply), else null.</summary>
    public static async Task<IHasLevel?> FindVisibleAsync(HabeasDb db, string recordType, Guid id, CancellationToken cancellationToken) => recordType switch
    {
        "person" => await db.People.FirstOrDefaultAsync(r => r.Id == id, cancellationToken),
        "case" => await db.Cases.FirstOrDefaultAsync(r => r.Id == id, cancellationToken),
        "event" => await db.Events.FirstOrDefaultAsync(r => r.Id == id, cancellationToken),
        "source" => await db.Sources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken),
        _ => null,
    };

    public static IResult NotFound(string recordType, Guid id) =>
        Results.Problem(statusCode: 404, title: $"No such {recordType}.", detail: $"There is no {recordType} with id {id}.");
}

/// <summary>What a record page passes to the level badge.</summary>
public sealed record LevelBadge(string Segment, Guid Id, string Level);
