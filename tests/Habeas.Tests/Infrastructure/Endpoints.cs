using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Infrastructure;

/// <summary>Every page and API operation of the running app, and how to call each one for a given record.</summary>
public static class Endpoints
{
    /// <summary>One operation: its method and route, the policies it names, and the record type its {id} denotes.</summary>
    public sealed record Operation(string Method, string Route, IReadOnlyList<string> Policies, bool Anonymous, string? RecordType)
    {
        public bool IsApi => Route.StartsWith("/api/", StringComparison.Ordinal);

        public string Name => $"{Method} {Route}";

        /// <summary>The path with the route's parameters filled: {id} with the record's id, others with plausible values.</summary>
        public string PathFor(Guid? recordId)
        {
            var path = Route;
            path = path.Replace("{id:guid}", (recordId ?? Guid.NewGuid()).ToString(), StringComparison.Ordinal)
                .Replace("{id}", (recordId ?? Guid.NewGuid()).ToString(), StringComparison.Ordinal)
                // A planted person's affiliation has the person's id (AccessMatrixTests.PlantAsync).
                .Replace("{affiliationId:guid}", (recordId ?? Guid.NewGuid()).ToString(), StringComparison.Ordinal)
                .Replace("{type}", RecordType ?? "person", StringComparison.Ordinal)
                .Replace("{segment}", Segment(RecordType ?? "person"), StringComparison.Ordinal);
            while (path.IndexOf('{', StringComparison.Ordinal) is var start and >= 0)
            {
                var end = path.IndexOf('}', start);
                var parameter = path[start..(end + 1)];
                path = path.Replace(
                    parameter,
                    parameter.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "1",
                    StringComparison.Ordinal
                );
            }
            return path;
        }
    }

    /// <summary>Record types by the first segment of a route (after /api/v1).</summary>
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["people"] = "person",
        ["cases"] = "case",
        ["events"] = "event",
        ["sources"] = "source",
        ["citations"] = "citation",
        ["history"] = "person",
        ["confidential"] = "person",
        ["access"] = "person",
    };

    public static string Segment(string recordType) =>
        Types.First(t => t.Value == recordType && t.Key is not "history" and not "confidential" and not "access").Key;

    public static IReadOnlyList<Operation> All(IServiceProvider services)
    {
        var operations = new List<Operation>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var policies = endpoint
                .Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy ?? "(signed in)")
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var first = segments.Length > 2 && segments[0] == "api" ? segments[2] : segments.FirstOrDefault() ?? "";
            var recordType =
                route.Contains("{id", StringComparison.Ordinal) || route.Contains("{type}", StringComparison.Ordinal)
                    ? Types.GetValueOrDefault(first)
                    : null;
            foreach (var method in methods)
            {
                operations.Add(new Operation(method, route, policies, anonymous, recordType));
            }
        }
        return operations
            .DistinctBy(o => o.Name)
            .OrderBy(o => o.Route, StringComparer.Ordinal)
            .ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();
    }
}
