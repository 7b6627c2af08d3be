namespace Habeas.Campaigns.Cards;

/// <summary>
/// A greeting card to the prisoner written by a supporter on the public page. Prison mail is censored, so a
/// campaigner reads each against the action's card guidance before it is approved; approved cards are printed in
/// batches (<see cref="CardBatch"/>) for the organisation to post.
/// </summary>
public sealed class GreetingCard
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActionId { get; set; }
    public required string Message { get; set; }

    /// <summary>How the supporter signs: a first name only.</summary>
    public required string SignedAs { get; set; }

    /// <summary>ISO 3166 country the supporter writes from, when given.</summary>
    public string? Country { get; set; }

    /// <summary>The language of the page the card was written on.</summary>
    public required string Language { get; set; }
    public string Status { get; set; } = Pending;

    /// <summary>Why it was rejected (said to no one outside the organisation).</summary>
    public string? Reason { get; set; }
    public string? ModeratedBy { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }
    public Guid? BatchId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Approved cards put together to be printed and posted at once.</summary>
public sealed class CardBatch
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActionId { get; set; }

    /// <summary>1, 2, 3… within the action.</summary>
    public int Number { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}
