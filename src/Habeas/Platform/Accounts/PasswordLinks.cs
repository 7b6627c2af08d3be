using System.Security.Cryptography;
using System.Text;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Accounts;

/// <summary>
/// A one-time link with which a person sets their own password: an invitation to a new account, or a reset an
/// administrator made. Only the SHA-256 of its secret is stored; it works once, until <see cref="ExpiresAt"/>,
/// and a newer link for the same account replaces it.
/// </summary>
public sealed class PasswordLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public required string Hash { get; set; }

    /// <summary><see cref="PasswordLinks.Invitation"/> or <see cref="PasswordLinks.Reset"/>.</summary>
    public required string Purpose { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was used, or replaced by a newer link; it works no more.</summary>
    public DateTimeOffset? UsedAt { get; set; }
    public string? CreatedBy { get; set; }
}

public sealed class PasswordLinkConfiguration : EntityMapping<PasswordLink>
{
    public override Access.VisibilityRule Visibility =>
        Access.VisibilityRule.Private("invitation and reset links (hashes): the link's holder sets a password; administrators make them");

    public override void Configure(EntityTypeBuilder<PasswordLink> builder)
    {
        builder.HasIndex(l => l.Hash).IsUnique();
        builder.HasIndex(l => l.UserId);
        builder.Property(l => l.Purpose).HasMaxLength(16);
        builder.HasOne<HabeasUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Making and using <see cref="PasswordLink"/>s. Each is audited in the save that makes or uses it.</summary>
public static class PasswordLinks
{
    public const string Invitation = "invitation";
    public const string Reset = "reset";
    public const string PathPrefix = "/account/set-password/";
    public const string LinkCreated = "password-link-created";
    public const string PasswordSet = "password-set";
    public const string PasswordChanged = "password-changed";

    /// <summary>How long a link works: long enough to reach someone over a weekend, short enough not to linger.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    /// <summary>Makes a link for the account (ending any earlier unused one) and queues its audit entry; the caller saves. Returns the
    /// secret, shown once.</summary>
    public static async Task<string> CreateAsync(
        HabeasDb db,
        HabeasUser user,
        string purpose,
        string? createdBy,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        foreach (var earlier in await db.PasswordLinks.Where(l => l.UserId == user.Id && l.UsedAt == null).ToListAsync(cancellationToken))
        {
            earlier.UsedAt = now;
        }
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new PasswordLink
        {
            UserId = user.Id,
            Hash = Hash(secret),
            Purpose = purpose,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            CreatedBy = createdBy,
        };
        db.PasswordLinks.Add(link);
        db.LogAction(
            LinkCreated,
            SignInAudit.RecordType,
            Guid.Parse(user.Id),
            null,
            new Dictionary<string, string?>
            {
                ["purpose"] = purpose,
                ["expiresAt"] = link.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        return secret;
    }

    /// <summary>The link's account when the secret is of a link that still works, else null.</summary>
    public static async Task<(PasswordLink Link, HabeasUser User)?> FindAsync(
        HabeasDb db,
        string? secret,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var now = time.GetUtcNow();
        var link = await db.PasswordLinks.FirstOrDefaultAsync(l => l.Hash == hash, cancellationToken);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now)
        {
            return null;
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == link.UserId, cancellationToken);
        return user is null ? null : (link, user);
    }

    /// <summary>
    /// Sets the password chosen by the account's owner from a link: the link is used up, earlier sessions end
    /// (new security stamp), a lockout from failed sign-ins is lifted (not a disabling), and it is audited, all in one save.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UseAsync(
        HabeasDb db,
        UserManager<HabeasUser> users,
        PasswordLink link,
        HabeasUser user,
        string? password,
        TimeProvider time,
        Localization.Texts? texts = null
    )
    {
        var errors = await UserAccounts.ValidatePasswordAsync(users, user, password, texts);
        if (errors.Count > 0)
        {
            return errors;
        }
        var now = time.GetUtcNow();
        link.UsedAt = now;
        if (user.LockoutEnd is { } end && end > now && !Admin.AccountChanges.IsDisabled(user, now))
        {
            user.LockoutEnd = null;
        }
        user.AccessFailedCount = 0;
        db.Actor ??= user.UserName;
        db.LogAction(
            PasswordSet,
            SignInAudit.RecordType,
            Guid.Parse(user.Id),
            null,
            new Dictionary<string, string?> { ["purpose"] = link.Purpose }
        );
        UserAccounts.StorePassword(users, user, password!);
        var result = await users.UpdateSecurityStampAsync(user); // saves the user, the link and the audit entry together
        return result.Succeeded ? [] : result.Errors.Select(e => e.Description).ToList();
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
