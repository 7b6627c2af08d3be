using Habeas.Platform.Accounts;

namespace Habeas.Platform.Access;

public static class AccessSetup
{
    /// <summary>Reading or writing confidential fields: a signed-in role and the confidential grant.</summary>
    public const string ConfidentialPolicy = "confidential";

    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services
            .AddAuthorizationBuilder()
            .AddPolicy(ConfidentialPolicy, p =>
                p.RequireAuthenticatedUser().RequireRole(Roles.All).RequireClaim(Grants.ClaimType, Grants.Confidential)
            );
        // Who reads, per request: the database context takes it (HabeasApp puts UseCurrentViewer after authentication).
        services.AddCurrentViewer();
        return services;
    }
}
