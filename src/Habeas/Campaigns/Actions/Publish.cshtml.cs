using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Actions;

/// <summary>
/// An action's public side, from its page: the guidance its card form shows (campaigners), and whether it is on the
/// public site (coordinators and administrators who may see every case of it: <see cref="ActionPublishing"/>). The
/// same input and rules as <c>POST /api/v1/actions/{id}/publish</c>; the save is refused, keeping what was typed, when
/// someone saved the action in between.
/// </summary>
public sealed class PublishModel(HabeasDb db, Texts texts) : PageModel
{
    /// <summary>The languages a guidance can be written in here: the interface's, and Thai (the cards to Thai prisons).</summary>
    public static readonly IReadOnlyList<string> GuidanceLanguages = [.. Texts.Languages.Union(["th"])];

    public CampaignAction Action { get; private set; } = null!;

    public bool MayPublish => db.Viewer.MayPublish;

    [BindProperty]
    public bool Public { get; set; }

    [BindProperty]
    public Dictionary<string, string?> CardGuidance { get; set; } = [];

    [BindProperty]
    public int Version { get; set; }

    public bool Saved { get; private set; }

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ActionsApi.LoadAsync(db, id, cancellationToken) is not { } action)
        {
            return NotFound();
        }
        Show(action);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ActionsApi.LoadAsync(db, id, cancellationToken) is not { } action)
        {
            return NotFound();
        }
        Action = action;
        var input = new PublishInput
        {
            // Only someone who may publish is offered the box; for anyone else the state stays as it is.
            Public = MayPublish ? Public : null,
            CardGuidance = GuidanceLanguages.ToDictionary(l => l, l => CardGuidance.GetValueOrDefault(l)),
        };
        var validation = input.Validate();
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState, string.Empty);
            return Page();
        }
        var wasPublic = action.Public;
        input.Apply(action);
        await ActionPublishing.CheckAsync(db, action, wasPublic, cancellationToken);
        if (!await Saving.TrySaveAsync(db, action, Version, () => { }, cancellationToken))
        {
            // What was typed stays in the form; the version moves to the saved one, so saving again replaces it knowingly.
            Conflict = true;
            ModelState.AddModelError(string.Empty, texts["actions.publishConflict"]);
            db.ChangeTracker.Clear();
            if (await ActionsApi.LoadAsync(db, id, cancellationToken) is not { } saved)
            {
                return NotFound();
            }
            Action = saved;
            ModelState.Remove(nameof(Version));
            Version = saved.Version;
            return Page();
        }
        Show(action);
        Saved = true;
        return Page();
    }

    private void Show(CampaignAction action)
    {
        Action = action;
        Public = action.Public;
        Version = action.Version;
        CardGuidance = GuidanceLanguages.ToDictionary(l => l, l => action.CardGuidance.TryGetValue(l, out var text) ? text : null);
    }
}
