using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Habeas.Platform.Security;

/// <summary>
/// Behind a reverse proxy that terminates TLS (docs/operations.md), X-Forwarded-Proto and X-Forwarded-For are taken
/// from the proxies named in <see cref="TrustedKey"/> only (addresses or networks, separated by ';' or ','), so the
/// app knows the request came over HTTPS (Secure, __Host- cookies; HSTS) and limits the real client, not the proxy.
/// Without the setting no forwarded header is honoured (ASP.NET Core would otherwise trust loopback by default), since
/// a client that could set them would choose its own address and escape its rate limit.
/// </summary>
public static class ReverseProxy
{
    public const string TrustedKey = "Habeas:Proxy:Trusted";

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = Options(configuration[TrustedKey]);
        return options is null ? app : app.UseForwardedHeaders(options);
    }

    /// <summary>The options for the trusted proxies, or null when none is configured; a bad entry stops the start with its name.</summary>
    public static ForwardedHeadersOptions? Options(string? trusted)
    {
        var entries = (trusted ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            return null;
        }
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{TrustedKey}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }
        return options;
    }
}
