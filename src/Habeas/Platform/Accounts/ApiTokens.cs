using System.Security.Cryptography;
using System.Text;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Accounts;

public static class ApiTokens
{
    public const string Prefix = "hb_";

    public const string AuditType = "api-token";

    /// <summary>A token just made: <see cref="Secret"/> is shown to its owner once and never stored.</summary>
    public sealed record Issued(Guid Id, string Secret, DateTimeOffset ExpiresAt);

    /// <summary>Creates a token for a user; the token itself is returned once and never stored.</summary>
    public static async Task<string> CreateAsync(
        HabeasDb db,
        HabeasUser user,
        string name,
        TimeSpan lifetime,
        TimeProvider time,
        CancellationToken cancellationToken
    ) => (await IssueAsync(db, user.Id, name, lifetime, time, cancellationToken)).Secret;

    /// <summary>Creates a token for a user, with an audit entry (its name and expiry, never the secret) in the same save.</summary>
    public static async Task<Issued> IssueAsync(
        HabeasDb db,
        string userId,
        string name,
        TimeSpan lifetime,
        TimeProvider time,
        CancellationToken cancellationToken,
        DateTimeOffset? notAfter = null
    )
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var expires = notAfter is { } limit && limit < now + lifetime ? limit : now + lifetime;
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            Hash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expires,
        };
        db.ApiTokens.Add(token);
        db.LogAction(
            "token-created",
            AuditType,
            token.Id,
            new Dictionary<string, string?[]> { ["name"] = [null, name], ["expiresAt"] = [null, Timestamp(token.ExpiresAt)] },
            new Dictionary<string, string?> { ["owner"] = userId }
        );
        await db.SaveChangesAsync(cancellationToken);
        return new Issued(token.Id, secret, token.ExpiresAt);
    }

    /// <summary>
    /// Revokes one of the user's own tokens at once; false when the user has no token with this id (another
    /// user's token is treated as unknown). Revoking a revoked token changes nothing.
    /// </summary>
    public static async Task<bool> RevokeAsync(HabeasDb db, string userId, Guid id, TimeProvider time, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            db.LogAction(
                "token-revoked",
                AuditType,
                token.Id,
                new Dictionary<string, string?[]> { ["revokedAt"] = [null, Timestamp(token.RevokedAt.Value)] },
                new Dictionary<string, string?> { ["owner"] = userId, ["name"] = token.Name }
            );
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>The user's own tokens, newest first; never the hash.</summary>
    public static async Task<List<TokenSummary>> ListAsync(HabeasDb db, string userId, CancellationToken cancellationToken) =>
        await db
            .ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(cancellationToken);

    public sealed record TokenSummary(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The user a token belongs to, when it is known, not expired and not revoked.</summary>
    public static async Task<string?> FindUserIdAsync(
        HabeasDb db,
        string secret,
        DateTimeOffset now,
        CancellationToken cancellationToken
    ) => (await FindAsync(db, secret, now, cancellationToken))?.UserId;

    /// <summary>The token, when it is known, not expired and not revoked.</summary>
    public static async Task<ApiToken?> FindAsync(HabeasDb db, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (LookupHash(secret) is not { } hash)
        {
            return null;
        }
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        return token is not null && IsLive(token, now) ? token : null;
    }

    /// <summary>The token with its account in one query (a request signed in by token), when it is known, not expired and not
    /// revoked.</summary>
    public static async Task<(ApiToken Token, HabeasUser User)?> FindWithUserAsync(
        HabeasDb db,
        string secret,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        if (LookupHash(secret) is not { } hash)
        {
            return null;
        }
        var found = await db
            .ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Users.AsNoTracking(), t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .FirstOrDefaultAsync(cancellationToken);
        return found is not null && IsLive(found.Token, now) ? (found.Token, found.User) : null;
    }

    /// <summary>The hash to look a secret up by; null when it cannot be a token of ours.</summary>
    private static string? LookupHash(string secret) =>
        secret.StartsWith(Prefix, StringComparison.Ordinal) && secret.Length <= 100 ? Hash(secret) : null;

    private static bool IsLive(ApiToken token, DateTimeOffset now) => token.RevokedAt is null && token.ExpiresAt > now;

    /// <summary>
    /// On a principal signed in by a token: when that token expires (Unix seconds). A token made with a token
    /// expires no later than it, so a leaked token cannot be turned into one that outlives it.
    /// </summary>
    public const string ExpiresClaim = "habeas:token-expires";

    /// <summary>The latest expiry a new token may have when the request was authenticated by another token.</summary>
    public static DateTimeOffset? CallerTokenExpiry(System.Security.Claims.ClaimsPrincipal user) =>
        long.TryParse(
            user.FindFirst(ExpiresClaim)?.Value,
            System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture,
            out var seconds
        )
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
