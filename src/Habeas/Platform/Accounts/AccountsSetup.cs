using System.Security.Cryptography;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Accounts;

/// <summary>Accounts on ASP.NET Core Identity with the settings of docs/security.md, not the framework's defaults.</summary>
public static class AccountsSetup
{
    public const string SmartScheme = "Habeas";
    public const string SessionCookie = "Habeas.Session";

    /// <summary>How often a session's security stamp is checked against the account (default one minute).</summary>
    public const string ValidationIntervalKey = "Habeas:Session:ValidationInterval";

    /// <summary>How long a session lasts from its sign-in whatever the activity (default 12 hours).</summary>
    public const string AbsoluteLifetimeKey = "Habeas:Session:AbsoluteLifetime";

    /// <summary>The sign-in time kept in the session ticket (Unix seconds), unchanged when the ticket is renewed.</summary>
    public const string IssuedItem = "habeas.signed-in";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services
            .AddIdentity<HabeasUser, IdentityRole>(options =>
            {
                // NIST SP 800-63B / ASVS 5: length, no composition rules, common passwords refused (CommonPasswords).
                // 15 characters, or 8 with a second factor: PasswordLength.
                options.Password.RequiredLength = PasswordLength.MinimumWithSecondFactor;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                // Only our authenticator provider: no codes by email or phone, and not Identity's (t-2…t+2, replayable).
                options.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<HabeasDb>()
            .AddUserStore<HabeasUserStore>()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.ProviderName)
            .AddClaimsPrincipalFactory<HabeasClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswords>()
            .AddPasswordValidator<PasswordLength>()
            .AddSignInManager<HabeasSignInManager>();
        services.AddSingleton<Passkeys>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.AddSingleton<SignInThrottle>();
        // Sign-out and disabling end sessions within the interval (Identity's default is 30 minutes).
        services
            .AddOptions<SecurityStampValidatorOptions>()
            .Configure<IConfiguration>(
                (o, configuration) => o.ValidationInterval = configuration.GetValue(ValidationIntervalKey, TimeSpan.FromMinutes(1))
            );
        services
            .AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IConfiguration, TimeProvider>(
                (o, configuration, time) =>
                {
                    ConfigureSessionLifetime(o, configuration.GetValue(AbsoluteLifetimeKey, TimeSpan.FromHours(12)), time);
                    o.Cookie.Name = SessionCookie;
                    o.Cookie.HttpOnly = true;
                    o.Cookie.SameSite = SameSiteMode.Strict;
                    o.ExpireTimeSpan = TimeSpan.FromMinutes(30); // idle timeout; sliding
                    o.SlidingExpiration = true;
                    o.LoginPath = "/login";
                    o.LogoutPath = "/logout";
                    o.AccessDeniedPath = "/login";
                    o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
                    o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
                }
            );
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "Habeas.TwoFactor";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });

        services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignOutScheme = IdentityConstants.ApplicationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerAuthentication>(BearerAuthentication.SchemeName, null)
            .AddPolicyScheme(SmartScheme, "A bearer token if the request has one, else the session cookie", o =>
                o.ForwardDefaultSelector = SelectScheme
            );

        services
            .AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build())
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Policies.Write, p => p.RequireAuthenticatedUser().RequireRole(Roles.RecordEditors))
            .AddPolicy(Policies.Campaign, p => p.RequireAuthenticatedUser().RequireRole(Roles.Campaigners))
            .AddPolicy(Policies.Contribute, p => p.RequireAuthenticatedUser().RequireRole(Roles.Contributors))
            .AddPolicy(Policies.Administer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Import, p => p.RequireAuthenticatedUser().RequireRole(Roles.Importers))
            .AddPolicy(Policies.Coordinate, p => p.RequireAuthenticatedUser().RequireRole(Roles.Coordinators))
            .AddPolicy(Policies.Publish, p => p.RequireAuthenticatedUser().RequireRole(Roles.Publishers));
        services.AddSingleton<SetupToken>();
        return services;
    }

    /// <summary>
    /// Idle timeout 30 minutes (sliding), and an absolute lifetime: the sign-in time is written into the ticket
    /// when the session starts, kept through renewals, and a ticket older than <paramref name="absolute"/>, or
    /// without it, is rejected before the security stamp check.
    /// </summary>
    private static void ConfigureSessionLifetime(CookieAuthenticationOptions options, TimeSpan absolute, TimeProvider time)
    {
        var stampCheck = options.Events.OnValidatePrincipal;
        options.Events.OnSigningIn = context =>
        {
            if (!context.Properties.Items.ContainsKey(IssuedItem))
            {
                context.Properties.Items[IssuedItem] = time.GetUtcNow()
                    .ToUnixTimeMilliseconds()
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            var issued =
                context.Properties.Items.TryGetValue(IssuedItem, out var value)
                && long.TryParse(
                    value,
                    System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var milliseconds
                )
                    ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                    : (DateTimeOffset?)null;
            if (issued is null || time.GetUtcNow() - issued.Value > absolute)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await stampCheck(context);
        };
    }

    /// <summary>
    /// A request with a bearer token never uses cookies; and a request that changes something under /api is
    /// authenticated by a bearer token only (docs/security.md 16): the session cookie is not looked at there, so a form on
    /// another site — same-site included — cannot make a signed-in browser write through the API, and minimal-API
    /// endpoints need no antiforgery token. Reads under /api still accept the cookie (nothing changes, and no CORS
    /// header lets another origin read the answer).
    /// </summary>
    public static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !IsSafeMethod(context.Request.Method))
            ? BearerAuthentication.SchemeName
            : IdentityConstants.ApplicationScheme;

    private static bool IsSafeMethod(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static Task Answer(
        Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context,
        int status
    )
    {
        // Signed in but not allowed: 403 everywhere (a page shows it as the "not allowed" page, Platform/Shared/Status),
        // not the sign-in form, which would only sign them in again. Not signed in: the API says so, a page leads to sign-in.
        if (status == StatusCodes.Status403Forbidden || context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>Until an administrator exists, every page but /setup, /health, the error and status pages, the language switch and the static files leads to
    /// /setup.</summary>
    public static IApplicationBuilder UseSetupGate(this IApplicationBuilder app)
    {
        var ready = false;
        return app.Use(
            async (context, next) =>
            {
                var path = context.Request.Path;
                if (
                    !ready
                    && !path.StartsWithSegments("/setup", StringComparison.Ordinal)
                    && !path.StartsWithSegments("/health", StringComparison.Ordinal)
                    && !path.StartsWithSegments("/error", StringComparison.Ordinal)
                    && !path.StartsWithSegments(Habeas.Platform.Shared.StatusModel.Path, StringComparison.Ordinal)
                    && !path.StartsWithSegments("/language", StringComparison.Ordinal)
                )
                {
                    var db = context.RequestServices.GetRequiredService<HabeasDb>();
                    ready = await SetupToken.AdministratorExistsAsync(db, context.RequestAborted);
                    if (!ready)
                    {
                        if (path.StartsWithSegments("/api", StringComparison.Ordinal))
                        {
                            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                            return;
                        }
                        context.Response.Redirect("/setup");
                        return;
                    }
                }
                await next(context);
            }
        );
    }
}

/// <summary>
/// The one-time link for creating the first administrator, printed at start while no administrator exists.
/// It lives in memory only: a restart makes a new one.
/// </summary>
public sealed class SetupToken
{
    public string Value { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public bool Used { get; private set; }

    public bool Matches(string? candidate) =>
        !Used
        && candidate is not null
        && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(candidate),
            System.Text.Encoding.UTF8.GetBytes(Value)
        );

    public void MarkUsed() => Used = true;

    public static async Task<bool> AdministratorExistsAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var roleId = await db.Roles.Where(r => r.Name == Roles.Administrator).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return roleId is not null && await db.UserRoles.AnyAsync(ur => ur.RoleId == roleId, cancellationToken);
    }
}
