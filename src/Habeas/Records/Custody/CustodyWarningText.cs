using Habeas.Core.Custody;
using Habeas.Platform.Localization;
using Habeas.Platform.Vocabulary;

namespace Habeas.Records.Custody;

/// <summary>
/// Says a <see cref="CustodyWarning"/> in the reader's language ("custody.warning.{code}"): the event by the label of
/// its type and its date ("Release, 12 March 2019"), never by its id; a custody status or a decision by its label; the
/// days of a computed term as the reader writes dates.
/// </summary>
public static class CustodyWarningText
{
    public static string Say(CustodyWarning warning, Texts texts, Vocabularies vocabularies)
    {
        ArgumentNullException.ThrowIfNull(warning);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(vocabularies);
        var type = vocabularies.Label("event-type", warning.EventType);
        var theEvent = warning.Date is null ? type : texts.Format("custody.warning.event", type, Display.Date(warning.Date, texts));
        var key = "custody.warning." + warning.Code;
        if (!Texts.Has(key))
        {
            key = "custody.warning.other";
        }
        return texts.Format(
            key,
            theEvent,
            warning.Status is null ? "" : vocabularies.Label("custody-status", warning.Status),
            warning.Day is { } day ? Display.Day(day) : "",
            warning.TermStart is { } start ? Display.Day(start) : "",
            warning.Decision is null ? "" : vocabularies.Label("decision", warning.Decision)
        );
    }
}
