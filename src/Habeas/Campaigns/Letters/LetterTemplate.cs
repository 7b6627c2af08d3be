using Habeas.Platform.Shared;

namespace Habeas.Campaigns.Letters;

/// <summary>
/// The letter supporters send for an action, in one language, with merge fields (Core/Letters/LetterMerge):
/// a supporter writing to a Thai official gets the Thai template, to a Cambodian one the Khmer template.
/// </summary>
public sealed class LetterTemplate : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Version { get; set; }
    public Guid ActionId { get; set; }

    /// <summary>"th", "km", "en" …: the language of the targets it is for.</summary>
    public required string Language { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string RecordType => "letter-template";

    public object Snapshot() =>
        new
        {
            ActionId,
            Language,
            Text,
        };
}

/// <summary>
/// A letter recorded as sent from the public page, by the one-time token its "I have sent it" form carried: the
/// same token posted twice (a double click, a reload) finds its receipt and counts nothing more.
/// </summary>
public sealed class SentReceipt
{
    /// <summary>The token's nonce.</summary>
    public Guid Id { get; set; }
    public Guid OutreachId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
