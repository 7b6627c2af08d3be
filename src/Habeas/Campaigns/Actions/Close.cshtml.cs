using Habeas.Core.Campaigns;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Records.Events;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Campaigns.Actions;

/// <summary>Closes an action with its outcome, the day, a note and the case event the outcome is (the release).</summary>
public sealed class CloseModel(HabeasDb db, Habeas.Platform.Vocabulary.Vocabularies vocabularies, TimeProvider time, Texts texts)
    : ActionStepModel(db, time, texts)
{
    [BindProperty]
    public CloseInput Input { get; set; } = new();

    /// <summary>The events of the action's cases the reader may see, newest first (a release is usually the last).</summary>
    public IReadOnlyList<Event> Events { get; private set; } = [];
    protected override ActionLifecycle.Step? Step => ActionLifecycle.Step.Close;

    protected override async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Events = (await Numbers.ActionNumbers.CaseEventsAsync(Db, Action, cancellationToken)).Reverse().ToList();

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        PostAsync(
            id,
            () => Input.ValidateAsync(Db, Action, vocabularies, cancellationToken),
            () => ActionsApi.TryStepAsync(Db, Action, ActionLifecycle.Step.Close, () => Input.ApplyTo(Action, Today), cancellationToken),
            cancellationToken
        );
}
