namespace Habeas.Platform.Access;

/// <summary>The record types that carry a level, by record type and by their API path segment.</summary>
public static class LeveledRecords
{
    public static readonly IReadOnlyList<(string Segment, string RecordType)> Leveled =
    [
        ("people", "person"),
        ("cases", "case"),
        ("events", "event"),
        ("sources", "source"),
    ];

    /// <summary>The record if the viewer may see it (the context's filters apply), else null.</summary>
    public static async Task<IHasLevel?> FindVisibleAsync(
        Storage.HabeasDb db,
        string recordType,
        Guid id,
        CancellationToken cancellationToken
    ) =>
        Visibility.Versioned.TryGetValue(recordType, out var type) && typeof(IHasLevel).IsAssignableFrom(type)
            ? (IHasLevel?)await RecordLookup.FindAsync(db, type, id, cancellationToken)
            : null;

    public static IResult NotFound(string recordType, Guid id) => Api.Problems.NotFound(recordType, id);
}

/// <summary>What a record page passes to the level badge.</summary>
public sealed record LevelBadge(string Segment, Guid Id, string Level);
