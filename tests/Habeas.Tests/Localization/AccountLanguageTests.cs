using System.Globalization;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Localization;

/// <summary>Issue 18: each account has its language and its way of writing numbers and years, kept across sessions.</summary>
public sealed class AccountLanguageTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnAccountsLanguageAndDigits_AreKept_AndEveryNewSessionBeginsInThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Roles.Monitor);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions());
        client.DefaultRequestHeaders.Authorization = null;
        await app.SignInAsync(client, user);
        var year = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().Year;

        var saved = await TestApp.PostFormAsync(
            client,
            "/account/language",
            new()
            {
                ["Language"] = "km",
                ["NativeDigits"] = "true",
                ["Era"] = "default",
            }
        );
        saved.EnsureSuccessStatusCode();
        var page = await saved.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"km\">", page, StringComparison.Ordinal);
        Assert.Contains(
            new Habeas.Platform.Localization.ReaderFormat(true, null).Digits(year.ToString(CultureInfo.InvariantCulture), "km"),
            page
        );

        // Another browser: signing in brings the account's language and digits with it.
        var other = app.CreateClient(new WebApplicationFactoryClientOptions());
        other.DefaultRequestHeaders.Authorization = null;
        other.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await app.SignInAsync(other, user);
        var home = await other.GetStringAsync("/account/language");
        Assert.Contains("<html lang=\"km\">", home, StringComparison.Ordinal);
        Assert.Contains("name=\"NativeDigits\" value=\"true\" checked=\"checked\"", home, StringComparison.Ordinal);

        // Thai counts years in the Buddhist era unless the reader chose otherwise; the language switch is kept on the account.
        (
            await TestApp.PostFormAsync(
                other,
                "/language",
                new() { ["lang"] = "th", ["returnUrl"] = "/account/language" },
                "/account/language"
            )
        ).EnsureSuccessStatusCode();
        (
            await TestApp.PostFormAsync(
                other,
                "/account/language",
                new()
                {
                    ["Language"] = "th",
                    ["NativeDigits"] = "false",
                    ["Era"] = "default",
                }
            )
        ).EnsureSuccessStatusCode();
        var thai = await other.GetStringAsync("/account/language");
        Assert.Contains("<html lang=\"th\">", thai, StringComparison.Ordinal);
        Assert.Contains((year + 543).ToString(CultureInfo.InvariantCulture), thai, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var stored = await scope
            .ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HabeasUser>>()
            .FindByIdAsync(user.Id);
        Assert.Equal("th", stored!.Language);
    }
}
