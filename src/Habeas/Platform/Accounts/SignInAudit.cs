using System.Net;
using System.Net.Sockets;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Audit entries for sign-ins, sign-outs and two-factor changes (record type "account", record id the account's
/// id, or <see cref="Guid.Empty"/> for a name that is no account). Never a typed password, never the typed name
/// of an unknown account, and the client only as its network (IPv4 /24, IPv6 /48; docs/security.md 19).
/// </summary>
public static class SignInAudit
{
    public const string RecordType = "account";
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInRefused = "sign-in-refused";
    public const string SignedOut = "signed-out";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string RecoveryCodesRegenerated = "recovery-codes-regenerated";
    public const string UnknownAccount = "unknown account";

    /// <summary>Queues the entry; the caller's next save writes it.</summary>
    public static void Log(HabeasDb db, string action, HabeasUser? user, HttpContext http, string? reason = null)
    {
        var details = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (user is null)
        {
            details["account"] = UnknownAccount;
        }
        if (reason is not null)
        {
            details["reason"] = reason;
        }
        var network = ClientNetwork(http.Connection.RemoteIpAddress);
        if (network is not null)
        {
            details["client network"] = network;
        }
        db.LogAction(action, RecordType, user is null ? Guid.Empty : Guid.Parse(user.Id), null, details);
    }

    /// <summary>The client's network, never its full address: IPv4 /24, IPv6 /48.</summary>
    public static string? ClientNetwork(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var (kept, prefix) = address.AddressFamily == AddressFamily.InterNetwork ? (3, 24) : (6, 48);
        for (var i = kept; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }
        return $"{new IPAddress(bytes)}/{prefix}";
    }
}
