using Microsoft.AspNetCore.Identity;

namespace Habeas.Platform.Accounts;

/// <summary>Creating and disabling accounts: one rule for the setup page and the users verbs.</summary>
public static class UserAccounts
{
    public static async Task<(HabeasUser? User, IReadOnlyList<string> Errors)> CreateAsync(
        UserManager<HabeasUser> users,
        string? email,
        string? password,
        string role,
        TimeProvider time,
        Localization.Texts? texts = null
    )
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return (null, ["Give the account's email address."]);
        }
        if (!Roles.All.Contains(role))
        {
            return (null, [$"'{role}' is not a role; use one of: {string.Join(", ", Roles.All)}."]);
        }
        var user = new HabeasUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
        {
            return (null, Refusals(created, texts));
        }
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? (user, []) : (null, added.Errors.Select(e => e.Description).ToList());
    }

    /// <summary>
    /// An account for someone who will choose their own password from an invitation link: it has no password until
    /// then, so nobody can sign in to it.
    /// </summary>
    public static async Task<(HabeasUser? User, IReadOnlyList<string> Errors)> CreateInvitedAsync(
        UserManager<HabeasUser> users,
        string? email,
        string? name,
        string role,
        TimeProvider time,
        Localization.Texts? texts = null
    )
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return (null, ["Give the account's email address."]);
        }
        if (!Roles.All.Contains(role))
        {
            return (null, [$"'{role}' is not a role; use one of: {string.Join(", ", Roles.All)}."]);
        }
        var displayName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (displayName is { Length: > 200 } || (displayName?.Any(char.IsControl) ?? false))
        {
            return (null, ["The name must be one line of at most 200 characters."]);
        }
        var user = new HabeasUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow(),
            DisplayName = displayName,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, Refusals(created, texts));
        }
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? (user, []) : (null, added.Errors.Select(e => e.Description).ToList());
    }

    /// <summary>
    /// Identity's refusals, once each: the user name is the email, so an email in use is refused twice by Identity
    /// ("Username … is already taken", "Email … is already taken"); both become one message, in the reader's language
    /// when <paramref name="texts"/> is given.
    /// </summary>
    private static List<string> Refusals(IdentityResult result, Localization.Texts? texts) =>
        result
            .Errors.Select(e =>
                e.Code is "DuplicateUserName" or "DuplicateEmail"
                    ? texts?[EmailTaken] ?? "An account with this email address already exists."
                    : e.Description
            )
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public const string EmailTaken = "admin.error.emailTaken";

    /// <summary>The password rules (length, common passwords; docs/security.md 11) for this account, without changing it.</summary>
    /// <remarks>With <paramref name="texts"/>, the known refusals come in the reader's language.</remarks>
    public static async Task<IReadOnlyList<string>> ValidatePasswordAsync(
        UserManager<HabeasUser> users,
        HabeasUser user,
        string? password,
        Localization.Texts? texts = null
    )
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange(
                (await validator.ValidateAsync(users, user, password)).Errors.Select(e =>
                    (texts, e.Code) switch
                    {
                        (null, _) => e.Description,
                        (_, "PasswordTooShort") => texts["password.error.short"],
                        (_, "PasswordTooLong") => texts["password.error.long"],
                        (_, "CommonPassword") => texts["password.error.common"],
                        _ => e.Description,
                    }
                )
            );
        }
        return errors.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Puts a checked password's hash on the account; the caller's update (with a new security stamp) saves it.</summary>
    public static void StorePassword(UserManager<HabeasUser> users, HabeasUser user, string password)
    {
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = false;
    }

    /// <summary>Locks the account for good and changes its security stamp, which ends its sessions within a minute; its tokens stop working
    /// at once.</summary>
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
