namespace Habeas.Platform.Shared;

/// <summary>
/// A record whose every saved state is kept in <see cref="History.RecordVersion"/>.
/// <see cref="Version"/> is the optimistic-concurrency token: a save from a stale version fails.
/// </summary>
public interface IVersioned
{
    Guid Id { get; }

    int Version { get; set; }

    /// <summary>The record type name used in history, citations and URLs ("person", "case", …).</summary>
    string RecordType { get; }

    /// <summary>The values kept for this version (the record and the parts that belong to it).</summary>
    object Snapshot();
}

/// <summary>A row that belongs to a versioned record: changing it makes a new version of its owner.</summary>
public interface IRecordPart
{
    Guid OwnerId { get; }

    Type OwnerType { get; }
}
