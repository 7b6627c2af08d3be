using Habeas.Platform.Shared;

namespace Habeas.Campaigns.Replies;

/// <summary>
/// What came back for an action: a <see cref="Kinds.TargetReply"/> (an official's answer: which target, when, what it
/// said, in which language) or an <see cref="Kinds.Acknowledgement"/> from the prisoner (a card or letter received, a
/// message back), with the scanned letters or photographs as stored files. Versioned and audited like every record.
/// </summary>
public sealed class Reply : IVersioned, Habeas.Platform.Shared.IRetractable
{
    public static class Kinds
    {
        public const string TargetReply = "target-reply";
        public const string Acknowledgement = "acknowledgement";

        public static readonly IReadOnlyList<string> All = [TargetReply, Acknowledgement];
    }

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }
    public Guid ActionId { get; set; }
    public required string Kind { get; set; }

    /// <summary>The official who answered (a target of the action); null for an acknowledgement.</summary>
    public Guid? TargetId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public required string Summary { get; set; }

    /// <summary>The language the reply was written in ("th", "km", "en" …).</summary>
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<ReplyFile> Files { get; set; } = [];

    public string RecordType => "reply";

    public object Snapshot() =>
        new
        {
            ActionId,
            Kind,
            TargetId,
            ReceivedOn,
            Summary,
            Language,
            Files = Files.Select(f => f.FileId).Order(),
        };
}

/// <summary>A stored file that is part of a reply (the scanned letter).</summary>
public sealed class ReplyFile : IRecordPart
{
    public Guid ReplyId { get; set; }
    public Guid FileId { get; set; }
    public Habeas.Records.Files.StoredFile? File { get; set; }

    public Guid OwnerId => ReplyId;
    public Type OwnerType => typeof(Reply);
}
