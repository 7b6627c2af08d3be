using Habeas.Platform.Localization;

namespace Habeas.Records.Events;

/// <summary>What the staff timeline, the public pages and the dossier say about an event, written once.</summary>
public static class EventTexts
{
    /// <summary>
    /// Whether the event is still to come: its earliest possible day (a month or a year counts from its first day) is
    /// after <paramref name="today"/>, the app's clock (TimeProvider). Timelines mark it "scheduled".
    /// </summary>
    public static bool IsUpcoming(Event e, DateOnly today) => e.Date is { } date && date.Earliest > today;

    /// <summary>The court of an event (its first actor with the court role), or its place; "" when neither is known.</summary>
    public static string Court(Event e) =>
        e.Actors.FirstOrDefault(a => a.Role == "court") is { } court ? court.Organisation?.Name ?? court.Name ?? "" : e.Place?.Name ?? "";

    /// <summary>"sentence: 2 yr" and, when part of it is suspended, "suspended: 1 yr"; nothing without a sentence.</summary>
    public static IReadOnlyList<string> Sentence(Event e, Texts texts)
    {
        if (!e.HasSentence)
        {
            return [];
        }
        var parts = new List<string>
        {
            texts.Format("event.sentence", Display.Term(e.SentenceYears, e.SentenceMonths, e.SentenceDays, texts)),
        };
        if ((e.SuspendedYears ?? 0) + (e.SuspendedMonths ?? 0) + (e.SuspendedDays ?? 0) > 0)
        {
            parts.Add(texts.Format("event.suspended", Display.Term(e.SuspendedYears, e.SuspendedMonths, e.SuspendedDays, texts)));
        }
        return parts;
    }
}
