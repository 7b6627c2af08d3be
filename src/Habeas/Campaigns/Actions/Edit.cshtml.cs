using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Actions;

/// <summary>Creates an action as a draft (/actions/new) or edits one from the version read; the same input and rules as the API.</summary>
public sealed class EditModel(HabeasDb db, Vocabularies vocabularies) : PageModel
{
    /// <summary>The languages an action's texts are written in, side by side.</summary>
    public static readonly IReadOnlyList<string> TextLanguages = ["en", "km", "th"];

    [BindProperty]
    public ActionInput Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    /// <summary>The action as saved by someone else, shown beside the form after a conflict.</summary>
    public CampaignAction? Saved { get; private set; }

    /// <summary>What was typed in the cases' "find" box.</summary>
    [BindProperty]
    public string? CaseQuery { get; set; }

    /// <summary>The action's cases: those chosen, and after "find" the matches, as check boxes (Records.Pickers.RecordPicker),
    /// never a list of every case.</summary>
    public Records.Pickers.RecordPicker CasePicker { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? caseId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var action = await ActionsApi.LoadAsync(db, id.Value, cancellationToken);
            if (action is null)
            {
                return NotFound();
            }
            Input = ActionInput.From(action);
            // Only the cases this editor may see are offered; hidden links are kept when saving.
            var hidden = await ActionsApi.HiddenCaseIdsAsync(db, action, cancellationToken);
            Input.CaseIds.RemoveAll(hidden.Contains);
        }
        else if (caseId is not null)
        {
            Input.CaseIds.Add(caseId.Value);
        }
        await LoadCasesAsync(cancellationToken);
        return Page();
    }

    /// <summary>"Find" cases: nothing is saved; the form comes back as typed, with the matches to tick.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        ModelState.Clear();
        await LoadCasesAsync(cancellationToken, find: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        var validation = await Input.ValidateAsync(db, vocabularies, cancellationToken, editing: id);
        if (!validation.IsValid || !ModelState.IsValid)
        {
            validation.CopyTo(ModelState);
            await LoadCasesAsync(cancellationToken);
            return Page();
        }
        CampaignAction? action;
        IReadOnlyCollection<Guid> hidden = [];
        if (id is null)
        {
            action = Input.Create();
            await ActionPublishing.CheckAsync(db, action, wasPublic: false, cancellationToken);
            db.CampaignActions.Add(action);
        }
        else
        {
            action = await ActionsApi.LoadAsync(db, id.Value, cancellationToken);
            if (action is null)
            {
                return NotFound();
            }
            hidden = await ActionsApi.HiddenCaseIdsAsync(db, action, cancellationToken);
        }
        if (!await Saving.TrySaveAsync(db, action, Input.Version, () => Input.ApplyTo(action, hidden), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, action, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            Saved = await ActionsApi.LoadAsync(db, id!.Value, cancellationToken);
            await LoadCasesAsync(cancellationToken);
            return Page();
        }
        return Redirect($"/actions/{action.Id}");
    }

    private async Task LoadCasesAsync(CancellationToken cancellationToken, bool find = false) =>
        CasePicker = await Records.Pickers.RecordPicker.BuildAsync(
            new Records.Pickers.CaseFinder(db),
            "Input.CaseIds",
            nameof(CaseQuery),
            Input.CaseIds,
            CaseQuery,
            find,
            cancellationToken,
            multiple: true
        );
}
