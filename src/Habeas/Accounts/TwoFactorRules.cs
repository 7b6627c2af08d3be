using System.Security.Claims;
using Habeas.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Habeas.Accounts;

/// <summary>
/// Who must use two-factor authentication: administrators and every holder of the confidential grant. The
/// principal of such an account without it carries <see cref="MustEnrolClaim"/> and never the grant itself, so
/// it receives no confidential data; <see cref="TwoFactorRules.UseTwoFactorGate"/> then lets it reach only the enrolment page,
/// sign-out, the language switch and the static files.
/// </summary>
public sealed class HabeasClaimsPrincipalFactory(UserManager<HabeasUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HabeasUser, IdentityRole>(users, roles, options)
{
    public const string MustEnrolClaim = "habeas:must-enrol";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HabeasUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await UserManager.GetTwoFactorEnabledAsync(user))
        {
            return identity;
        }
        var grants = identity.FindAll(c => c.Type == Grants.ClaimType).ToList();
        foreach (var grant in grants)
        {
            identity.RemoveClaim(grant);
        }
        if (grants.Count > 0 || identity.HasClaim(Options.ClaimsIdentity.RoleClaimType, Roles.Administrator))
        {
            identity.AddClaim(new Claim(MustEnrolClaim, "two-factor"));
        }
        return identity;
    }
}

public static class TwoFactorRules
{
    public const string EnrolmentPath = "/account/two-factor";

    public static bool MustEnrol(ClaimsPrincipal user) => user.HasClaim(c => c.Type == HabeasClaimsPrincipalFactory.MustEnrolClaim);

    /// <summary>After authentication: an account that must enrol gets the enrolment page, or 403 from the API.</summary>
    public static IApplicationBuilder UseTwoFactorGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!MustEnrol(context.User) || AllowedBeforeEnrolment(context.Request.Path))
            {
                await next(context);
                return;
            }
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || AccountsSetup.SelectScheme(context) == BearerAuthentication.SchemeName)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Two-factor authentication must be turned on first.",
                    Detail = $"This account must turn on two-factor authentication (sign in and open {EnrolmentPath}) before it can use the API.",
                    Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
                };
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
                return;
            }
            context.Response.Redirect(EnrolmentPath);
        });

    private static bool AllowedBeforeEnrolment(PathString path) =>
        path.StartsWithSegments(EnrolmentPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase) // sign-out is a handler of /login
        || path.StartsWithSegments("/language", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
