namespace Habeas.Records.Custody;

/// <summary>
/// One interval of a person's derived custody timeline, stored so that "who was detained on day D" is one
/// indexed query. Rebuilt from the events in the same transaction whenever they change; never edited by hand.
/// Two stored copies share this shape: <see cref="CustodyPeriod"/> (the shared timeline) and
/// <see cref="PublishedCustodyPeriod"/> (the public one).
/// </summary>
public abstract class StoredCustodyPeriod
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public int Sequence { get; set; }
    public string Status { get; set; } = "";
    public bool DeprivedOfLiberty { get; set; }
    public DateOnly FromDay { get; set; }
    public DateOnly? ToDay { get; set; }
    public string FromDate { get; set; } = "";
    public string? ToDate { get; set; }
    public bool Presumed { get; set; }
}

/// <summary>The shared timeline: derived from every event of the person but restricted ones, whoever saves.</summary>
public sealed class CustodyPeriod : StoredCustodyPeriod;

/// <summary>
/// The public timeline: derived from the person's public events only, and kept only while the person is
/// public. The public site and published figures read this copy, so an unpublished arrest, transfer or
/// release never shows through a status, a count or a date there.
/// </summary>
public sealed class PublishedCustodyPeriod : StoredCustodyPeriod;
