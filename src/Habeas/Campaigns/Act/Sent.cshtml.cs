using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Letters;
using Habeas.Platform.Localization;
using Habeas.Platform.Security;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Act;

/// <summary>
/// "I have sent it" (anonymous, one click): one letter counted for the target, in the letter's language, from the
/// country the supporter chose. The form's one-time token makes a double click or a reload count once.
/// </summary>
[EnableRateLimiting(RateLimits.PublicPolicy)]
public sealed class SentModel(HabeasDb db, Texts texts, TimeProvider time, SentTokens tokens) : PageModel
{
    public PublicAction Action { get; private set; } = null!;
    public CampaignTarget? Target { get; private set; }
    public string? Token { get; private set; }
    public string? Country { get; private set; }

    public IActionResult OnGet(Guid id) => Redirect($"/act/{id}");

    public async Task<IActionResult> OnPostAsync(Guid id, string? token, string? country, CancellationToken cancellationToken)
    {
        var action = await PublicAction.LoadAsync(db, id, cancellationToken, open: true);
        var sent = tokens.Read(token);
        if (action is null)
        {
            return NotFound();
        }
        Action = action;
        Target = sent is null ? null : action.Target(sent.TargetId);
        if (sent is null || sent.ActionId != id || Target is null)
        {
            ModelState.AddModelError(string.Empty, texts["act.sent.badToken"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        (Token, Country) = (token, country);
        // This letter was counted already (the button pressed twice): thank them again, count nothing. Before the form's
        // stamp is looked at, since the first post spent it and a refusal here would only invite a second letter count.
        if (await db.SentReceipts.AnyAsync(r => r.Id == sent.Nonce, cancellationToken))
        {
            Token = null;
            return Page();
        }
        if (await PublicForms.CheckAsync(HttpContext, db, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(string.Empty, texts[problem]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!string.IsNullOrWhiteSpace(country) && Countries.Known(country) is null)
        {
            ModelState.AddModelError("country", texts["act.error.country"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await RecordAsync(action, sent, Countries.Known(country), cancellationToken);
        Token = null;
        return Page();
    }

    private async Task RecordAsync(PublicAction action, SentTokens.Sent sent, string? country, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var outreach = new Outreach
        {
            ActionId = action.Action.Id,
            Channel = "letter",
            Count = 1,
            TargetId = sent.TargetId,
            Date = DateOnly.FromDateTime(now.UtcDateTime),
            Language = sent.Language,
            Country = country,
            RecordedAt = now,
        };
        db.Outreach.Add(outreach);
        db.SentReceipts.Add(
            new SentReceipt
            {
                Id = sent.Nonce,
                OutreachId = outreach.Id,
                RecordedAt = now,
            }
        );
        db.LogAction(
            "outreach-recorded",
            action.Action.RecordType,
            action.Action.Id,
            details: new Dictionary<string, string?>
            {
                ["channel"] = outreach.Channel,
                ["count"] = "1",
                ["target"] = sent.TargetId.ToString(),
                ["from"] = "public-page",
            }
        );
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same form posted twice at once: counted once, by whichever post saved first.
            db.ChangeTracker.Clear();
            if (!await db.SentReceipts.AnyAsync(r => r.Id == sent.Nonce, cancellationToken))
            {
                throw;
            }
        }
    }

    public bool Counted => Token is null && ModelState.IsValid;
}
