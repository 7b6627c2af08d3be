using System.Text;
using System.Text.RegularExpressions;
using Habeas.Campaigns.Supporters;
using Habeas.Platform.Storage;
using Habeas.Tests.Browser;
using Habeas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Supporters;

[Collection(Habeas.Tests.Browser.BrowserServer.Collection)]
public sealed partial class SupporterBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ASupporter_SignsUpInKhmer_ConfirmsFromTheDroppedEmail_SeesTheirPage_AndDeletesThemselves(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var context = await server.NewContextAsync("km-KH");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/supporters/join");
        await page.Locator("main button[type=submit]").ClickAsync(); // nothing filled: every field says what is missing
        await Assertions.Expect(page.Locator(".field-error").First).ToBeVisibleAsync();
        await BrowserServer.ScreenshotAsync(page, $"supporters-join-errors-{provider}");
        await page.Locator("input[name='Input.Name']").FillAsync("Sophea Chan");
        await page.Locator("input[name='Input.Email']").FillAsync("sophea@example.org");
        await page.Locator("select[name='Input.Country']").SelectOptionAsync("KH");
        await page.Locator("select[name='Input.Language']").SelectOptionAsync("km");
        await page.Locator("input[type=checkbox][name='Input.Consent']").CheckAsync();
        await page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("p.success")).ToContainTextAsync("អ៊ីមែល");

        // The default transport drops the email in DATA/mail; the link is in its base64 body.
        var folder = Path.Combine(server.Services.GetRequiredService<StorageOptions>().DataDirectory, "mail");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.eml").Length == 0)
        {
            Assert.True(DateTime.UtcNow < until, "no email was dropped");
            await Task.Delay(200);
        }
        var eml = await File.ReadAllTextAsync(Directory.GetFiles(folder, "*.eml").Single());
        var body = Encoding.UTF8.GetString(
            Convert.FromBase64String(
                eml[(eml.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Replace("\r\n", "", StringComparison.Ordinal)
            )
        );
        Assert.Contains("ជូនចំពោះ Sophea Chan", body, StringComparison.Ordinal);
        var confirm = ConfirmLink().Match(body).Groups[1].Value;

        await page.GotoAsync(confirm);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/supporters/me/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("sophea@example.org");
        await BrowserServer.ScreenshotAsync(page, $"supporters-me-km-{provider}");

        await page.Locator("main a.button.secondary").ClickAsync();
        await page.Locator("main form button.primary").First.ClickAsync();
        await Assertions.Expect(page.Locator("p.success")).ToBeVisibleAsync();
        await BrowserServer.ScreenshotAsync(page, $"supporters-deleted-km-{provider}");
        await using var db = server.Services.CreateScope().ServiceProvider.GetRequiredService<HabeasDb>();
        Assert.Equal(0, db.Supporters.Count());
    }

    [GeneratedRegex(@"https?://[^/\s]+(/supporters/confirm/[A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmLink();
}
