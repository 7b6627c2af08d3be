using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Supporters;

/// <summary>
/// The link of the confirmation email. Opening it shows a button (mail scanners that open links do not sign anyone
/// up); pressing it confirms and opens the supporter's own page. An expired link says so and offers a new one.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Habeas.Platform.Security.RateLimits.PublicPolicy)]
public sealed class ConfirmModel(HabeasDb db, SupporterMail mail) : PageModel
{
    public enum State
    {
        Unknown,
        Valid,
        Expired,
        Resent,
    }

    public State Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var (found, _) = await FindAsync(token, cancellationToken);
        Status = found;
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var (found, supporter) = await FindAsync(token, cancellationToken);
        if (found != State.Valid)
        {
            Status = found;
            return Answer();
        }
        var now = db.Time.GetUtcNow();
        supporter!.Status = Supporter.Confirmed;
        supporter.ConfirmedAt = now;
        db.SupporterTokens.RemoveRange(
            await db
                .SupporterTokens.Where(t => t.SupporterId == supporter.Id && t.Purpose == SupporterToken.Confirm)
                .ToListAsync(cancellationToken)
        );
        var (page, hash) = SupporterRules.NewToken();
        db.SupporterTokens.Add(
            new SupporterToken
            {
                Hash = hash,
                SupporterId = supporter.Id,
                Purpose = SupporterToken.Page,
                CreatedAt = now,
            }
        );
        db.LogAction("supporter-confirmed", "supporter", supporter.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/supporters/me/{page}?done=confirmed");
    }

    /// <summary>A new confirmation email for an expired link.</summary>
    public async Task<IActionResult> OnPostResendAsync(string token, CancellationToken cancellationToken)
    {
        var (found, supporter) = await FindAsync(token, cancellationToken);
        if (found != State.Expired)
        {
            Status = found;
            return Answer();
        }
        db.SupporterTokens.RemoveRange(
            await db
                .SupporterTokens.Where(t => t.SupporterId == supporter!.Id && t.Purpose == SupporterToken.Confirm)
                .ToListAsync(cancellationToken)
        );
        mail.QueueConfirmation(db, supporter!);
        await db.SaveChangesAsync(cancellationToken);
        Status = State.Resent;
        return Page();
    }

    private PageResult Answer()
    {
        var page = Page();
        if (Status == State.Unknown)
        {
            page.StatusCode = StatusCodes.Status404NotFound;
        }
        return page;
    }

    private async Task<(State, Supporter?)> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SupporterRules.Hash(token ?? "");
        var found = await db
            .SupporterTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == SupporterToken.Confirm, cancellationToken);
        var supporter = found is null
            ? null
            : await db.Supporters.FirstOrDefaultAsync(s => s.Id == found.SupporterId && s.Status == Supporter.Pending, cancellationToken);
        if (supporter is null)
        {
            return (State.Unknown, null);
        }
        return (found!.ExpiresAt < db.Time.GetUtcNow() ? State.Expired : State.Valid, supporter);
    }
}
