using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Places;

/// <summary>Creates a place (/places/new) or edits one; the place it is part of is chosen by a search step
/// (<see cref="PlacePicker"/>). On an error or a find nothing is saved and everything typed is shown again.</summary>
public sealed class EditModel(HabeasDb db, Vocabularies vocabularies) : PageModel
{
    [BindProperty]
    public PlaceInput Input { get; set; } = new();

    /// <summary>The words typed to find the place this one is part of.</summary>
    [BindProperty]
    public string? ParentQuery { get; set; }
    public Guid? Id { get; private set; }
    public PlacePicker Parent { get; private set; } = null!;
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? parentId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (place is null)
            {
                return NotFound();
            }
            Input = PlaceInput.From(place);
        }
        else
        {
            Input.ParentId = parentId;
        }
        return await ShowAsync(find: false, cancellationToken);
    }

    /// <summary>The search step: the same form again, with the places whose names hold what was typed.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        ModelState.Clear();
        return await ShowAsync(find: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        var validation = await Input.ValidateAsync(db, vocabularies, id, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return await ShowAsync(find: false, cancellationToken);
        }
        Place? place;
        string? codeBefore = null;
        if (id is null)
        {
            place = new Place { Kind = "" };
            db.Places.Add(place);
        }
        else
        {
            place = await db.Places.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (place is null)
            {
                return NotFound();
            }
            codeBefore = place.Code;
        }
        if (!await Saving.TrySaveAsync(db, place, Input.Version, () => Input.ApplyTo(place), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, place, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            return await ShowAsync(find: false, cancellationToken);
        }
        if (codeBefore != place.Code)
        {
            // Rare (a country's code is set once): every case under the place may now find other limits.
            await Habeas.Records.Deadlines.DeadlineRebuild.RebuildAllAsync(db, cancellationToken);
        }
        return Redirect($"/places/{place.Id}");
    }

    private async Task<IActionResult> ShowAsync(bool find, CancellationToken cancellationToken)
    {
        var directory = await PlaceDirectory.LoadAsync(db, cancellationToken);
        Parent = PlacePicker.Build(directory, "Input.ParentId", nameof(ParentQuery), "place.parent", Input.ParentId, ParentQuery, find, Id);
        return Page();
    }
}
