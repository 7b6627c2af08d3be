using System.Security.Claims;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Admin;

/// <summary>
/// Changes to what an account may do: its role, the confidential grant, disabling and enabling, team
/// membership. Each is one transaction holding the change and its "permission-changed" audit entry (before and
/// after), so neither exists without the other. Permission changes are serialised (SQLite's write transaction;
/// on PostgreSQL the audit log's advisory lock, taken first), so two administrators demoting each other at once
/// cannot leave the installation without one. Refusals are interface-string keys.
/// </summary>
public static class AccountChanges
{
    public const string PermissionChanged = "permission-changed";
    public const string AccountType = "account";

    public const string LastAdministrator = "admin.error.lastAdministrator";
    public const string DisableSelf = "admin.error.disableSelf";
    public const string UnknownRole = "admin.error.role";

    /// <summary>Disabled accounts are locked out until the end of time; a lockout this far away is a disabling, not failed
    /// sign-ins.</summary>
    public static bool IsDisabled(HabeasUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now.AddYears(50);

    public static Guid AuditId(HabeasUser user) => Guid.Parse(user.Id);

    /// <summary>
    /// Creates an account with its role and no password, an invitation link for it (PasswordLinks) and an
    /// "account-created" entry, together. Returns the link's secret, shown once to the administrator to hand over.
    /// </summary>
    public static async Task<(HabeasUser? User, string? Secret, IReadOnlyList<string> Errors)> InviteAsync(
        HabeasDb db,
        UserManager<HabeasUser> users,
        string? email,
        string? name,
        string role,
        TimeProvider time,
        CancellationToken cancellationToken,
        Localization.Texts? texts = null
    )
    {
        await using var transaction = await BeginAsync(db, cancellationToken);
        var (user, errors) = await UserAccounts.CreateInvitedAsync(users, email, name, role, time, texts);
        if (user is null)
        {
            return (null, null, errors);
        }
        db.LogAction(
            "account-created",
            AccountType,
            AuditId(user),
            new Dictionary<string, string?[]> { ["email"] = [null, user.Email], ["role"] = [null, role] }
        );
        var secret = await PasswordLinks.CreateAsync(db, user, PasswordLinks.Invitation, db.Actor, time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CompleteAsync(cancellationToken);
        return (user, secret, []);
    }

    /// <summary>A reset link for the account (its current password keeps working until the link is used); the secret is shown
    /// once.</summary>
    public static async Task<string> ResetLinkAsync(HabeasDb db, HabeasUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var secret = await PasswordLinks.CreateAsync(db, user, PasswordLinks.Reset, db.Actor, time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public static async Task<string?> ChangeRoleAsync(
        HabeasDb db,
        UserManager<HabeasUser> users,
        HabeasUser user,
        string role,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (!Roles.All.Contains(role))
        {
            return UnknownRole;
        }
        await using var transaction = await BeginAsync(db, cancellationToken);
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (before.Count == 1 && before[0] == role)
        {
            return null;
        }
        if (before.Contains(Roles.Administrator) && role != Roles.Administrator && await IsLastActiveAdministratorAsync(users, user, time))
        {
            return LastAdministrator;
        }
        db.LogAction(
            PermissionChanged,
            AccountType,
            AuditId(user),
            new Dictionary<string, string?[]> { ["role"] = [Joined(before), role] }
        );
        Check(await users.RemoveFromRolesAsync(user, before));
        Check(await users.AddToRoleAsync(user, role));
        await transaction.CompleteAsync(cancellationToken);
        return null;
    }

    public static async Task<string?> SetConfidentialAsync(
        HabeasDb db,
        UserManager<HabeasUser> users,
        HabeasUser user,
        bool give,
        CancellationToken cancellationToken
    )
    {
        await using var transaction = await BeginAsync(db, cancellationToken);
        var has = (await users.GetClaimsAsync(user)).Any(c => c.Type == Grants.ClaimType && c.Value == Grants.Confidential);
        if (has == give)
        {
            return null;
        }
        db.LogAction(
            PermissionChanged,
            AccountType,
            AuditId(user),
            new Dictionary<string, string?[]> { ["confidential"] = [Flag(has), Flag(give)] }
        );
        var claim = new Claim(Grants.ClaimType, Grants.Confidential);
        Check(give ? await users.AddClaimAsync(user, claim) : await users.RemoveClaimAsync(user, claim));
        await transaction.CompleteAsync(cancellationToken);
        return null;
    }

    /// <summary>Locks the account for good and changes its security stamp: its sessions end within a minute, its tokens at once.</summary>
    public static async Task<string?> DisableAsync(
        HabeasDb db,
        UserManager<HabeasUser> users,
        HabeasUser user,
        string? actingUserId,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (user.Id == actingUserId)
        {
            return DisableSelf;
        }
        await using var transaction = await BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        if (IsDisabled(user, now))
        {
            return null;
        }
        if (await users.IsInRoleAsync(user, Roles.Administrator) && await IsLastActiveAdministratorAsync(users, user, time))
        {
            return LastAdministrator;
        }
        db.LogAction(
            PermissionChanged,
            AccountType,
            AuditId(user),
            new Dictionary<string, string?[]> { ["disabled"] = [Flag(false), Flag(true)] }
        );
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CompleteAsync(cancellationToken);
        return null;
    }

    /// <summary>Lifts a disabling (or a lockout after failed sign-ins) and forgets the failed attempts.</summary>
    public static async Task<string?> EnableAsync(
        HabeasDb db,
        UserManager<HabeasUser> users,
        HabeasUser user,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        await using var transaction = await BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        if (user.LockoutEnd is null || user.LockoutEnd <= now)
        {
            return null;
        }
        var before = IsDisabled(user, now) ? "disabled" : "locked";
        db.LogAction(
            PermissionChanged,
            AccountType,
            AuditId(user),
            new Dictionary<string, string?[]> { [before] = [Flag(true), Flag(false)] }
        );
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await transaction.CompleteAsync(cancellationToken);
        return null;
    }

    /// <summary>Adds or removes a team member; the entry is on the account and gives its teams before and after.</summary>
    public static async Task SetTeamMemberAsync(HabeasDb db, Team team, string userId, bool member, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(db, cancellationToken);
        var existing = await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == team.Id && m.UserId == userId, cancellationToken);
        if ((existing is not null) == member)
        {
            return;
        }
        var before = await db
            .TeamMembers.Where(m => m.UserId == userId)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (_, t) => t.Name)
            .ToListAsync(cancellationToken);
        var after = member ? before.Append(team.Name).ToList() : before.Where(n => n != team.Name).ToList();
        if (member)
        {
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = userId });
        }
        else
        {
            db.TeamMembers.Remove(existing!);
        }
        db.LogAction(
            PermissionChanged,
            AccountType,
            Guid.Parse(userId),
            new Dictionary<string, string?[]> { ["teams"] = [Joined(before), Joined(after)] },
            new Dictionary<string, string?> { ["team"] = team.Id.ToString() }
        );
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CompleteAsync(cancellationToken);
    }

    /// <summary>True when no other administrator could still sign in after this one stops being one.</summary>
    private static async Task<bool> IsLastActiveAdministratorAsync(UserManager<HabeasUser> users, HabeasUser user, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var administrators = await users.GetUsersInRoleAsync(Roles.Administrator);
        return !administrators.Any(a => a.Id != user.Id && !IsDisabled(a, now));
    }

    private static async Task<UnitOfWork> BeginAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var transaction = await db.BeginWorkAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242002)", cancellationToken);
        }
        return transaction;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "The account could not be changed: " + string.Join(" ", result.Errors.Select(e => e.Description))
            );
        }
    }

    private static string? Joined(IEnumerable<string> values)
    {
        var list = values.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : string.Join(", ", list);
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
