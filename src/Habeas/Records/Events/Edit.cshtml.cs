using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Events;

/// <summary>Records an event (/events/new?caseId=…&amp;personId=…) or edits one. Saving recomputes the custody timeline of the people
/// concerned.</summary>
public sealed class EditModel(HabeasDb db, Vocabularies vocabularies, Search.PeopleNameIndex index) : PageModel
{
    [BindProperty]
    public EventInput Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    /// <summary>What was typed in the people's "find" box.</summary>
    [BindProperty]
    public string? PeopleQuery { get; set; }

    /// <summary>The event's people: those chosen, and after "find" the matches, as check boxes (People.PersonPicker).</summary>
    public People.PersonPicker PeoplePicker { get; private set; } = null!;

    /// <summary>What was typed in the case's, the place's and the acting organisation's "find" boxes.</summary>
    [BindProperty]
    public string? CaseQuery { get; set; }

    [BindProperty]
    public string? PlaceQuery { get; set; }

    [BindProperty]
    public string? ActorQuery { get; set; }

    /// <summary>The case, the place and the organisation that acted, each chosen by a search step, never from a list of
    /// every record (Pickers.RecordPicker, Places.PlacePicker, Organisations.OrganisationPicker).</summary>
    public Pickers.RecordPicker CasePicker { get; private set; } = null!;
    public Places.PlacePicker PlacePicker { get; private set; } = null!;
    public Places.PlacePicker ActorPicker { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? caseId, Guid? personId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var e = await Load(id.Value, cancellationToken);
            if (e is null)
            {
                return NotFound();
            }
            Input = EventInput.From(e);
        }
        else
        {
            Input.CaseId = caseId;
            if (personId is not null)
            {
                Input.PersonIds.Add(personId.Value);
            }
        }
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>"Find" (people, the case, the place or who acted): nothing is saved; the form comes back as typed, with the
    /// matches of every box that holds words.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        ModelState.Clear();
        await LoadChoicesAsync(cancellationToken, find: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        Input.PersonIds = Input.PersonIds.Distinct().ToList();
        var validation = await Input.ValidateAsync(db, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        Event? e;
        if (id is null)
        {
            e = new Event { Type = Input.Type! };
            db.Events.Add(e);
        }
        else
        {
            e = await Load(id.Value, cancellationToken);
            if (e is null)
            {
                return NotFound();
            }
        }
        var people = await Input.PeopleConcernedAsync(db, cancellationToken);
        if (!await Saving.TrySaveAsync(db, e, Input.Version, () => Input.ApplyTo(e, people, db.Viewer, db.Time.Today()), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, e, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        return Redirect(e.CaseId is { } caseId ? $"/cases/{caseId}#event-{e.Id}" : $"/people/{e.People.First().PersonId}#event-{e.Id}");
    }

    private Task<Event?> Load(Guid id, CancellationToken cancellationToken) =>
        db.Events.Include(e => e.People).Include(e => e.Actors).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    private async Task LoadChoicesAsync(CancellationToken cancellationToken, bool find = false)
    {
        PeoplePicker = await People.PersonPicker.BuildAsync(
            db,
            index,
            "Input.PersonIds",
            nameof(PeopleQuery),
            Input.PersonIds,
            PeopleQuery,
            find,
            cancellationToken,
            multiple: true
        );
        CasePicker = await Pickers.RecordPicker.BuildAsync(
            new Pickers.CaseFinder(db),
            "Input.CaseId",
            nameof(CaseQuery),
            Input.CaseId is { } caseId ? [caseId] : [],
            CaseQuery,
            find,
            cancellationToken
        );
        PlacePicker = Places.PlacePicker.Build(
            await Places.PlaceDirectory.LoadAsync(db, cancellationToken),
            "Input.PlaceId",
            nameof(PlaceQuery),
            "event.place",
            Input.PlaceId,
            PlaceQuery,
            find && !string.IsNullOrWhiteSpace(PlaceQuery)
        );
        ActorPicker = await Organisations.OrganisationPicker.BuildAsync(
            db,
            "Input.ActorOrganisationId",
            nameof(ActorQuery),
            "event.actor",
            Input.ActorOrganisationId,
            ActorQuery,
            find && !string.IsNullOrWhiteSpace(ActorQuery),
            cancellationToken
        );
    }
}
