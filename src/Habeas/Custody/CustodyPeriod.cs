namespace Habeas.Custody;

/// <summary>
/// A stored copy of one interval of a person's derived custody timeline, rebuilt from the events in the
/// same transaction whenever they change, so that "who was detained on day D" is one indexed query.
/// Never edited by hand.
/// </summary>
public sealed class CustodyPeriod
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public int Sequence { get; set; }
    public required string Status { get; set; }
    public bool DeprivedOfLiberty { get; set; }
    public DateOnly FromDay { get; set; }
    public DateOnly? ToDay { get; set; }
    public required string FromDate { get; set; }
    public string? ToDate { get; set; }
    public bool Presumed { get; set; }
}
