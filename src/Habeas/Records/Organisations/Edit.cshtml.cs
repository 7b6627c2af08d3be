using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Places;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Organisations;

/// <summary>Creates an organisation (/organisations/new) or edits one; its country or place is chosen by a search step
/// (<see cref="PlacePicker"/>). On an error or a find nothing is saved and everything typed is shown again.</summary>
public sealed class EditModel(HabeasDb db, Vocabularies vocabularies) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    /// <summary>The words typed to find the organisation's country or place.</summary>
    [BindProperty]
    public string? PlaceQuery { get; set; }
    public Guid? Id { get; private set; }
    public PlacePicker Place { get; private set; } = null!;
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (organisation is null)
            {
                return NotFound();
            }
            Input = OrganisationInput.From(organisation);
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
        var validation = await Input.ValidateAsync(db, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return await ShowAsync(find: false, cancellationToken);
        }
        var organisation = id is null
            ? new Organisation { Kind = "" }
            : await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }
        if (id is null)
        {
            db.Organisations.Add(organisation);
        }
        if (!await Saving.TrySaveAsync(db, organisation, Input.Version, () => Input.ApplyTo(organisation), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(
                db,
                organisation,
                Input.Version,
                ModelState,
                v => Input.Version = v,
                cancellationToken
            );
            return await ShowAsync(find: false, cancellationToken);
        }
        return Redirect($"/organisations/{organisation.Id}");
    }

    private async Task<IActionResult> ShowAsync(bool find, CancellationToken cancellationToken)
    {
        var directory = await PlaceDirectory.LoadAsync(db, cancellationToken);
        Place = PlacePicker.Build(
            directory,
            "Input.CountryId",
            nameof(PlaceQuery),
            "organisation.place",
            Input.CountryId,
            PlaceQuery,
            find
        );
        return Page();
    }
}
