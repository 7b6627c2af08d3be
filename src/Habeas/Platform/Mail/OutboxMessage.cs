namespace Habeas.Platform.Mail;

/// <summary>
/// An email to send, written in the same transaction as the change that causes it (<see cref="Outbox.Add"/>) and
/// sent by <see cref="MailWorker"/>. A worker claims a message for a lease (ClaimedBy, ClaimedUntil) before it
/// sends, so two servers on one database never both send it; the Message-ID is fixed when the row is written, so
/// a resend after a crash is recognisable as the same message.
/// </summary>
public sealed class OutboxMessage
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>"&lt;id@domain&gt;", stable across retries.</summary>
    public required string MessageId { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }

    /// <summary>The plain-text body; emptied once sent (it holds the supporter's secret link).</summary>
    public required string Body { get; set; }
    public required string Language { get; set; }

    /// <summary>What it is: supporter-confirm, supporter-known, action-update, action-issued.</summary>
    public required string Kind { get; set; }

    /// <summary>The supporter it is for, so their mail goes when they delete themselves.</summary>
    public Guid? SupporterId { get; set; }

    /// <summary>The action it is about, when it is about one.</summary>
    public Guid? ActionId { get; set; }
    public string Status { get; set; } = Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The claim of the worker batch sending it, until <see cref="ClaimedUntil"/>.</summary>
    public Guid? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
