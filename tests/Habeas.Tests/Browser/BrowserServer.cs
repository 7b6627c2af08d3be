using Habeas.Host;
using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// The real server on a loopback port with the demonstration data, and the machine's Chromium
/// (/usr/bin/chromium, Debian's package) driven by Playwright. No browser is ever downloaded.
/// </summary>
public sealed class BrowserServer : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TestDatabase _database;
    private readonly WebApplication _app;
    private readonly List<IBrowserContext> _contexts = [];

    private BrowserServer(TestDatabase database, WebApplication app, IBrowser browser, string address)
    {
        _database = database;
        _app = app;
        Browser = browser;
        Address = address;
    }

    public IBrowser Browser { get; }
    public string Address { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The environment variable that names a prepared SQLite data folder (one holding habeas.db, such as the
    /// load benchmark's <c>load-prepare</c> makes) for the tests that can run on one (<see cref="StartOnPreparedDataAsync"/>).</summary>
    public const string FlowDataVariable = "HABEAS_FLOW_DATA";

    /// <summary>The server on the demonstration data.</summary>
    public static Task<BrowserServer> StartAsync(string provider) => StartAsync(provider, preparedData: null);

    /// <summary>
    /// The server on a copy (in a temporary folder, removed afterwards) of the SQLite data folder that
    /// <see cref="FlowDataVariable"/> names, without the demonstration data; without the variable, on the demonstration
    /// data as <see cref="StartAsync(string)"/>. The prepared folder itself is never written to.
    /// </summary>
    public static Task<BrowserServer> StartOnPreparedDataAsync(string provider) =>
        StartAsync(provider, Environment.GetEnvironmentVariable(FlowDataVariable) is { Length: > 0 } folder ? folder : null);

    private static async Task<BrowserServer> StartAsync(string provider, string? preparedData)
    {
        if (!File.Exists(ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{ChromiumPath} is missing; .ci/run installs Debian's chromium package.");
            }
            Assert.Skip($"{ChromiumPath} is missing: install Debian's chromium package to run the browser tests.");
        }
        var database = await TestDatabase.CreateAsync(provider);
        if (preparedData is not null)
        {
            if (provider != TestDatabase.Sqlite)
            {
                Assert.Skip($"{FlowDataVariable} names a SQLite data folder; this run is on {provider}.");
            }
            if (!File.Exists(Path.Combine(preparedData, "habeas.db")))
            {
                Assert.Fail($"{FlowDataVariable}={preparedData} holds no habeas.db.");
            }
            CopyFolder(preparedData, database.DataDirectory);
        }
        var app = HabeasApp.Build([], builder =>
        {
            builder.Configuration[StorageOptions.DataKey] = database.DataDirectory;
            builder.Configuration[StorageOptions.DatabaseKey] = database.ConnectionString;
            builder.Configuration[StartupTasks.DemoKey] = preparedData is null ? "true" : "false";
            // A test fills a form faster than a person could.
            builder.Configuration[Habeas.Platform.Security.PublicForms.MinimumSecondsKey] = "0";
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            TestApp.UseTestPasswordHashing(builder.Services);
        });
        await app.StartAsync();
        var browser = await SharedChromium.BrowserAsync();
        Assertions.SetDefaultExpectTimeout((float)StepTimeout.TotalMilliseconds);
        var server = new BrowserServer(database, app, browser, app.Urls.First());
        await server.CreateUserAsync(Habeas.Platform.Accounts.Roles.Administrator);
        return server;
    }

    /// <summary>Every file under <paramref name="from"/> (the database and its -wal file, the keys, the stored files; not a -shm file) into
    /// <paramref name="to"/>.</summary>
    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith("-shm", StringComparison.Ordinal))
            {
                continue; // SQLite's shared-memory index, made again on opening
            }
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>How long a step may wait for the page: generous, since on two cores a page can wait for the CPU
    /// behind the rest of the test run (30 s, Playwright's default, was passed in CI).</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A new browser context (not signed in) on this server, in this locale.</summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address, Locale = locale });
        lock (_contexts)
        {
            _contexts.Add(context);
        }
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)StepTimeout.TotalMilliseconds);
        return context;
    }

    /// <summary>The collection of the browser tests (<see cref="BrowserTestsTogether"/>).</summary>
    public const string Collection = "browser";

    /// <summary>A new browser page, signed in as a new monitor through the sign-in form.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(Habeas.Platform.Accounts.Roles.Monitor);

    /// <summary>A new browser page, signed in through the sign-in form as a new account with this role, in this locale.</summary>
    public async Task<IPage> NewPageAsync(string role, string locale = "en-GB")
    {
        var page = await (await NewContextAsync(locale)).NewPageAsync();
        await SignInAsync(page, await CreateUserAsync(role));
        return page;
    }

    /// <summary>The one place a browser signs in (a second factor, when an account needs one, goes here).</summary>
    public async Task SignInAsync(IPage page, Habeas.Platform.Accounts.HabeasUser user)
    {
        await page.GotoAsync("/login");
        await page.Locator("input[name=Email]").FillAsync(user.Email!);
        await page.Locator("input[name=Password]").FillAsync(TestApp.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => !u.EndsWith("/login", StringComparison.Ordinal));
        if (page.Url.Contains("/login/two-factor", StringComparison.Ordinal))
        {
            using var scope = _app.Services.CreateScope();
            var users =
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Habeas.Platform.Accounts.HabeasUser>>();
            var key = await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id))!);
            var code = Habeas.Core.Accounts.Totp.Code(
                Habeas.Core.Accounts.Base32.Decode(key!),
                Habeas.Core.Accounts.Totp.StepAt(DateTimeOffset.UtcNow)
            );
            await page.Locator("input[name=Code]").FillAsync(code);
            await page.Locator("main button[type=submit]").ClickAsync();
        }
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    }

    private async Task<Habeas.Platform.Accounts.HabeasUser> CreateUserAsync(string role)
    {
        using var scope = _app.Services.CreateScope();
        var (user, errors) = await Habeas.Platform.Accounts.UserAccounts.CreateAsync(
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Habeas.Platform.Accounts.HabeasUser>>(),
            $"{role}-{Guid.NewGuid():N}@example.org",
            TestApp.Password,
            role,
            TimeProvider.System
        );
        Assert.True(user is not null, string.Join(" ", errors));
        if (role == Habeas.Platform.Accounts.Roles.Administrator)
        {
            // Administrators must have two-factor authentication: as if they had enrolled an authenticator app.
            var users =
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Habeas.Platform.Accounts.HabeasUser>>();
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return user;
    }

    /// <summary>Saves a screenshot under TestResults/screenshots for a person to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repository.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        // The browser is the collection's (SharedChromium); this server's pages and cookies go with their contexts.
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
