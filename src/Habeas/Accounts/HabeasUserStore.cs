using System.Security.Cryptography;
using System.Text;
using Habeas.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Habeas.Accounts;

/// <summary>
/// Identity's store, except that recovery codes are kept as SHA-256 hashes (Identity keeps them as they are), so a
/// copy of the database does not give a second factor. Codes are compared upper-case, without surrounding spaces.
/// </summary>
public sealed class HabeasUserStore(HabeasDb context, IdentityErrorDescriber? describer = null)
    : UserStore<HabeasUser, IdentityRole, HabeasDb>(context, describer)
{
    private const string CodesName = "RecoveryCodeHashes";

    public override Task ReplaceCodesAsync(HabeasUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        SetTokenAsync(user, TotpTokenProvider.LoginProvider, CodesName, string.Join(';', recoveryCodes.Select(Hash)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(HabeasUser user, string code, CancellationToken cancellationToken = default)
    {
        var hashes = await HashesAsync(user, cancellationToken);
        var hash = Hash(code);
        if (!hashes.Contains(hash, StringComparer.Ordinal))
        {
            return false;
        }
        await SetTokenAsync(user, TotpTokenProvider.LoginProvider, CodesName, string.Join(';', hashes.Where(h => h != hash)), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(HabeasUser user, CancellationToken cancellationToken = default) =>
        (await HashesAsync(user, cancellationToken)).Length;

    private async Task<string[]> HashesAsync(HabeasUser user, CancellationToken cancellationToken) =>
        (await GetTokenAsync(user, TotpTokenProvider.LoginProvider, CodesName, cancellationToken) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((code ?? "").Trim().ToUpperInvariant())));
}
