namespace Habeas.Core.Custody;

/// <summary>Counts over many people's timelines, as published in "N detained on day D".</summary>
public static class DetentionCensus
{
    /// <summary>How many of the timelines show a person deprived of liberty on <paramref name="day"/>, each
    /// transition taken on the earliest day its date can denote.</summary>
    public static int CountDetainedOn(IEnumerable<CustodyTimeline> timelines, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        return timelines.Count(t => CustodyStatuses.IsDeprivedOfLiberty(t.StatusOn(day).Status));
    }
}
