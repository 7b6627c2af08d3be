using System.Net;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Platform.Admin;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Habeas.Tests.Accounts;

/// <summary>
/// Review findings 8, 9 and 17 and accounts a rights group can trust (docs/accounts.md): sign-in does the same work
/// whatever the account's state, a lockout does not stop tokens, passwords are changed with the old one or set from a
/// one-time link, and a password someone else chose must be changed at the first sign-in.
/// </summary>
[Collection(StandardInput.Name)]
public sealed partial class PasswordTests
{
    private const string NewPassword = "a new and rather long phrase 77";

    /// <summary>Counts hash verifications (review finding 8: a timing difference comes from a skipped or extra PBKDF2).</summary>
    private sealed class CountingHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<HabeasUser>
    {
        private readonly PasswordHasher<HabeasUser> _inner = new(options);
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public void Reset() => Interlocked.Exchange(ref _verifications, 0);

        public string HashPassword(HabeasUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(HabeasUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task SignIn_RunsExactlyOneHashVerification_WhateverTheAccountsState(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var counted = app.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<CountingHasher>();
                s.AddSingleton<IPasswordHasher<HabeasUser>>(sp => sp.GetRequiredService<CountingHasher>());
            })
        );
        var hasher = counted.Services.GetRequiredService<CountingHasher>();
        var known = await app.CreateUserAsync(Roles.Monitor);
        var locked = await app.CreateUserAsync(Roles.Monitor);
        var disabled = await app.CreateUserAsync(Roles.Monitor);
        using (var scope = app.Services.CreateScope())
        {
            Assert.True(
                await UserAccounts.DisableAsync(scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>(), disabled.Email!)
            );
        }
        using (var scope = app.Services.CreateScope())
        {
            var (invited, _, _) = await AccountChanges.InviteAsync(
                scope.ServiceProvider.GetRequiredService<Habeas.Platform.Storage.HabeasDb>(),
                scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>(),
                "invited@example.org",
                null,
                Roles.Viewer,
                TimeProvider.System,
                CancellationToken.None
            );
            Assert.NotNull(invited);
        }
        var address = 0;
        async Task<(HttpStatusCode Status, int Verifications)> SignInAsync(string email, string password)
        {
            var client = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = null;
            client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, $"192.0.2.{++address}");
            await client.GetStringAsync("/login");
            hasher.Reset();
            var response = await TestApp.PostFormAsync(client, "/login", new() { ["Email"] = email, ["Password"] = password });
            return (response.StatusCode, hasher.Verifications);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal((HttpStatusCode.OK, 1), await SignInAsync(locked.Email!, "not the right password at all"));
        }
        var cases = new Dictionary<string, (string Email, string Password)>
        {
            ["unknown account"] = ("nobody@example.org", TestApp.Password),
            ["unknown account, empty password"] = ("nobody@example.org", ""),
            ["known account, empty password"] = (known.Email!, ""),
            ["known account, wrong password"] = (known.Email!, "not the right password at all"),
            ["locked account, right password"] = (locked.Email!, TestApp.Password),
            ["locked account, empty password"] = (locked.Email!, ""),
            ["disabled account, right password"] = (disabled.Email!, TestApp.Password),
            ["invited account without a password yet"] = ("invited@example.org", TestApp.Password),
        };
        foreach (var (name, (email, password)) in cases)
        {
            var (status, verifications) = await SignInAsync(email, password);
            Assert.True(status == HttpStatusCode.OK && verifications == 1, $"{name}: {status}, {verifications} verifications");
        }
        var success = await SignInAsync(known.Email!, TestApp.Password);
        Assert.Equal((HttpStatusCode.Redirect, 1), success);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Token_StillWorks_AfterFiveFailedWebSignIns_ButNotOnceTheAccountIsDisabled(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var api = app.CreateAnonymousClient();
        await using (var db = app.OpenDb())
        {
            api.DefaultRequestHeaders.Authorization = new(
                "Bearer",
                await ApiTokens.CreateAsync(db, user, "integration", TimeSpan.FromDays(1), TimeProvider.System, CancellationToken.None)
            );
        }
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/people")).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            var attacker = app.CreateAnonymousClient();
            attacker.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, $"198.51.100.{i + 1}");
            await TestApp.PostFormAsync(attacker, "/login", new() { ["Email"] = user.Email!, ["Password"] = "guessing the password" });
        }
        await using (var db = app.OpenDb())
        {
            var stored = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
            Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow, "five failures lock the account for web sign-in");
        }
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/people")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            Assert.True(await UserAccounts.DisableAsync(scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>(), user.Email!));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/people")).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ChangePassword_NeedsTheCurrentOne_FollowsThePolicy_EndsOtherSessions_AndIsAudited(string provider)
    {
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [AccountsSetup.ValidationIntervalKey] = "00:00:00" }
        );
        var user = await app.CreateUserAsync(Roles.Monitor);
        var here = NoRedirects(app);
        var elsewhere = NoRedirects(app);
        await app.SignInAsync(here, user);
        await app.SignInAsync(elsewhere, user);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/people")).StatusCode);

        var wrong = await TestApp.PostFormAsync(
            here,
            "/account/password",
            new() { ["Current"] = "not my password at all", ["New"] = NewPassword }
        );
        Assert.Contains("Your current password is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooShort = await TestApp.PostFormAsync(
            here,
            "/account/password",
            new() { ["Current"] = TestApp.Password, ["New"] = "zq7!kp2w" }
        );
        Assert.Contains("The password is too short", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var common = await TestApp.PostFormAsync(
            here,
            "/account/password",
            new() { ["Current"] = TestApp.Password, ["New"] = "passwordpassword123" }
        );
        Assert.Contains("too easy to guess", await common.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var changed = await TestApp.PostFormAsync(
            here,
            "/account/password",
            new() { ["Current"] = TestApp.Password, ["New"] = NewPassword }
        );
        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/people")).StatusCode);
        Assert.Contains("/login", (await elsewhere.GetAsync("/people")).Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.True(TestApp.WentTo(await app.SignInAsync(NoRedirects(app), user, NewPassword), "/"));
        Assert.False(TestApp.WentTo(await app.SignInAsync(NoRedirects(app), user), "/"));
        await using (var db = app.OpenDb())
        {
            var id = Guid.Parse(user.Id);
            Assert.Single(await db.AuditEntries.Where(e => e.RecordId == id && e.Action == PasswordLinks.PasswordChanged).ToListAsync());
        }

        // With a second factor, 8 characters are enough (docs/security.md 11).
        var secured = await app.CreateUserAsync(Roles.Monitor, twoFactor: true);
        var client = NoRedirects(app);
        await app.SignInAsync(client, secured);
        var eight = await TestApp.PostFormAsync(
            client,
            "/account/password",
            new() { ["Current"] = TestApp.Password, ["New"] = "zq7!kp2w" }
        );
        Assert.Contains("Your password was changed.", await eight.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Invitation_LetsTheInviteeChooseTheirOwnPassword_OnceAndOnlyThemselves(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var administrator = await app.CreateUserAsync(Roles.Administrator);
        var admin = NoRedirects(app);
        await app.SignInAsync(admin, administrator);
        var page = await Admin.Forms.PostAsync(
            admin,
            "/admin/users",
            "Invite",
            new()
            {
                ["Email"] = "dara@example.org",
                ["Name"] = "Dara",
                ["NewRole"] = Roles.Coordinator,
            }
        );
        var url = new Uri(LinkOnPage().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        var secret = url.AbsolutePath[PasswordLinks.PathPrefix.Length..];
        await using (var db = app.OpenDb())
        {
            var invited = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "dara@example.org");
            Assert.Null(invited.PasswordHash);
            Assert.Equal("Dara", invited.DisplayName);
            var link = await db.PasswordLinks.AsNoTracking().SingleAsync(l => l.UserId == invited.Id);
            Assert.Equal(PasswordLinks.Hash(secret), link.Hash);
            Assert.NotEqual(secret, link.Hash);
            Assert.InRange(link.ExpiresAt - link.CreatedAt, TimeSpan.FromHours(71), TimeSpan.FromHours(73));
        }

        var invitee = NoRedirects(app);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync(url.AbsolutePath)).StatusCode);
        var weak = await TestApp.PostFormAsync(invitee, url.AbsolutePath, new() { ["New"] = "short" });
        Assert.Contains("The password is too short", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var set = await TestApp.PostFormAsync(invitee, url.AbsolutePath, new() { ["New"] = NewPassword });
        Assert.Equal("/login?passwordSet=true", set.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.GetAsync(url.AbsolutePath)).StatusCode);

        HabeasUser dara;
        await using (var db = app.OpenDb())
        {
            dara = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "dara@example.org");
            var id = Guid.Parse(dara.Id);
            var actions = await db.AuditEntries.Where(e => e.RecordId == id).Select(e => e.Action).ToListAsync();
            Assert.Contains("account-created", actions);
            Assert.Contains(PasswordLinks.LinkCreated, actions);
            Assert.Contains(PasswordLinks.PasswordSet, actions);
        }
        Assert.True(TestApp.WentTo(await app.SignInAsync(NoRedirects(app), dara, NewPassword), "/"));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ResetLink_ReplacesTheEarlierOne_ExpiresAndSetsANewPassword(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var administrator = await app.CreateUserAsync(Roles.Administrator);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var admin = NoRedirects(app);
        await app.SignInAsync(admin, administrator);
        async Task<string> ResetLinkAsync() =>
            new Uri(
                LinkOnPage()
                    .Match(
                        await (
                            await Admin.Forms.PostAsync(admin, "/admin/users", "Reset", new() { ["id"] = user.Id })
                        ).Content.ReadAsStringAsync()
                    )
                    .Groups[1]
                    .Value
            ).AbsolutePath;

        var first = await ResetLinkAsync();
        var second = await ResetLinkAsync();
        var anonymous = NoRedirects(app);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        Assert.True(TestApp.WentTo(await app.SignInAsync(NoRedirects(app), user), "/"), "the old password works until the link is used");

        await using (var db = app.OpenDb())
        {
            await db
                .PasswordLinks.Where(l => l.UserId == user.Id && l.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);

        var third = await ResetLinkAsync();
        var set = await TestApp.PostFormAsync(anonymous, third, new() { ["New"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.False(TestApp.WentTo(await app.SignInAsync(NoRedirects(app), user), "/"));
        Assert.True(TestApp.WentTo(await app.SignInAsync(NoRedirects(app), user, NewPassword), "/"));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task PasswordChosenByAnAdministrator_MustBeChangedAtTheFirstSignIn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var where = app.Database.CliArguments;
        var input = Console.In;
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetIn(new StringReader(TestApp.Password + "\n"));
        Console.SetOut(output);
        try
        {
            Assert.Equal(
                0,
                await Habeas.Host.Verbs.RunAsync([
                    "users",
                    "add",
                    "--email",
                    "typed@example.org",
                    "--role",
                    "monitor",
                    "--password-stdin",
                    .. where,
                ])
            );
            Assert.Equal(
                0,
                await Habeas.Host.Verbs.RunAsync(["users", "add", "--email", "linked@example.org", "--role", "viewer", .. where])
            );
        }
        finally
        {
            Console.SetIn(input);
            Console.SetOut(original);
        }
        Assert.Contains(PasswordLinks.PathPrefix, output.ToString(), StringComparison.Ordinal);
        HabeasUser typed;
        await using (var db = app.OpenDb())
        {
            typed = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "typed@example.org");
            Assert.True(typed.MustChangePassword);
            Assert.Null((await db.Users.AsNoTracking().SingleAsync(u => u.Email == "linked@example.org")).PasswordHash);
        }

        var client = NoRedirects(app);
        await app.SignInAsync(client, typed);
        Assert.Equal(ChangePasswordModel.PagePath, (await client.GetAsync("/people")).Headers.Location?.OriginalString);
        var changed = await TestApp.PostFormAsync(
            client,
            ChangePasswordModel.PagePath,
            new() { ["Current"] = TestApp.Password, ["New"] = NewPassword }
        );
        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/people")).StatusCode);
    }

    private static HttpClient NoRedirects(TestApp app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    [GeneratedRegex("<code id=\"password-link\"[^>]*>([^<]+)</code>")]
    private static partial Regex LinkOnPage();
}
