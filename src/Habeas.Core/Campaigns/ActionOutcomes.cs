namespace Habeas.Core.Campaigns;

/// <summary>
/// How closed actions are counted across the network: which outcomes (action-outcome vocabulary) are a release,
/// which an improvement, and the time from issue to close. docs/campaigns.md gives the same rules in words.
/// </summary>
public static class ActionOutcomes
{
    public enum Effect
    {
        /// <summary>The person is free of the prosecution: released, or the charges dropped.</summary>
        Release,

        /// <summary>Still held or at risk, but better off: treatment, access, conditions, protection as a refugee.</summary>
        Improvement,

        /// <summary>No change, worse, died — or an outcome this code does not know.</summary>
        None,
    }

    public static readonly IReadOnlyList<string> ReleaseOutcomes = ["released", "charges-dropped"];
    public static readonly IReadOnlyList<string> ImprovementOutcomes = ["improvement", "refugee-protection"];

    public static Effect Of(string? outcome) =>
        outcome is not null && ReleaseOutcomes.Contains(outcome) ? Effect.Release
        : outcome is not null && ImprovementOutcomes.Contains(outcome) ? Effect.Improvement
        : Effect.None;

    /// <summary>Median, shortest and longest of some durations in days; null values when there are none.</summary>
    public sealed record Durations(int Count, double? Median, int? Min, int? Max)
    {
        public static Durations Of(IEnumerable<int> days)
        {
            var sorted = days.Order().ToList();
            if (sorted.Count == 0)
            {
                return new Durations(0, null, null, null);
            }
            var middle = sorted.Count / 2;
            var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
            return new Durations(sorted.Count, median, sorted[0], sorted[^1]);
        }
    }

    /// <summary>Days from issue to close; null when either day is missing or the close is before the issue (bad data, not
    /// counted).</summary>
    public static int? DaysOpen(DateOnly? issued, DateOnly? closed) =>
        issued is { } i && closed is { } c && c >= i ? c.DayNumber - i.DayNumber : null;
}
