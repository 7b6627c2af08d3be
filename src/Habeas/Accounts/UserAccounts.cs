using Microsoft.AspNetCore.Identity;

namespace Habeas.Accounts;

/// <summary>Creating and disabling accounts: one rule for the setup page and the users verbs.</summary>
public static class UserAccounts
{
    public static async Task<(HabeasUser? User, IReadOnlyList<string> Errors)> CreateAsync(UserManager<HabeasUser> users, string? email, string? password, string role, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return (null, ["Give the account's email address."]);
        }
        if (!Roles.All.Contains(role))
        {
            return (null, [$"'{role}' is not a role; use one of: {string.Join(", ", Roles.All)}."]);
        }
        var user = new HabeasUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => e.Description).ToList());
        }
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? (user, []) : (null, added.Errors.Select(e => e.Description).ToList());
    }

    /// <summary>Locks the account for good and changes its security stamp, which ends its sessions within a minute; its tokens stop working at once.</summary>
    public static async Task<bool> DisableAsync(UserManager<HabeasUser> users, string email)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return false;
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        return true;
    }
}
