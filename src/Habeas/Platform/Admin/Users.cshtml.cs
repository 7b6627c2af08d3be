using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Admin;

/// <summary>Administrators: every account with its role, two-factor state, confidential grant and state; create, change, disable.</summary>
public sealed class UsersModel(HabeasDb db, UserManager<HabeasUser> users, TimeProvider time) : PageModel
{
    public sealed record Row(
        string Id,
        string Email,
        string? Name,
        string Role,
        bool TwoFactor,
        bool Confidential,
        bool Disabled,
        DateTimeOffset? LockedUntil,
        DateTimeOffset CreatedAt
    );

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string NewRole { get; set; } = Roles.Viewer;

    /// <summary>Which change was just made (an interface-string key), shown after the redirect.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<Row> Accounts { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>An invitation or reset link just made, shown this once, and whose it is.</summary>
    public (string Url, string Email, string Purpose)? NewLink { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>A new account by invitation: the administrator never chooses its password.</summary>
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var (user, secret, errors) = await AccountChanges.InviteAsync(
            db,
            users,
            Email,
            Name,
            NewRole,
            time,
            cancellationToken,
            HttpContext.RequestServices.GetRequiredService<Localization.Texts>()
        );
        if (user is null)
        {
            Errors = errors;
            await LoadAsync(cancellationToken);
            return Page();
        }
        Email = Name = null;
        ModelState.Clear();
        return await ShowLinkAsync(user, secret!, PasswordLinks.Invitation, cancellationToken);
    }

    /// <summary>A one-time link with which the account's owner sets a new password.</summary>
    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var secret = await AccountChanges.ResetLinkAsync(db, user, time, cancellationToken);
        return await ShowLinkAsync(user, secret, PasswordLinks.Reset, cancellationToken);
    }

    private async Task<IActionResult> ShowLinkAsync(HabeasUser user, string secret, string purpose, CancellationToken cancellationToken)
    {
        NewLink = ($"{Request.Scheme}://{Request.Host}{PasswordLinks.PathPrefix}{secret}", user.Email ?? user.Id, purpose);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(string id, string role, CancellationToken cancellationToken) =>
        ChangeAsync(id, "role", user => AccountChanges.ChangeRoleAsync(db, users, user, role, time, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostGrantAsync(string id, bool give, CancellationToken cancellationToken) =>
        ChangeAsync(id, "grant", user => AccountChanges.SetConfidentialAsync(db, users, user, give, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(
            id,
            "disabled",
            user => AccountChanges.DisableAsync(db, users, user, users.GetUserId(User), time, cancellationToken),
            cancellationToken
        );

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "enabled", user => AccountChanges.EnableAsync(db, users, user, time, cancellationToken), cancellationToken);

    private async Task<IActionResult> ChangeAsync(
        string id,
        string done,
        Func<HabeasUser, Task<string?>> change,
        CancellationToken cancellationToken
    )
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var refused = await change(user);
        if (refused is not null)
        {
            Errors = [HttpContext.RequestServices.GetRequiredService<Localization.Texts>()[refused]];
            await LoadAsync(cancellationToken);
            return Page();
        }
        return Redirect("/admin/users?done=" + done);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var roles = await db
            .UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var confidential = (
            await db
                .UserClaims.Where(c => c.ClaimType == Grants.ClaimType && c.ClaimValue == Grants.Confidential)
                .Select(c => c.UserId)
                .ToListAsync(cancellationToken)
        ).ToHashSet();
        var accounts = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        Accounts = accounts
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new Row(
                u.Id,
                u.Email ?? u.UserName ?? u.Id,
                u.DisplayName,
                string.Join(", ", roles.Where(r => r.UserId == u.Id).Select(r => r.Name).Order(StringComparer.Ordinal)),
                u.TwoFactorEnabled,
                confidential.Contains(u.Id),
                AccountChanges.IsDisabled(u, now),
                u.LockoutEnd is { } end && end > now && !AccountChanges.IsDisabled(u, now) ? end : null,
                u.CreatedAt
            ))
            .ToList();
    }
}
