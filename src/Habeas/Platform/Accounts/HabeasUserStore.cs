using System.Security.Cryptography;
using System.Text;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Identity's store, except that recovery codes are kept as SHA-256 hashes (Identity keeps them as they are), so a
/// copy of the database does not give a second factor. Codes are compared upper-case, without surrounding spaces.
/// The authenticator key is encrypted with the key ring like a confidential field (docs/security.md 17), bound to its user.
/// </summary>
public sealed class HabeasUserStore(HabeasDb context, Confidential.KeyRing keys, IdentityErrorDescriber? describer = null)
    : UserStore<HabeasUser, IdentityRole, HabeasDb>(context, describer)
{
    private const string IdentityProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";

    public override Task SetAuthenticatorKeyAsync(HabeasUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, IdentityProvider, AuthenticatorKeyName, keys.Encrypt(key, KeyPlace(user)), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(HabeasUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, IdentityProvider, AuthenticatorKeyName, cancellationToken);
        return stored is null ? null : keys.Decrypt(stored, KeyPlace(user));
    }

    private static string KeyPlace(HabeasUser user) => $"asp_net_user_tokens|value|{user.Id}/{AuthenticatorKeyName}";

    private const string CodesName = "RecoveryCodeHashes";

    public override Task ReplaceCodesAsync(
        HabeasUser user,
        IEnumerable<string> recoveryCodes,
        CancellationToken cancellationToken = default
    ) => SetTokenAsync(user, TotpTokenProvider.LoginProvider, CodesName, string.Join(';', recoveryCodes.Select(Hash)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(HabeasUser user, string code, CancellationToken cancellationToken = default)
    {
        var hashes = await HashesAsync(user, cancellationToken);
        var hash = Hash(code);
        if (!hashes.Contains(hash, StringComparer.Ordinal))
        {
            return false;
        }
        await SetTokenAsync(
            user,
            TotpTokenProvider.LoginProvider,
            CodesName,
            string.Join(';', hashes.Where(h => h != hash)),
            cancellationToken
        );
        return true;
    }

    public override async Task<int> CountCodesAsync(HabeasUser user, CancellationToken cancellationToken = default) =>
        (await HashesAsync(user, cancellationToken)).Length;

    private async Task<string[]> HashesAsync(HabeasUser user, CancellationToken cancellationToken) =>
        (await GetTokenAsync(user, TotpTokenProvider.LoginProvider, CodesName, cancellationToken) ?? "").Split(
            ';',
            StringSplitOptions.RemoveEmptyEntries
        );

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((code ?? "").Trim().ToUpperInvariant())));
}
