using Habeas.Core.Campaigns;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Actions;

/// <summary>
/// A form for one step of an action (issue, add a target, an update, record outreach, close): loads the action, says
/// in the reader's words why the step is not possible now, and on a post runs the API's validation, showing its
/// messages by field with everything typed kept.
/// </summary>
public abstract class ActionStepModel(HabeasDb db, TimeProvider time, Texts texts) : PageModel
{
    protected HabeasDb Db => db;
    protected TimeProvider Time => time;
    public CampaignAction Action { get; private set; } = null!;

    /// <summary>Why the step cannot be taken with the action as it is; null when it can.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The lifecycle step the form takes; null when it takes none (adding a target).</summary>
    protected abstract ActionLifecycle.Step? Step { get; }

    protected DateOnly Today => time.Today();

    protected async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return false;
        }
        Action = action;
        Refusal = Step is { } step && ActionLifecycle.Refusal(action.Status, step) is not null ? RefusalText(step, action.Status) : null;
        await LoadChoicesAsync(cancellationToken);
        return true;
    }

    protected virtual Task LoadChoicesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The post: validation first (shown by field), then the step; the refusal is shown when the status does not allow
    /// it.</summary>
    protected async Task<IActionResult> PostAsync(
        Guid id,
        Func<Task<Validation>> validate,
        Func<Task<string?>> save,
        CancellationToken cancellationToken
    )
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var validation = await validate();
        if (!validation.IsValid || !ModelState.IsValid)
        {
            validation.CopyTo(ModelState);
            return Page();
        }
        if (Refusal is not null || await save() is not null)
        {
            Refusal ??= RefusalText(Step!.Value, Action.Status);
            return Page();
        }
        return Redirect($"/actions/{id}");
    }

    /// <summary>The lifecycle's refusal, in the reader's language.</summary>
    public string RefusalText(ActionLifecycle.Step step, string status) =>
        texts[$"actions.refused.{step.ToString().ToLowerInvariant()}.{status}"];
}
