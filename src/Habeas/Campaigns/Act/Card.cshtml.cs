using Habeas.Campaigns.Cards;
using Habeas.Platform.Localization;
using Habeas.Platform.Security;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Habeas.Campaigns.Act;

/// <summary>A greeting card to the prisoner (anonymous): kept pending until a campaigner reads it against the guidance.</summary>
[EnableRateLimiting(RateLimits.PublicPolicy)]
public sealed class CardModel(HabeasDb db, Texts texts, TimeProvider time) : PageModel
{
    public PublicAction Action { get; private set; } = null!;
    public CardForm Form { get; private set; } = null!;
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } action)
        {
            return NotFound();
        }
        Form = new CardForm { ActionId = id, Guidance = action.Action.CardGuidance.Best() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid id,
        string? message,
        string? signedAs,
        string? country,
        CancellationToken cancellationToken
    )
    {
        if (await LoadAsync(id, cancellationToken) is not { } action)
        {
            return NotFound();
        }
        Form = new CardForm
        {
            ActionId = id,
            Guidance = action.Action.CardGuidance.Best(),
            Message = message,
            SignedAs = signedAs,
            Country = country,
        };
        var valid = Form.Validate(texts);
        if (await PublicForms.CheckAsync(HttpContext, db, cancellationToken) is { } problem)
        {
            Form.Errors[string.Empty] = texts[problem];
            valid = false;
        }
        if (!valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        db.GreetingCards.Add(
            new GreetingCard
            {
                ActionId = id,
                Message = message!.Trim(),
                SignedAs = signedAs!.Trim(),
                Country = Countries.Known(country),
                Language = Texts.CurrentLanguage,
                CreatedAt = time.GetUtcNow(),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        Sent = true;
        return Page();
    }

    private async Task<PublicAction?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        Action = (await PublicAction.LoadAsync(db, id, cancellationToken, open: true))!;
}
