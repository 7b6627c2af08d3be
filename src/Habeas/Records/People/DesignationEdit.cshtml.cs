using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Organisations;
using Habeas.Records.Places;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>Adds a designation to a person (/people/{id}/designations/new: the id is the person's) or edits one
/// (/designations/{id}/edit: the designation's); the organisation is chosen by a search step
/// (<see cref="OrganisationPicker"/>). On an error or a find nothing is saved and everything typed is shown again.</summary>
public sealed class DesignationEditModel(HabeasDb db, Vocabularies vocabularies) : PageModel
{
    [BindProperty]
    public DesignationInput Input { get; set; } = new();

    /// <summary>The words typed to find the organisation.</summary>
    [BindProperty]
    public string? OrganisationQuery { get; set; }
    public Guid? Id { get; private set; }
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public PlacePicker Organisation { get; private set; } = null!;
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public string FormAction => Id is null ? $"/people/{PersonId}/designations/new" : $"/designations/{Id}/edit";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } designation)
        {
            return NotFound();
        }
        if (Id is not null)
        {
            Input = DesignationInput.From(designation);
        }
        return await ShowAsync(find: false, cancellationToken);
    }

    /// <summary>The search step: the same form again, with the organisations whose names hold what was typed.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        return await ShowAsync(find: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } designation)
        {
            return NotFound();
        }
        var validation = await Input.ValidateAsync(db, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return await ShowAsync(find: false, cancellationToken);
        }
        if (Id is null)
        {
            await DesignationsApi.SaveNewAsync(db, PersonId, Input, cancellationToken);
        }
        else if (!await Saving.TrySaveAsync(db, designation, Input.Version, () => Input.ApplyTo(designation), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(
                db,
                designation,
                Input.Version,
                ModelState,
                v => Input.Version = v,
                cancellationToken
            );
            return await ShowAsync(find: false, cancellationToken);
        }
        return Redirect($"/people/{PersonId}");
    }

    /// <summary>The designation edited (tracked), or a new one for a person the reader may see; null when neither exists.</summary>
    private async Task<Designation?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        // Both routes name one id: the designation's under /designations, the person's under /people.
        var editing = Request.Path.StartsWithSegments("/designations", StringComparison.OrdinalIgnoreCase);
        Id = editing ? id : null;
        var designation = editing
            ? await db.Designations.FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            : new Designation { PersonId = id, Category = "" };
        if (designation is null)
        {
            return null;
        }
        var owner = await db
            .People.AsNoTracking()
            .Include(p => p.Names)
            .FirstOrDefaultAsync(p => p.Id == designation.PersonId, cancellationToken);
        if (owner is null)
        {
            return null;
        }
        PersonId = owner.Id;
        PersonName = owner.NameFor(Habeas.Platform.Localization.Texts.CurrentLanguage);
        return designation;
    }

    private async Task<IActionResult> ShowAsync(bool find, CancellationToken cancellationToken)
    {
        Organisation = await OrganisationPicker.BuildAsync(
            db,
            "Input.OrganisationId",
            nameof(OrganisationQuery),
            "designation.organisation",
            Input.OrganisationId,
            OrganisationQuery,
            find,
            cancellationToken
        );
        return Page();
    }
}
