using Habeas.Core.Campaigns;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Records.Pickers;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Campaigns.Actions;

/// <summary>Adds a target to an action: one already recorded (reused across actions) or a new official or office.</summary>
public sealed class TargetModel(HabeasDb db, TimeProvider time, Texts texts) : ActionStepModel(db, time, texts)
{
    [BindProperty]
    public TargetInput Input { get; set; } = new();

    /// <summary>The words typed in the official's "find" box.</summary>
    [BindProperty]
    public string? TargetQuery { get; set; }

    /// <summary>An official already recorded: chosen by a search step (Records/Pickers), never a list of every official.</summary>
    public RecordPicker TargetPicker { get; private set; } = null!;
    protected override ActionLifecycle.Step? Step => null;

    private bool _find;

    protected override async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        TargetPicker = await RecordPicker.BuildAsync(
            new TargetFinder(Db),
            "Input.TargetId",
            nameof(TargetQuery),
            Input.TargetId is { } target ? [target] : [],
            TargetQuery,
            _find,
            cancellationToken
        );

    /// <summary>"Find" an official: nothing is saved; the form comes back as typed, with the matches.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        _find = true;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

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
