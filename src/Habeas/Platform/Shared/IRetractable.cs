namespace Habeas.Platform.Shared;

/// <summary>
/// A record that can be retracted (Platform/Retraction, docs/retraction.md): set aside with a reason by whoever may edit
/// it, it leaves every query at once (the "retracted" query filter every mapping of such a type gets) and stays in history
/// and the audit log; a coordinator can restore it.
/// </summary>
public interface IRetractable
{
    Guid Id { get; }

    /// <summary>When it was retracted; null while it stands.</summary>
    DateTimeOffset? RetractedAt { get; set; }

    /// <summary>Who retracted it (the account's e-mail).</summary>
    string? RetractedBy { get; set; }

    /// <summary>Why, as the person who retracted it wrote it (shown to readers who may see the record).</summary>
    string? RetractionReason { get; set; }
}
