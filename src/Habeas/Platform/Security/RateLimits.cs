using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Habeas.Platform.Security;

/// <summary>
/// A per-client limit (an IPv4 address, an IPv6 /64: <see cref="ClientKeys"/>; fixed one-minute window, default 300) on the API and on
/// every state-changing
/// request (form posts). Reading pages and static files is not limited. A rejected request gets 429 with
/// Retry-After and a problem+json body. The limit is read from configuration when first needed
/// (Habeas:RateLimit:PermitsPerMinute), so a test host or the command line can set it.
/// </summary>
public static class RateLimits
{
    public const string PermitsKey = "Habeas:RateLimit:PermitsPerMinute";
    public const int DefaultPermitsPerMinute = 300;

    /// <summary>The policy of anonymous form posts (cards, letters sent, sign-up): far fewer per client.</summary>
    public const string PublicPolicy = "public";
    public const string PublicPermitsKey = "Habeas:RateLimit:PublicPermitsPerMinute";
    public const int DefaultPublicPermitsPerMinute = 10;

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services
            .AddOptions<RateLimiterOptions>()
            .Configure<IConfiguration>(
                (options, configuration) =>
                {
                    var permits = configuration.GetValue(PermitsKey, DefaultPermitsPerMinute);
                    if (permits < 1)
                    {
                        throw new InvalidOperationException($"{PermitsKey} must be at least 1 (it is {permits}).");
                    }
                    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                    options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                        IsLimited(context.Request)
                            ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                            {
                                PermitLimit = permits,
                                Window = TimeSpan.FromMinutes(1),
                                QueueLimit = 0,
                                AutoReplenishment = true,
                            })
                            : RateLimitPartition.GetNoLimiter(string.Empty)
                    );
                    var publicPermits = configuration.GetValue(PublicPermitsKey, DefaultPublicPermitsPerMinute);
                    if (publicPermits < 1)
                    {
                        throw new InvalidOperationException($"{PublicPermitsKey} must be at least 1 (it is {publicPermits}).");
                    }
                    options.AddPolicy(PublicPolicy, context =>
                        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                            ? RateLimitPartition.GetNoLimiter(string.Empty)
                            : RateLimitPartition.GetFixedWindowLimiter(
                                "public " + ClientKey(context),
                                _ => new FixedWindowRateLimiterOptions
                                {
                                    PermitLimit = publicPermits,
                                    Window = TimeSpan.FromMinutes(1),
                                    QueueLimit = 0,
                                    AutoReplenishment = true,
                                }
                            )
                    );
                    options.OnRejected = RejectAsync;
                }
            );
        return services;
    }

    public static bool IsLimited(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    // Behind a reverse proxy, configure forwarded headers so this is the client, not the proxy.
    private static string ClientKey(HttpContext context) => ClientKeys.Of(context.Connection.RemoteIpAddress);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = $"Try again in {seconds} seconds.",
            Type = "https://tools.ietf.org/html/rfc6585#section-4",
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsync(problem.Title + " " + problem.Detail, cancellationToken);
        }
    }
}
