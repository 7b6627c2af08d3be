using System.Security.Claims;
using Habeas.Platform.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Who must use two-factor authentication: administrators and every holder of the confidential grant. The
/// principal of such an account without it carries <see cref="MustEnrolClaim"/> and never the grant itself, so
/// it receives no confidential data; <see cref="TwoFactorRules.UseTwoFactorGate"/> then lets it reach only the enrolment page,
/// sign-out, the language switch and the static files.
/// </summary>
public sealed class HabeasClaimsPrincipalFactory(
    UserManager<HabeasUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    Storage.HabeasDb db
) : UserClaimsPrincipalFactory<HabeasUser, IdentityRole>(users, roles, options)
{
    public const string MustEnrolClaim = "habeas:must-enrol";

    /// <summary>The account's password was chosen by someone else: every page leads to the change-password page until it is
    /// changed.</summary>
    public const string MustChangePasswordClaim = "habeas:must-change-password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HabeasUser user)
    {
        var identity = await IdentityClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }
        // A passkey is a second factor as good as an authenticator app (better: it cannot be phished).
        if (user.TwoFactorEnabled || await db.Passkeys.AnyAsync(p => p.UserId == user.Id))
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

    /// <summary>
    /// The claims ASP.NET Identity's own factory makes — the user's id, name, email and security stamp, the user's
    /// claims, each role and that role's claims — read in one query instead of its three plus two per role (every
    /// API request signs in by token through here).
    /// </summary>
    private async Task<ClaimsIdentity> IdentityClaimsAsync(HabeasUser user)
    {
        var types = Options.ClaimsIdentity;
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, types.UserNameClaimType, types.RoleClaimType);
        identity.AddClaim(new Claim(types.UserIdClaimType, user.Id));
        identity.AddClaim(new Claim(types.UserNameClaimType, user.UserName!));
        if (!string.IsNullOrEmpty(user.Email))
        {
            identity.AddClaim(new Claim(types.EmailClaimType, user.Email));
        }
        identity.AddClaim(new Claim(types.SecurityStampClaimType, user.SecurityStamp!));
        const int userClaim = 0,
            role = 1,
            roleClaim = 2;
        var rows = await db
            .UserClaims.Where(c => c.UserId == user.Id)
            .Select(c => new
            {
                Kind = userClaim,
                Role = "",
                Type = c.ClaimType,
                Value = c.ClaimValue,
            })
            .Concat(
                db.UserRoles.Where(r => r.UserId == user.Id)
                    .Join(
                        db.Roles,
                        r => r.RoleId,
                        r => r.Id,
                        (_, r) =>
                            new
                            {
                                Kind = role,
                                Role = r.Id,
                                Type = r.Name,
                                Value = r.Name,
                            }
                    )
            )
            .Concat(
                db.RoleClaims.Where(c => db.UserRoles.Any(r => r.UserId == user.Id && r.RoleId == c.RoleId))
                    .Select(c => new
                    {
                        Kind = roleClaim,
                        Role = c.RoleId,
                        Type = c.ClaimType,
                        Value = c.ClaimValue,
                    })
            )
            .ToListAsync();
        identity.AddClaims(rows.Where(r => r.Kind == userClaim).Select(r => new Claim(r.Type!, r.Value!)));
        foreach (var granted in rows.Where(r => r.Kind == role).OrderBy(r => r.Value, StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(types.RoleClaimType, granted.Value!));
            identity.AddClaims(rows.Where(r => r.Kind == roleClaim && r.Role == granted.Role).Select(r => new Claim(r.Type!, r.Value!)));
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
        app.Use(
            async (context, next) =>
            {
                if (
                    context.User.HasClaim(c => c.Type == HabeasClaimsPrincipalFactory.MustChangePasswordClaim)
                    && AccountsSetup.SelectScheme(context) != BearerAuthentication.SchemeName
                    && !AllowedBeforeEnrolment(context.Request.Path)
                    && !context.Request.Path.StartsWithSegments(ChangePasswordModel.PagePath, StringComparison.OrdinalIgnoreCase)
                )
                {
                    context.Response.Redirect(ChangePasswordModel.PagePath);
                    return;
                }
                if (!MustEnrol(context.User) || AllowedBeforeEnrolment(context.Request.Path))
                {
                    await next(context);
                    return;
                }
                if (
                    context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    || AccountsSetup.SelectScheme(context) == BearerAuthentication.SchemeName
                )
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    var problem = new ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Two-factor authentication must be turned on first.",
                        Detail =
                            $"This account must turn on two-factor authentication (sign in and open {EnrolmentPath}) before it can use the API.",
                        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
                    };
                    var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                    await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
                    return;
                }
                context.Response.Redirect(EnrolmentPath);
            }
        );

    private static bool AllowedBeforeEnrolment(PathString path) =>
        path.StartsWithSegments(EnrolmentPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase) // sign-out is a handler of /login
        || path.StartsWithSegments("/language", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
