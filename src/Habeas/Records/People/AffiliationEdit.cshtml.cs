using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Records.Organisations;
using Habeas.Records.Places;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.People;

/// <summary>Adds an affiliation to a person (/people/{id}/affiliations/new) or edits one (/people/{id}/affiliations/{affiliationId}/edit);
/// the organisation is chosen by a search step (<see cref="OrganisationPicker"/>), as on the designation form. An affiliation is
/// part of its person: the form carries the person's version, and a save by someone else in between is shown as on the
/// person's form. On an error or a find nothing is saved and everything typed is shown again.</summary>
public sealed class AffiliationEditModel(HabeasDb db) : PageModel
{
    [BindProperty]
    public AffiliationInput Input { get; set; } = new();

    /// <summary>The words typed to find the organisation.</summary>
    [BindProperty]
    public string? OrganisationQuery { get; set; }
    public Guid? AffiliationId { get; private set; }
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public PlacePicker Organisation { get; private set; } = null!;
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public string FormAction =>
        AffiliationId is null ? $"/people/{PersonId}/affiliations/new" : $"/people/{PersonId}/affiliations/{AffiliationId}/edit";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? affiliationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, affiliationId, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        Input = AffiliationId is { } editing
            ? AffiliationInput.Of(person.Affiliations.Single(a => a.Id == editing), person.Version)
            : new AffiliationInput { Version = person.Version };
        return await ShowAsync(find: false, cancellationToken);
    }

    /// <summary>The search step: the same form again, with the organisations whose names hold what was typed.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid id, Guid? affiliationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, affiliationId, cancellationToken) is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        return await ShowAsync(find: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? affiliationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, affiliationId, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        var validation = await Input.ValidateAsync(db, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return await ShowAsync(find: false, cancellationToken);
        }
        var saved = AffiliationId is { } editing
            ? await Saving.TrySaveAsync(
                db,
                person,
                Input.Version,
                () => Input.ApplyTo(person.Affiliations.Single(a => a.Id == editing)),
                cancellationToken
            )
            : await AffiliationsApi.TryAddAsync(db, person, Input, Input.Version, cancellationToken) is not null;
        if (!saved)
        {
            Conflict = await Saving.FormConflictAsync(db, person, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            return await ShowAsync(find: false, cancellationToken);
        }
        return Redirect($"/people/{PersonId}#affiliations");
    }

    /// <summary>The person (tracked, with the affiliation edited), or null when the reader may not see it or it has no such
    /// affiliation.</summary>
    private async Task<Person?> LoadAsync(Guid id, Guid? affiliationId, CancellationToken cancellationToken)
    {
        AffiliationId = affiliationId;
        var person = await AffiliationsApi.LoadPersonAsync(db, id, cancellationToken);
        if (person is null || (affiliationId is { } editing && person.Affiliations.All(a => a.Id != editing)))
        {
            return null;
        }
        PersonId = person.Id;
        PersonName = person.NameFor(Habeas.Platform.Localization.Texts.CurrentLanguage);
        return person;
    }

    private async Task<IActionResult> ShowAsync(bool find, CancellationToken cancellationToken)
    {
        Organisation = await OrganisationPicker.BuildAsync(
            db,
            "Input.OrganisationId",
            nameof(OrganisationQuery),
            "affiliation.organisation",
            Input.OrganisationId,
            OrganisationQuery,
            find,
            cancellationToken
        );
        return Page();
    }
}
