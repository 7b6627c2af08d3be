using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Habeas.Core.Accounts;
using Habeas.Host;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Habeas.Tests.Infrastructure;

/// <summary>
/// The real application on a fresh database (WebApplicationFactory), optionally with the demonstration data and
/// extra settings. Administrators it creates have two-factor authentication on (<see cref="CurrentCodeAsync"/>
/// gives their codes). A request may say which client address it comes from with <see cref="ClientAddressHeader"/>.
/// </summary>
public sealed partial class TestApp : WebApplicationFactory<Program>
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private readonly TestDatabase _database;
    private readonly bool _demo;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    private TestApp(TestDatabase database, bool demo, IReadOnlyDictionary<string, string?>? settings, TimeProvider? time)
    {
        _database = database;
        _demo = demo;
        _settings = settings ?? new Dictionary<string, string?>();
        _time = time;
    }

    public TestDatabase Database => _database;

    /// <summary>What the app logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The bearer token every client made by CreateClient sends (an administrator's, unless asked otherwise).</summary>
    public string? Token { get; private set; }

    public const string Password = "correct horse battery staple 42";

    /// <summary>
    /// PBKDF2 iterations of the passwords a test host hashes: the real 210,000 cost a test 0.2-0.6 s per account and
    /// per failed sign-in. Set on the test host's services, never through configuration, so no setting of a real
    /// server can lower it; a host started with <see cref="RealPasswordHashing"/> keeps the real count.
    /// </summary>
    public const int TestPasswordIterations = 1_000;

    /// <summary>The settings of a host that hashes passwords as a real server does (the test of that setting).</summary>
    public static readonly IReadOnlyDictionary<string, string?> RealPasswordHashing = new Dictionary<string, string?>
    {
        [RealPasswordHashingKey] = "true",
    };

    private const string RealPasswordHashingKey = "Tests:RealPasswordHashing";

    /// <summary>Lowers the hashing cost on a test host (<see cref="TestPasswordIterations"/>).</summary>
    public static void UseTestPasswordHashing(IServiceCollection services) =>
        services.PostConfigure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations);

    /// <summary>
    /// The application on a new database, or, without demonstration data, settings or a clock of its own
    /// (<paramref name="time"/>, a <see cref="FakeTimeProvider"/> the test moves), a warm host of the
    /// <see cref="HostPool"/> emptied back to its state after the start. A test that needs a host of its own with the
    /// default settings (one whose request limiter must be fresh, say) passes <see cref="OwnHost"/>.
    /// </summary>
    public static async Task<TestApp> StartAsync(
        string provider,
        bool demo = false,
        string role = Roles.Administrator,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? time = null
    )
    {
        if (demo || settings is not null || time is not null || !HostPool.Enabled)
        {
            return await StartOnAsync(await TestDatabase.CreateAsync(provider), demo, role, settings, time);
        }
        var app = HostPool.Take(provider);
        if (app is null)
        {
            app = new TestApp(await TestDatabase.CreateAsync(provider), demo: false, HostPool.Settings, time: null)
            {
                _provider = provider,
            };
            using (var client = app.CreateClient())
            {
                (await client.GetAsync("/health")).EnsureSuccessStatusCode();
            }
            await HostPool.AdoptAsync(app, provider);
        }
        await app.CreateAccountsAsync(role);
        return app;
    }

    /// <summary>Settings that change nothing but give the test a host of its own (never a pooled one).</summary>
    public static IReadOnlyDictionary<string, string?> OwnHost => new Dictionary<string, string?>();

    private string? _provider;

    /// <summary>What a reset of this pooled host puts back; null for a host of one test's own.</summary>
    internal HostPool.Pristine? Pooled { get; set; }

    /// <summary>The application on a database that already exists (a restored backup, say); disposing the app drops it.</summary>
    public static async Task<TestApp> StartOnAsync(
        TestDatabase database,
        bool demo = false,
        string role = Roles.Administrator,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? time = null
    )
    {
        var app = new TestApp(database, demo, settings, time);
        using var client = app.CreateClient();
        (await client.GetAsync("/health")).EnsureSuccessStatusCode();
        await app.CreateAccountsAsync(role);
        return app;
    }

    /// <summary>The administrator every app has, and the token its clients send: an account with this role.</summary>
    private async Task CreateAccountsAsync(string role)
    {
        Token = null;
        if (role != Roles.Administrator)
        {
            await CreateUserAsync(Roles.Administrator);
        }
        Token = await CreateTokenAsync(role);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (Token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        }
    }

    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A new account with this role (password <see cref="Password"/>); two-factor authentication is on
    /// when asked, and by default for administrators, who must have it.</summary>
    public async Task<HabeasUser> CreateUserAsync(string role, bool? twoFactor = null)
    {
        using var scope = Services.CreateScope();
        var (user, errors) = await UserAccounts.CreateAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>(),
            $"{role}-{Guid.NewGuid():N}@example.org",
            Password,
            role,
            Services.GetRequiredService<TimeProvider>()
        );
        if (user is null)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }
        if (twoFactor ?? role == Roles.Administrator)
        {
            await EnableTwoFactorAsync(user);
        }
        return user;
    }

    /// <summary>Turns two-factor authentication on for an account, as if it had enrolled an authenticator app.</summary>
    public async Task EnableTwoFactorAsync(HabeasUser user)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
        var stored = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("No such account.");
        await users.ResetAuthenticatorKeyAsync(stored);
        await users.SetTwoFactorEnabledAsync(stored, true);
    }

    /// <summary>The account's authenticator code for the current step, or for the next step when the current one was already
    /// used.</summary>
    public async Task<string> CurrentCodeAsync(HabeasUser user)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
        var stored = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("No such account.");
        var key = await users.GetAuthenticatorKeyAsync(stored) ?? throw new InvalidOperationException("No authenticator key.");
        var last = await users.GetAuthenticationTokenAsync(stored, TotpTokenProvider.LoginProvider, TotpTokenProvider.LastStepName);
        var lastStep = last is null ? long.MinValue : long.Parse(last, CultureInfo.InvariantCulture);
        // The server takes the current step and the next one; when both were used, the step must turn: a fake clock is
        // moved on, the system clock waited for.
        var time = Services.GetRequiredService<TimeProvider>();
        while (lastStep > Totp.StepAt(time.GetUtcNow()))
        {
            var turn =
                TimeSpan.FromSeconds(Totp.StepSeconds - time.GetUtcNow().ToUnixTimeSeconds() % Totp.StepSeconds)
                + TimeSpan.FromMilliseconds(50);
            if (time is FakeTimeProvider fake)
            {
                fake.Advance(turn);
            }
            else
            {
                await Task.Delay(turn);
            }
        }
        return Totp.Code(Base32.Decode(key), Math.Max(Totp.StepAt(time.GetUtcNow()), lastStep + 1));
    }

    /// <summary>Signs a cookie client in through the forms: the password, then (when the account has it) a current authenticator
    /// code.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, HabeasUser user, string password = Password)
    {
        var response = await PostFormAsync(client, "/login", new() { ["Email"] = user.Email!, ["Password"] = password });
        if (WentTo(response, "/login/two-factor"))
        {
            response = await PostFormAsync(client, "/login/two-factor", new() { ["Code"] = await CurrentCodeAsync(user) });
        }
        return response;
    }

    /// <summary>Posts a form the way a browser does: first reads the page for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client,
        string path,
        Dictionary<string, string> fields,
        string? formPage = null
    )
    {
        var form = await client.GetStringAsync(formPage ?? path);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Matches(form).Last().Groups[1].Value;
        // A public form's signed issued-at time travels with it, as every hidden field does from a browser.
        if (
            PublicFormIssued().Match(form) is { Success: true } issued
            && !fields.ContainsKey(Habeas.Platform.Security.PublicForms.IssuedField)
        )
        {
            fields[Habeas.Platform.Security.PublicForms.IssuedField] = System.Net.WebUtility.HtmlDecode(issued.Groups[1].Value);
        }
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"form-issued\" value=\"([^\"]+)\"")]
    private static partial Regex PublicFormIssued();

    /// <summary>A page's HTML without the column labels every table cell carries for phones (Platform/Shared/TableCellLabels),
    /// for tests that read cells as "&lt;td&gt;…&lt;/td&gt;".</summary>
    public static string WithoutCellLabels(string html) => CellLabel().Replace(html, "");

    [GeneratedRegex(" data-label=\"[^\"]*\"")]
    private static partial Regex CellLabel();

    /// <summary>Whether the response is, or was redirected to, this path.</summary>
    public static bool WentTo(HttpResponseMessage response, string path) =>
        response.Headers.Location?.OriginalString.Split('?')[0] == path || response.RequestMessage?.RequestUri?.AbsolutePath == path;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>A token for a new account with this role.</summary>
    public async Task<string> CreateTokenAsync(string role)
    {
        var user = await CreateUserAsync(role);
        using var scope = Services.CreateScope();
        return await ApiTokens.CreateAsync(
            scope.ServiceProvider.GetRequiredService<HabeasDb>(),
            user,
            "tests",
            TimeSpan.FromDays(1),
            Services.GetRequiredService<TimeProvider>(),
            CancellationToken.None
        );
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(StorageOptions.DataKey, _database.DataDirectory);
        if (_database.ConnectionString is not null)
        {
            builder.UseSetting(StorageOptions.DatabaseKey, _database.ConnectionString);
        }
        builder.UseSetting(StartupTasks.DemoKey, _demo ? "true" : "false");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // Tests post public forms at once and many times; PublicFormsTests puts both limits back.
        builder.UseSetting(Habeas.Platform.Security.PublicForms.MinimumSecondsKey, "0");
        builder.UseSetting(Habeas.Platform.Security.RateLimits.PublicPermitsKey, "1000");
        // No scheduled backups behind a test's back (BackupTests runs them on purpose).
        builder.UseSetting(Habeas.Platform.Backups.ScheduledBackups.EveryHoursKey, "0");
        // Nor reminders (Work/Reminders/ReminderTests runs them on purpose).
        builder.UseSetting(Habeas.Work.Reminders.ReminderJob.IntervalKey, "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        if (_time is not null)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(_time));
        }
        if (!_settings.ContainsKey(RealPasswordHashingKey))
        {
            builder.ConfigureServices(UseTestPasswordHashing);
        }
    }

    /// <summary>The test server has no client address; a test may give one.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.Use(
                    (context, nextMiddleware) =>
                    {
                        if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                        {
                            context.Connection.RemoteIpAddress = address;
                        }
                        return nextMiddleware(context);
                    }
                );
                next(app);
            };
    }

    /// <summary>A database context on the app's database, for checking what was stored (it sees every record).</summary>
    public HabeasDb OpenDb()
    {
        var db = Services.CreateScope().ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        return db;
    }

    public static async Task<Guid> CreatePersonAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/people", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    public sealed record Created(Guid Id, int Version);

    public override async ValueTask DisposeAsync()
    {
        if (Pooled is not null && _provider is not null && await HostPool.TryReturnAsync(this, _provider))
        {
            return;
        }
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static async Task<int> CountAsync<T>(HabeasDb db)
        where T : class => await db.Set<T>().CountAsync();
}
