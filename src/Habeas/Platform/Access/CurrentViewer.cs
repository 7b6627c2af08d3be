using System.Security.Claims;

namespace Habeas.Platform.Access;

/// <summary>
/// Who reads and who acts in one scope: a request (set from the signed-in user by <see cref="CurrentViewerSetup.UseCurrentViewer"/>
/// once authentication has run), a command-line verb or a background job (which say <see cref="Viewer.System"/> on their
/// context). Deny by default: a scope nobody set is anonymous and reads published records only. The database context
/// takes it by constructor; its query filters read it at each query.
/// </summary>
public sealed class CurrentViewer
{
    public Viewer Viewer { get; set; } = Viewer.Anonymous;

    /// <summary>The name recorded in history and the audit log for the changes of this scope.</summary>
    public string? Actor { get; set; }

    public void SignedIn(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Viewer = Viewer.Of(user);
        Actor = user.Identity?.Name;
    }
}

public static class CurrentViewerSetup
{
    public static IServiceCollection AddCurrentViewer(this IServiceCollection services) => services.AddScoped<CurrentViewer>();

    /// <summary>After authentication: the request's viewer is its signed-in user (or anonymous).</summary>
    public static IApplicationBuilder UseCurrentViewer(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                context.RequestServices.GetRequiredService<CurrentViewer>().SignedIn(context.User);
                return next(context);
            }
        );
}
