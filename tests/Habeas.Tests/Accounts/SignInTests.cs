using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Accounts;

[Collection(StandardInput.Name)]
public sealed partial class SignInTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Passwords_FollowNist_AndAreHashedWithAtLeast210000Iterations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: TestApp.RealPasswordHashing);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();

        foreach (var weak in new[] { "short pass", "fourteen chars", "passwordpassword", "aaaaaaaaaaaaaaaaaaaa" })
        {
            var (user, errors) = await UserAccounts.CreateAsync(
                users,
                $"{Guid.NewGuid():N}@example.org",
                weak,
                Roles.Viewer,
                TimeProvider.System
            );
            Assert.Null(user);
            Assert.NotEmpty(errors);
        }
        var longPassword = string.Concat(Enumerable.Repeat("the rain in Phnom Penh ", 6)); // 138 characters, no digits or capitals required
        var (created, _) = await UserAccounts.CreateAsync(users, "long@example.org", longPassword, Roles.Viewer, TimeProvider.System);
        Assert.NotNull(created);
        Assert.True(await users.CheckPasswordAsync(created, longPassword));
        Assert.False(await users.CheckPasswordAsync(created, longPassword[..^1]));

        var hash = Convert.FromBase64String(created.PasswordHash!);
        Assert.Equal(0x01, hash[0]); // format v3: marker, PRF, iteration count (big-endian), salt length, salt, subkey
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)) >= 210_000);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task SignIn_WrongPasswordAndUnknownAccount_GetTheSameAnswer_AndFiveFailuresLockTheAccount(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var client = app.CreateAnonymousClient();

        var unknown = await SignInAsync(client, "nobody@example.org", TestApp.Password);
        var wrong = await SignInAsync(client, user.Email!, "not the right password at all");
        Assert.Equal(StripTokens(unknown), StripTokens(wrong));
        for (var i = 0; i < 4; i++)
        {
            await SignInAsync(client, user.Email!, "not the right password at all");
        }
        var locked = await SignInAsync(client, user.Email!, TestApp.Password);
        Assert.Contains("login.failed", ToKeyProbe(locked, app), StringComparison.Ordinal);

        var other = await app.CreateUserAsync(Roles.Monitor);
        var fresh = app.CreateAnonymousClient();
        await SignInAsync(fresh, other.Email!, TestApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/people")).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task BeforeAnyAdministrator_EverythingLeadsToSetup_AndTheOneTimeLinkCreatesOne(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new SetupApp(database);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal("/setup", (await client.GetAsync("/people")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup?token=wrong")).StatusCode);
        var token = app.Services.GetRequiredService<SetupToken>().Value;
        var form = await client.GetStringAsync($"/setup?token={token}");
        var response = await client.PostAsync(
            $"/setup?token={token}",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = Antiforgery().Matches(form).Last().Groups[1].Value,
                    ["Token"] = token,
                    ["Email"] = "admin@example.org",
                    ["Password"] = TestApp.Password,
                }
            )
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The new administrator is signed in but must turn on two-factor authentication before anything else.
        Assert.Equal("/account/two-factor", (await client.GetAsync("/people")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/two-factor")).StatusCode);
        var other = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/setup?token={token}")).StatusCode);
        await using var db = app.Services.CreateScope().ServiceProvider.GetRequiredService<Habeas.Platform.Storage.HabeasDb>();
        Assert.True(await SetupToken.AdministratorExistsAsync(db, CancellationToken.None));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task UsersAddAndTokensCreate_GiveATokenThatWorks(string provider)
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
                await Habeas.Host.Verbs.RunAsync(["users", "add", "--email", "coordinator@example.org", "--role", "coordinator", .. where])
            );
            Assert.Equal(
                0,
                await Habeas.Host.Verbs.RunAsync([
                    "tokens",
                    "create",
                    "--email",
                    "coordinator@example.org",
                    "--name",
                    "script",
                    "--expires",
                    "7",
                    .. where,
                ])
            );
            Assert.Equal(1, await Habeas.Host.Verbs.RunAsync(["tokens", "create", "--email", "nobody@example.org", .. where]));
        }
        finally
        {
            Console.SetIn(input);
            Console.SetOut(original);
        }
        var token = output
            .ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Last(l => l.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal))
            .Trim();
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(
            HttpStatusCode.Created,
            (await client.PostAsync("/api/v1/people", System.Net.Http.Json.JsonContent.Create(new { name = "Lim Mony" }))).StatusCode
        );
        await using var db = app.OpenDb();
        Assert.Equal(ApiTokens.Hash(token), (await db.ApiTokens.SingleAsync(t => t.Name == "script")).Hash);
        Assert.DoesNotContain(await db.ApiTokens.Select(t => t.Hash).ToListAsync(), h => h == token);
    }

    private static async Task<string> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/login");
        var response = await client.PostAsync(
            "/login",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = Antiforgery().Matches(form).Last().Groups[1].Value,
                    ["Email"] = email,
                    ["Password"] = password,
                }
            )
        );
        return await response.Content.ReadAsStringAsync();
    }

    private static string ToKeyProbe(string html, TestApp app) =>
        html.Contains(
            app.Services.GetRequiredService<Habeas.Platform.Localization.Texts>().Get("en", "login.failed"),
            StringComparison.Ordinal
        )
            ? "login.failed"
            : html;

    private static string StripTokens(string html) => Regex.Replace(Antiforgery().Replace(html, ""), "value=\"[^\"]*\"", "");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>The app on an empty database, with no account at all.</summary>
    private sealed class SetupApp(TestDatabase database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting(Habeas.Platform.Storage.StorageOptions.DataKey, database.DataDirectory);
            if (database.ConnectionString is not null)
            {
                builder.UseSetting(Habeas.Platform.Storage.StorageOptions.DatabaseKey, database.ConnectionString);
            }
        }
    }
}
