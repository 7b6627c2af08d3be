using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Events;

/// <summary>/events/{id}/state: what happened to a scheduled event — held, postponed (to a new date or none yet),
/// cancelled — with the dates it was postponed from. The work list links here ("what happened on 20 January?").</summary>
public sealed class StateModel(HabeasDb db) : PageModel
{
    [BindProperty]
    public EventStateInput Input { get; set; } = new();
    public Event Event { get; private set; } = null!;
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } e)
        {
            return NotFound();
        }
        Event = e;
        Input = new EventStateInput { State = e.State ?? EventStates.Held, Version = e.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } e)
        {
            return NotFound();
        }
        Event = e;
        var validation = Input.Validate(e);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return Page();
        }
        if (!await Saving.TrySaveAsync(db, e, Input.Version, () => Input.ApplyTo(e), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, e, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            return Page();
        }
        return Redirect($"/events/{e.Id}/state");
    }

    private Task<Event?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db
            .Events.Include(e => e.People)
                .ThenInclude(p => p.Person)
                    .ThenInclude(p => p!.Names)
            .Include(e => e.Case)
            .Include(e => e.Place)
            .Include(e => e.Actors)
                .ThenInclude(a => a.Organisation)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
}
