using Habeas.Platform.Storage;

namespace Habeas.Platform.Admin;

/// <summary>An audited record as the audit page names it: its display name and its page.</summary>
public sealed record AuditRecordName(string Name, string Url);

/// <summary>
/// Names the records of audit entries (person, case, event, source, action …) for the audit page. The record kinds live
/// in the wings above Platform, so the host supplies the implementation (Host/AuditRecordNamer.cs). It reads through
/// the reader's database context: a record the reader may not see is not named, and the page shows its id only.
/// </summary>
public interface IAuditRecordNames
{
    Task<IReadOnlyDictionary<Guid, AuditRecordName>> NamesAsync(
        HabeasDb db,
        IReadOnlyCollection<(string Type, Guid Id)> records,
        CancellationToken cancellationToken
    );
}
