using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Accounts;

/// <summary>A signed-in user's own API tokens: list, create (the token is shown on this answer only), revoke.</summary>
public sealed class TokensModel(HabeasDb db, UserManager<HabeasUser> users, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int? ExpiresInDays { get; set; } = 90;

    public IReadOnlyList<ApiTokens.TokenSummary> Tokens { get; private set; } = [];

    /// <summary>The token just created, shown once.</summary>
    public string? NewToken { get; private set; }
    public bool Revoked { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var validation = TokensApi.Validate(Name, ExpiresInDays);
        if (!validation.IsValid)
        {
            foreach (var (field, messages) in validation.Errors)
            {
                ModelState.AddModelError(Api.Validation.FormPath(field), string.Join(" ", messages));
            }
            return await ShowAsync(cancellationToken);
        }
        var issued = await ApiTokens.IssueAsync(
            db,
            userId,
            Name!.Trim(),
            TimeSpan.FromDays(ExpiresInDays!.Value),
            time,
            cancellationToken,
            ApiTokens.CallerTokenExpiry(User)
        );
        NewToken = issued.Secret;
        Name = null;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await ApiTokens.RevokeAsync(db, users.GetUserId(User)!, id, time, cancellationToken))
        {
            return NotFound();
        }
        Revoked = true;
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Tokens = await ApiTokens.ListAsync(db, users.GetUserId(User)!, cancellationToken);
        return Page();
    }
}
