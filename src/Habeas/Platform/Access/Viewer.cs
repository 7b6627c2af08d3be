using System.Security.Claims;
using Habeas.Platform.Accounts;

namespace Habeas.Platform.Access;

/// <summary>
/// Who is reading, as the database context's query filters see it. Deny by default: a context with neither a
/// request nor an explicit viewer sees published records only. Command-line verbs and start-up tasks, run by
/// the operator, say <see cref="System"/> explicitly.
/// </summary>
public sealed record Viewer(string? UserId, bool SignedIn, bool SeesAllRestricted, bool Confidential, bool MayPublish)
{
    /// <summary>Anonymous visitors: published records only.</summary>
    public static readonly Viewer Anonymous = new(null, false, false, false, false);

    /// <summary>The operator at the command line or the server's own start-up work: every record, no confidential values.</summary>
    public static readonly Viewer System = new(null, true, true, false, true);

    public static Viewer Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || !Roles.All.Any(user.IsInRole))
        {
            return Anonymous;
        }
        return new Viewer(
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            true,
            user.IsInRole(Roles.Administrator),
            Grants.HasConfidential(user),
            user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Coordinator)
        );
    }
}
