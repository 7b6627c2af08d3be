using Habeas.Core.Campaigns;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Campaigns.Actions;

/// <summary>Adds a further-information update: what changed in a line, the document in each language, the day.</summary>
public sealed class UpdateModel(HabeasDb db, TimeProvider time, Texts texts, Supporters.SupporterMail mail)
    : ActionStepModel(db, time, texts)
{
    [BindProperty]
    public UpdateInput Input { get; set; } = new();
    protected override ActionLifecycle.Step? Step => ActionLifecycle.Step.AddUpdate;

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        PostAsync(
            id,
            () => Task.FromResult(Input.Validate(Action)),
            () => ActionsApi.TryAddUpdateAsync(Db, mail, Action, Input, Today, cancellationToken),
            cancellationToken
        );
}
