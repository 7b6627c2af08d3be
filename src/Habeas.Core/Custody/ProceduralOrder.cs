namespace Habeas.Core.Custody;

/// <summary>
/// The order in which events of one day (or of one fuzzy date, "December 1999") happen in a procedure: an
/// arrest before the detention order, a verdict before the release. Used to order events whose dates tie,
/// so the result does not depend on the order they were typed in.
/// </summary>
public static class ProceduralOrder
{
    private static readonly string[] Order =
    [
        "refugee-status-granted",
        "threat",
        "summons",
        "arrest",
        "enforced-disappearance",
        "reappearance",
        "charge",
        "pre-trial-detention-order",
        "detention-extension",
        "house-arrest",
        "administrative-detention",
        "extradition-request",
        "transfer",
        "health-incident",
        "ill-treatment-allegation",
        "hearing",
        "bail-request",
        "verdict",
        "sentence-suspended",
        "appeal-filed",
        "appeal-decision",
        "extradition-decision",
        "release",
        "deportation",
        "exile",
        "return-from-exile",
        "death",
    ];

    /// <summary>The place of an event type in a procedure; unknown types sort with hearings.</summary>
    public static int Rank(string type)
    {
        var index = Array.IndexOf(Order, type);
        return index >= 0 ? index : Array.IndexOf(Order, "hearing");
    }
}
