using Habeas.Core.Dates;
using Habeas.Platform.Api;

namespace Habeas.Records.Events;

/// <summary>
/// What happened to a scheduled event (/events/{id}/state, PUT /api/v1/events/{id}/state): it was held, cancelled, or
/// postponed — to a new date, which moves the event and keeps the old date in <see cref="Event.PostponedFrom"/> ("postponed
/// from 20 January to 3 March"), or to no date yet ("postponed", date kept). Back to "scheduled" undoes a mistaken mark.
/// </summary>
public sealed class EventStateInput
{
    public string? State { get; set; }

    /// <summary>For a postponement: the new date (EDTF), if one is set.</summary>
    public string? Date { get; set; }
    public int? Version { get; set; }

    public Validation Validate(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var validation = new Validation();
        if (State is null || !EventStates.All.Contains(State))
        {
            validation.Add("state", "eventState.invalid", State ?? "");
        }
        if (!string.IsNullOrWhiteSpace(Date))
        {
            if (State != EventStates.Postponed)
            {
                validation.Add("date", "eventState.dateOnlyWhenPostponed");
            }
            else if (validation.Date("date", Date, "eventState.newDate") is { } date && e.Date is { } old && date == old)
            {
                validation.Add("date", "eventState.sameDate");
            }
        }
        return validation;
    }

    /// <summary>Applies a valid input. A postponement to a new date moves the event there and keeps the old date; the
    /// event is then scheduled again.</summary>
    public void ApplyTo(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (State == EventStates.Postponed && FuzzyDate.TryParse(Date, out var date, out _))
        {
            if (e.Date is { } old)
            {
                e.PostponedFrom = string.Join(' ', new[] { e.PostponedFrom, old.ToString() }.Where(s => !string.IsNullOrEmpty(s)));
            }
            e.Date = date;
            e.State = EventStates.Scheduled;
            return;
        }
        e.State = State;
    }
}
