using System.Globalization;
using Habeas.Core.Campaigns;
using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Cases;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>Campaign actions: create, issue, target, update, record what was sent, count it, close with an outcome.
/// Reading needs a signed-in role; changing needs the campaign policy (administrators, coordinators, campaigners).</summary>
public static class ActionsApi
{
    public sealed record CaseRef(Guid Id, string Title);

    public sealed record TargetDto(
        Guid Id,
        string DisplayName,
        string? Title,
        string? Name,
        string? Organisation,
        string? PostalAddress,
        string? Email,
        string? Fax,
        string? Salutation,
        string? Language
    );

    public sealed record UpdateDto(int Number, string IssuedOn, string WhatChanged, IReadOnlyDictionary<string, string> Text);

    public sealed record ActionDetail(
        Guid Id,
        int Version,
        string Code,
        string Kind,
        string Title,
        string Status,
        string? IssuedOn,
        string? ActBy,
        string? ClosedOn,
        string? Outcome,
        string? OutcomeNote,
        Guid? OutcomeEventId,
        IReadOnlyDictionary<string, string> RecommendedActions,
        IReadOnlyDictionary<string, string> AppealText,
        IReadOnlyList<CaseRef> Cases,
        IReadOnlyList<string> Concerns,
        IReadOnlyList<TargetDto> Targets,
        IReadOnlyList<UpdateDto> Updates,
        bool Public,
        IReadOnlyDictionary<string, string> CardGuidance
    );

    public sealed record ActionSummary(Guid Id, string Code, string Kind, string Title, string Status, string? IssuedOn);

    public static void Map(RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/actions").WithTags("Campaigns");
        actions.MapGet("/", ListAsync).WithSummary("Campaign actions, newest first, filtered by status.");
        actions
            .MapPost("/", CreateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary(
                "Create an action as a draft: code (\"UA 309/02\"), kind, title, caseIds; concerns, recommended actions and appeal text optional."
            );
        actions.MapGet("/{id:guid}", GetAsync).WithSummary("One action with its cases, targets and further-information updates.");
        actions
            .MapPut("/{id:guid}", EditAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary("Edit an action: the fields of its creation and the version read; 409 when someone saved in between.");
        actions
            .MapGet("/numbers", Numbers.ActionNumbers.AcrossApiAsync)
            .WithSummary(
                "Across actions: closed ones ending in release or improvement, days from issue to close, counts by kind and status, outreach per action."
            );
        actions
            .MapPost("/{id:guid}/issue", IssueAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary("Issue a draft: the day it goes out (today unless given) and the day to act by.");
        actions
            .MapPost("/{id:guid}/targets", AddTargetAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary("Add a target to the action: an existing one (targetId) or a new official or office.");
        actions
            .MapPost("/{id:guid}/outreach", RecordOutreachAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary("Record something sent: channel, count, optional targetId, supporterId, date, language, country.");
        actions
            .MapGet("/{id:guid}/summary", SummaryAsync)
            .WithSummary("What was sent for the action: the total, and counts by channel, target, country and week.");
        actions
            .MapPost("/{id:guid}/updates", AddUpdateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary("Add a further-information update: what changed, the document, the day.");
        actions
            .MapPost("/{id:guid}/publish", PublishAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary(
                "Put the action on the public site or take it off (public: coordinators and administrators only, else 403), and set the card guidance."
            );
        actions
            .MapPost("/{id:guid}/close", CloseAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary("Close the action with its outcome (action-outcome vocabulary) and, when there is one, the case event it is.");
    }

    private static async Task<IResult> ListAsync(HabeasDb db, string? status, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        if (status is not null && !ActionLifecycle.Statuses.Contains(status))
        {
            var v = new Validation();
            v.Add("status", "actions.error.status", status, string.Join(", ", ActionLifecycle.Statuses));
            return v.Problem();
        }
        var query = db.CampaignActions.AsNoTracking().Where(a => status == null || a.Status == status);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(a => a.CreatedAt)
            .ThenBy(a => a.Id)
            .Skip(offset ?? 0)
            .Take(limit ?? Paging.DefaultLimit)
            .Select(a => new
            {
                a.Id,
                a.Code,
                a.Kind,
                a.Title,
                a.Status,
                a.IssuedOn,
            })
            .ToListAsync(cancellationToken);
        return Results.Ok(
            new { items = items.Select(a => new ActionSummary(a.Id, a.Code, a.Kind, a.Title, a.Status, Day(a.IssuedOn))), total }
        );
    }

    private static async Task<IResult> CreateAsync(
        ActionInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var validation = await input.ValidateAsync(db, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var action = input.Create();
        await ActionPublishing.CheckAsync(db, action, wasPublic: false, cancellationToken);
        db.CampaignActions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created(
            $"/api/v1/actions/{action.Id}",
            new
            {
                id = action.Id,
                version = action.Version,
                status = action.Status,
            }
        );
    }

    private static async Task<IResult> GetAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        var action = await LoadAsync(db, id, cancellationToken);
        return action is null ? NotFound(id) : Results.Ok(await DetailAsync(db, action, cancellationToken));
    }

    private static async Task<IResult> IssueAsync(
        Guid id,
        IssueInput input,
        HabeasDb db,
        TimeProvider time,
        Supporters.SupporterMail mail,
        CancellationToken cancellationToken
    )
    {
        var action = await LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound(id);
        }
        var today = time.Today();
        var validation = input.Validate(today);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await TryIssueAsync(db, mail, action, input, today, cancellationToken) is not null
            ? Conflict(ActionLifecycle.Step.Issue, action.Status)
            : Results.Ok(await DetailAsync(db, action, cancellationToken));
    }

    private static async Task<IResult> AddTargetAsync(Guid id, TargetInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        var action = await LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound(id);
        }
        var validation = await input.ValidateAsync(db, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return Results.Created($"/api/v1/actions/{action.Id}", Target(await SaveTargetAsync(db, action, input, cancellationToken)));
    }

    /// <summary>Adds a valid target input to the action (an existing target, or a new one) and saves.</summary>
    public static async Task<CampaignTarget> SaveTargetAsync(
        HabeasDb db,
        CampaignAction action,
        TargetInput input,
        CancellationToken cancellationToken
    )
    {
        var target = input.TargetId is { } existing
            ? await db.CampaignTargets.SingleAsync(t => t.Id == existing, cancellationToken)
            : input.Create();
        if (input.TargetId is null)
        {
            db.CampaignTargets.Add(target);
        }
        if (action.Targets.All(t => t.TargetId != target.Id))
        {
            action.Targets.Add(new ActionTarget { ActionId = action.Id, TargetId = target.Id });
        }
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    private static async Task<IResult> RecordOutreachAsync(
        Guid id,
        OutreachInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var action = await LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound(id);
        }
        var today = time.Today();
        var validation = input.Validate(action, vocabularies, today);
        await input.CheckSupporterAsync(db, validation, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var (outreach, refusal) = await SaveOutreachAsync(db, action, input, time, cancellationToken);
        return refusal is not null
            ? Conflict(ActionLifecycle.Step.RecordOutreach, action.Status)
            : Results.Created($"/api/v1/actions/{action.Id}/summary", new { id = outreach!.Id });
    }

    /// <summary>Records a valid outreach input with its audit entry; the refusal instead when the action's status does not allow
    /// it.</summary>
    public static async Task<(Outreach? Outreach, string? Refusal)> SaveOutreachAsync(
        HabeasDb db,
        CampaignAction action,
        OutreachInput input,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (ActionLifecycle.Refusal(action.Status, ActionLifecycle.Step.RecordOutreach) is { } refusal)
        {
            return (null, refusal);
        }
        var outreach = input.Create(action, time.Today(), time.GetUtcNow(), db.Actor);
        db.Outreach.Add(outreach);
        db.LogAction(
            "outreach-recorded",
            action.RecordType,
            action.Id,
            details: new Dictionary<string, string?>
            {
                ["channel"] = outreach.Channel,
                ["count"] = outreach.Count.ToString(CultureInfo.InvariantCulture),
                ["target"] = outreach.TargetId?.ToString(),
                ["date"] = Day(outreach.Date),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return (outreach, null);
    }

    /// <summary>What was sent for an action, counted.</summary>
    public sealed record Counts(
        int Total,
        IReadOnlyDictionary<string, int> ByChannel,
        IReadOnlyDictionary<string, int> ByTarget,
        IReadOnlyDictionary<string, int> ByCountry,
        IReadOnlyDictionary<string, int> ByWeek
    );

    public static async Task<Counts> CountAsync(HabeasDb db, Guid id, CancellationToken cancellationToken)
    {
        var rows = await db
            .Outreach.AsNoTracking()
            .Where(o => o.ActionId == id)
            .Select(o => new
            {
                o.Channel,
                o.Count,
                o.TargetId,
                o.Country,
                o.Date,
            })
            .ToListAsync(cancellationToken);
        return new Counts(
            rows.Sum(r => r.Count),
            rows.GroupBy(r => r.Channel).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            rows.Where(r => r.TargetId is not null)
                .GroupBy(r => r.TargetId!.Value)
                .ToDictionary(g => g.Key.ToString(), g => g.Sum(r => r.Count)),
            rows.Where(r => r.Country is not null)
                .GroupBy(r => r.Country!)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            rows.GroupBy(r => Week(r.Date)).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Count))
        );
    }

    private static async Task<IResult> SummaryAsync(Guid id, HabeasDb db, CancellationToken cancellationToken) =>
        await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken)
            ? Results.Ok(await CountAsync(db, id, cancellationToken))
            : NotFound(id);

    private static async Task<IResult> AddUpdateAsync(
        Guid id,
        UpdateInput input,
        HabeasDb db,
        TimeProvider time,
        Supporters.SupporterMail mail,
        CancellationToken cancellationToken
    )
    {
        var action = await LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound(id);
        }
        var validation = input.Validate(action);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await TryAddUpdateAsync(db, mail, action, input, time.Today(), cancellationToken) is not null
            ? Conflict(ActionLifecycle.Step.AddUpdate, action.Status)
            : Results.Ok(await DetailAsync(db, action, cancellationToken));
    }

    private static async Task<IResult> PublishAsync(Guid id, PublishInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        var action = await LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound(id);
        }
        if (input.Validate() is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }
        var wasPublic = action.Public;
        input.Apply(action);
        await ActionPublishing.CheckAsync(db, action, wasPublic, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(await DetailAsync(db, action, cancellationToken));
    }

    private static async Task<IResult> CloseAsync(
        Guid id,
        CloseInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var action = await LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound(id);
        }
        var validation = await input.ValidateAsync(db, action, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await StepAsync(db, action, ActionLifecycle.Step.Close, () => input.ApplyTo(action, time.Today()), cancellationToken);
    }

    /// <summary>A step of the lifecycle: refused with 409 and the reason when the action's status does not allow it.</summary>
    private static async Task<IResult> StepAsync(
        HabeasDb db,
        CampaignAction action,
        ActionLifecycle.Step step,
        Action apply,
        CancellationToken cancellationToken
    ) =>
        await TryStepAsync(db, action, step, apply, cancellationToken) is not null
            ? Conflict(step, action.Status)
            : Results.Ok(await DetailAsync(db, action, cancellationToken));

    /// <summary>Takes a step of the lifecycle and saves; the reason instead, having written nothing, when the status does not allow
    /// it.</summary>
    public static async Task<string?> TryStepAsync(
        HabeasDb db,
        CampaignAction action,
        ActionLifecycle.Step step,
        Action apply,
        CancellationToken cancellationToken
    )
    {
        if (ActionLifecycle.Refusal(action.Status, step) is { } refusal)
        {
            return refusal;
        }
        apply();
        action.Status = ActionLifecycle.After(action.Status, step);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Issues the action (API and form), with the email to the supporters whose preferences it matches saved in the same
    /// transaction.</summary>
    public static async Task<string?> TryIssueAsync(
        HabeasDb db,
        Supporters.SupporterMail mail,
        CampaignAction action,
        IssueInput input,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        if (ActionLifecycle.Refusal(action.Status, ActionLifecycle.Step.Issue) is { } refusal)
        {
            return refusal;
        }
        await mail.QueueIssuedAsync(db, action, cancellationToken);
        return await TryStepAsync(db, action, ActionLifecycle.Step.Issue, () => input.ApplyTo(action, today), cancellationToken);
    }

    /// <summary>Adds a further-information update (API and form), with its email to the supporters who follow the action saved in the same
    /// transaction.</summary>
    public static async Task<string?> TryAddUpdateAsync(
        HabeasDb db,
        Supporters.SupporterMail mail,
        CampaignAction action,
        UpdateInput input,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        if (ActionLifecycle.Refusal(action.Status, ActionLifecycle.Step.AddUpdate) is { } refusal)
        {
            return refusal;
        }
        var update = input.Create(action, today);
        await mail.QueueUpdateAsync(db, action, update, cancellationToken);
        return await TryStepAsync(db, action, ActionLifecycle.Step.AddUpdate, () => action.Updates.Add(update), cancellationToken);
    }

    // --- Editing an action (PUT), shared with the edit form ---

    private static async Task<IResult> EditAsync(
        Guid id,
        ActionInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var action = await LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound(id);
        }
        var validation = await input.ValidateAsync(db, vocabularies, cancellationToken, editing: id);
        var hidden = await HiddenCaseIdsAsync(db, action, cancellationToken);
        return await Saving.UpdateAsync(db, action, validation, input.Version, () => input.ApplyTo(action, hidden), cancellationToken);
    }

    /// <summary>The cases of the action the reader may not see (their links are kept on edit).</summary>
    public static async Task<IReadOnlyCollection<Guid>> HiddenCaseIdsAsync(
        HabeasDb db,
        CampaignAction action,
        CancellationToken cancellationToken
    )
    {
        var all = action.Cases.Select(c => c.CaseId).ToList();
        var visible = await db.Cases.Where(c => all.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        return all.Except(visible).ToList();
    }

    public static Task<CampaignAction?> LoadAsync(HabeasDb db, Guid id, CancellationToken cancellationToken) =>
        db
            .CampaignActions.Include(a => a.Cases)
            .Include(a => a.Concerns)
            .Include(a => a.Targets)
                .ThenInclude(t => t.Target)
            .Include(a => a.Updates)
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public static async Task<ActionDetail> DetailAsync(HabeasDb db, CampaignAction a, CancellationToken cancellationToken)
    {
        var caseIds = a.Cases.Select(c => c.CaseId).ToList();
        // Only the cases this reader may see are named.
        var cases = await db
            .Cases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id))
            .Select(c => new CaseRef(c.Id, c.Title))
            .ToListAsync(cancellationToken);
        var targetIds = a.Targets.Select(t => t.TargetId).ToList();
        var targets = await db.CampaignTargets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToListAsync(cancellationToken);
        return new ActionDetail(
            a.Id,
            a.Version,
            a.Code,
            a.Kind,
            a.Title,
            a.Status,
            Day(a.IssuedOn),
            Day(a.ActBy),
            Day(a.ClosedOn),
            a.Outcome,
            a.OutcomeNote,
            a.OutcomeEventId,
            a.RecommendedActions,
            a.AppealText,
            cases,
            a.Concerns.Select(c => c.Tag).Order(StringComparer.Ordinal).ToList(),
            targets.OrderBy(t => t.DisplayName, StringComparer.Ordinal).Select(Target).ToList(),
            a.Updates.OrderBy(u => u.Number).Select(u => new UpdateDto(u.Number, Day(u.IssuedOn)!, u.WhatChanged, u.Text)).ToList(),
            a.Public,
            a.CardGuidance
        );
    }

    private static TargetDto Target(CampaignTarget t) =>
        new(t.Id, t.DisplayName, t.Title, t.Name, t.Organisation, t.PostalAddress, t.Email, t.Fax, t.Salutation, t.Language);

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The Monday of the week a day falls in.</summary>
    public static string Week(DateOnly day) => Day(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)))!;

    private static IResult NotFound(Guid id) => Habeas.Platform.Api.Problems.NotFound("action", id);

    /// <summary>The 409 of a step the action's status does not allow, its reason in the reader's language.</summary>
    private static IResult Conflict(ActionLifecycle.Step step, string status) =>
        Habeas.Platform.Api.Problems.SaidAs(
            409,
            "actions.problem.stage",
            Habeas.Platform.Api.Problems.Texts[$"actions.refused.{step.ToString().ToLowerInvariant()}.{status}"]
        );
}
