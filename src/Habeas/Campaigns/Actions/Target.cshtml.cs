using Habeas.Core.Campaigns;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>Adds a target to an action: one already recorded (reused across actions) or a new official or office.</summary>
public sealed class TargetModel(HabeasDb db, TimeProvider time, Texts texts) : ActionStepModel(db, time, texts)
{
    [BindProperty]
    public TargetInput Input { get; set; } = new();
    public IReadOnlyList<CampaignTarget> Targets { get; private set; } = [];
    protected override ActionLifecycle.Step? Step => null;

    protected override async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Targets = (await Db.CampaignTargets.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .ToList();

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        PostAsync(
            id,
            () => Input.ValidateAsync(Db, cancellationToken),
            async () =>
            {
                await ActionsApi.SaveTargetAsync(Db, Action, Input, cancellationToken);
                return null;
            },
            cancellationToken
        );
}
