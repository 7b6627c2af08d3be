using System.Net;
using System.Net.Sockets;

namespace Habeas.Platform.Security;

/// <summary>
/// The key a client is counted under by the rate limits and the sign-in throttle: an IPv4 address whole, an IPv6 address
/// by its /64 — one home or one server is usually given a whole /64, so counting single IPv6 addresses would let a
/// client pick a new one for every request. An IPv4 address mapped into IPv6 counts as the IPv4 address.
/// </summary>
public static class ClientKeys
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
