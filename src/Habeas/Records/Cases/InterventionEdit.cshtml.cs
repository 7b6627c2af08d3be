using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Organisations;
using Habeas.Records.Places;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

/// <summary>Adds an intervention to a case (/cases/{id}/interventions/new: the id is the case's) or edits one
/// (/interventions/{id}/edit: the intervention's); the organisation is chosen by a search step
/// (<see cref="OrganisationPicker"/>). On an error or a find nothing is saved and everything typed is shown again.</summary>
public sealed class InterventionEditModel(HabeasDb db, Vocabularies vocabularies) : PageModel
{
    [BindProperty]
    public InterventionInput Input { get; set; } = new();

    /// <summary>The words typed to find the organisation.</summary>
    [BindProperty]
    public string? OrganisationQuery { get; set; }
    public Guid? Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string CaseTitle { get; private set; } = "";
    public PlacePicker Organisation { get; private set; } = null!;
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public string FormAction => Id is null ? $"/cases/{CaseId}/interventions/new" : $"/interventions/{Id}/edit";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } intervention)
        {
            return NotFound();
        }
        if (Id is not null)
        {
            Input = InterventionInput.From(intervention);
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
        if (await LoadAsync(id, cancellationToken) is not { } intervention)
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
            await InterventionsApi.SaveNewAsync(db, CaseId, Input, cancellationToken);
        }
        else if (!await Saving.TrySaveAsync(db, intervention, Input.Version, () => Input.ApplyTo(intervention), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(
                db,
                intervention,
                Input.Version,
                ModelState,
                v => Input.Version = v,
                cancellationToken
            );
            return await ShowAsync(find: false, cancellationToken);
        }
        return Redirect($"/cases/{CaseId}");
    }

    /// <summary>The intervention edited (tracked), or a new one for a case the reader may see; null when neither exists.
    /// An intervention recorded for a person alone (no case) is not edited here.</summary>
    private async Task<Intervention?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        // Both routes name one id: the intervention's under /interventions, the case's under /cases.
        var editing = Request.Path.StartsWithSegments("/interventions", StringComparison.OrdinalIgnoreCase);
        Id = editing ? id : null;
        var intervention = editing
            ? await db.Interventions.FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            : new Intervention
            {
                CaseId = id,
                Kind = "",
                Status = "",
            };
        if (intervention?.CaseId is not { } caseId)
        {
            return null;
        }
        var owner = await db
            .Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.Title })
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return null;
        }
        CaseId = owner.Id;
        CaseTitle = owner.Title;
        return intervention;
    }

    private async Task<IActionResult> ShowAsync(bool find, CancellationToken cancellationToken)
    {
        Organisation = await OrganisationPicker.BuildAsync(
            db,
            "Input.OrganisationId",
            nameof(OrganisationQuery),
            "intervention.organisation",
            Input.OrganisationId,
            OrganisationQuery,
            find,
            cancellationToken
        );
        return Page();
    }
}
