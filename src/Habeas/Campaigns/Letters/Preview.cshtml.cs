using Habeas.Campaigns.Act;
using Habeas.Campaigns.Actions;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Letters;

/// <summary>
/// <c>/actions/{id}/letters/preview</c> (campaigners, coordinators, administrators who may see the action): the letter a
/// supporter would get for one target, merged by the same <see cref="LetterBuilder"/> as the public letter page, with a
/// sample supporter name and town, whether or not the action is public yet (<see cref="PublicAction.PreviewAsync"/>: the
/// prisoners named are those the public letter would name today).
/// </summary>
public sealed class PreviewModel(HabeasDb db, Texts texts, TimeProvider time) : PageModel
{
    public CampaignAction Action { get; private set; } = null!;

    public IReadOnlyList<CampaignTarget> Targets { get; private set; } = [];

    public CampaignTarget? Target { get; private set; }

    public LetterBuilder.Letter? Letter { get; private set; }

    /// <summary>How many prisoners the letter names (those public now).</summary>
    public int PrisonersNamed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? target, CancellationToken cancellationToken)
    {
        if (await PublicAction.PreviewAsync(db, id, cancellationToken) is not { } preview)
        {
            return NotFound();
        }
        Action = preview.Action;
        Targets = preview.Targets;
        Target = preview.Target(target) ?? (preview.Targets.Count > 0 ? preview.Targets[0] : null);
        PrisonersNamed = preview.Prisoners.Count;
        if (Target is not null)
        {
            Letter = await LetterBuilder.BuildAsync(
                db,
                preview,
                Target,
                texts["letters.previewName"],
                texts["letters.previewTown"],
                time.Today(),
                cancellationToken
            );
        }
        return Page();
    }
}
