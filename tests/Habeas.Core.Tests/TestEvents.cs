using Habeas.Core.Custody;
using Habeas.Core.Dates;

namespace Habeas.Core.Tests;

/// <summary>Custody events for tests: a type, an EDTF date (or null) and, where the type needs them, the details.</summary>
internal static class TestEvents
{
    public static CustodyEvent Event(
        string type,
        string? date,
        string? decision = null,
        SentenceTerm? sentence = null,
        string? releaseReason = null
    ) => new(Guid.NewGuid(), type, date is null ? null : FuzzyDate.Parse(date), decision, sentence, releaseReason);

    public static CustodyEvent Arrest(string date) => Event("arrest", date);

    public static CustodyEvent Release(string date, string reason = "other") => Event("release", date, releaseReason: reason);

    public static CustodyEvent Convicted(string date, SentenceTerm? sentence) => Event("verdict", date, "convicted", sentence);

    public static DateOnly Day(string isoDay) =>
        DateOnly.ParseExact(isoDay, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
