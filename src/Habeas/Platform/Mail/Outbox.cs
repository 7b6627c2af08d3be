using Habeas.Platform.Storage;

namespace Habeas.Platform.Mail;

/// <summary>Queues email in the caller's unit of work: nothing is sent unless the change that causes it commits.</summary>
public static class Outbox
{
    private static TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a message is next committed in this process (the workers wait on it between polls).</summary>
    public static Task NextAddition => Volatile.Read(ref _added).Task;

    /// <summary>Adds a message to the context only; it is written by the caller's next save and the workers are woken then.</summary>
    public static OutboxMessage Add(
        HabeasDb db,
        string to,
        string subject,
        string text,
        string language,
        string kind,
        Guid? supporterId = null,
        Guid? actionId = null
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = db.Time.GetUtcNow();
        var message = new OutboxMessage
        {
            MessageId = "",
            ToAddress = to,
            Subject = subject,
            Body = text,
            Language = language,
            Kind = kind,
            SupporterId = supporterId,
            ActionId = actionId,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        message.MessageId = $"<{message.Id:N}@{MailOptions.MessageIdDomain}>";
        db.Set<OutboxMessage>().Add(message);
        db.AfterCommit(Wake);
        return message;
    }

    public static void Wake() =>
        Interlocked.Exchange(ref _added, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
