using Habeas.Core.Campaigns;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Campaigns.Actions;

/// <summary>Records outreach counted elsewhere ("3,000 cards counted by the Finnish section"): channel, count, target, day,
/// country.</summary>
public sealed class OutreachModel(HabeasDb db, Habeas.Platform.Vocabulary.Vocabularies vocabularies, TimeProvider time, Texts texts)
    : ActionStepModel(db, time, texts)
{
    [BindProperty]
    public OutreachInput Input { get; set; } = new();
    protected override ActionLifecycle.Step? Step => ActionLifecycle.Step.RecordOutreach;

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        PostAsync(
            id,
            () => Task.FromResult(Input.Validate(Action, vocabularies, Today)),
            async () => (await ActionsApi.SaveOutreachAsync(Db, Action, Input, Time, cancellationToken)).Refusal,
            cancellationToken
        );
}
