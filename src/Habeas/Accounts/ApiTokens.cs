using System.Security.Cryptography;
using System.Text;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Accounts;

public static class ApiTokens
{
    public const string Prefix = "hb_";

    /// <summary>Creates a token for a user; the token itself is returned once and never stored.</summary>
    public static async Task<string> CreateAsync(HabeasDb db, HabeasUser user, string name, TimeSpan lifetime, TimeProvider time, CancellationToken cancellationToken)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = name, Hash = Hash(secret), CreatedAt = now, ExpiresAt = now + lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>The user a token belongs to, when it is known, not expired and not revoked.</summary>
    public static async Task<string?> FindUserIdAsync(HabeasDb db, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        return token is not null && token.RevokedAt is null && token.ExpiresAt > now ? token.UserId : null;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
