using Habeas.Core.Campaigns;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Campaigns.Actions;

/// <summary>Issues a draft: the day it goes out and the day to act by.</summary>
public sealed class IssueModel(HabeasDb db, TimeProvider time, Texts texts, Supporters.SupporterMail mail)
    : ActionStepModel(db, time, texts)
{
    [BindProperty]
    public IssueInput Input { get; set; } = new();
    protected override ActionLifecycle.Step? Step => ActionLifecycle.Step.Issue;

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        PostAsync(
            id,
            () => Task.FromResult(Input.Validate(Today)),
            () => ActionsApi.TryIssueAsync(Db, mail, Action, Input, Today, cancellationToken),
            cancellationToken
        );
}
