using System.Text.RegularExpressions;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// Issue 18's first Done-when, in Chromium: with the interface in Khmer, a monitor who types an empty name, a date that
/// does not exist, and a name too long reads every message in Khmer; a person with a release recorded without a date
/// shows the custody warning in Khmer, naming the event by its type, never by its id.
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed partial class KhmerMessagesBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AKhmerMonitor_ReadsEveryMessage_InKhmer(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var page = await server.NewPageAsync(Roles.Monitor, "km-KH");

        // An empty name and a date that does not exist.
        await page.GotoAsync("/people/new");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await page.Locator("input[name='Input.BirthDate']").FillAsync("1985-02-30");
        await page.Locator("main form button.primary[type=submit]").First.ClickAsync();
        var errors = await MessagesAsync(page);
        Assert.True(errors.Count >= 2, string.Join(" | ", errors));
        Assert.Contains(errors, e => e.Contains("1985-02-30", StringComparison.Ordinal));
        AssertKhmer(errors);
        await BrowserServer.ScreenshotAsync(page, "messages-person-km");

        // A name longer than 400 characters (the field's own limit taken off, as a script or an old browser would).
        await page.EvaluateAsync("document.querySelector(\"input[name='Input.Names[0].Text']\").removeAttribute('maxlength')");
        await page.Locator("input[name='Input.Names[0].Text']").FillAsync(new string('ក', 401));
        await page.Locator("input[name='Input.BirthDate']").FillAsync("1985-02-28");
        await page.Locator("main form button.primary[type=submit]").First.ClickAsync();
        errors = await MessagesAsync(page);
        Assert.Contains(errors, e => e.Contains("400", StringComparison.Ordinal) && e.Contains("401", StringComparison.Ordinal));
        AssertKhmer(errors);

        // A release recorded without a date: the person's custody warning is in Khmer and names the release.
        Guid personId;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
            db.Viewer = Viewer.System;
            var person = new Person { Level = RecordLevels.Internal };
            person.Names.Add(
                new PersonName
                {
                    Text = "សុខ ចាន់",
                    Script = "Khmr",
                    Kind = NameKinds.Primary,
                    SearchText = "សុខ ចាន់",
                }
            );
            db.People.Add(person);
            await db.SaveChangesAsync();
            personId = person.Id;
        }
        await page.GotoAsync("/events/new?personId=" + personId);
        await page.Locator("select[name='Input.Type']").SelectOptionAsync("arrest");
        await page.Locator("input[name='Input.Date']").FillAsync("2024-03-01");
        await page.Locator("main form button.primary[type=submit]").First.ClickAsync();
        await page.GotoAsync("/events/new?personId=" + personId);
        await page.Locator("select[name='Input.Type']").SelectOptionAsync("release");
        await page.Locator("main form button.primary[type=submit]").First.ClickAsync();
        await page.GotoAsync($"/people/{personId}");
        var title = new Habeas.Platform.Localization.Texts().Get("km", "custody.warnings");
        var warnings = page.Locator(".notice", new() { HasText = title }).Locator("li");
        await Assertions.Expect(warnings.First).ToBeVisibleAsync();
        var texts = (await warnings.AllInnerTextsAsync()).ToList();
        AssertKhmer(texts);
        Assert.Contains(texts, t => t.Contains("ការដោះលែង", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => Guid().IsMatch(t));
        await BrowserServer.ScreenshotAsync(page, "messages-custody-km");
    }

    private static async Task<List<string>> MessagesAsync(IPage page)
    {
        var messages = page.Locator(".field-error:not(:empty), .validation-summary-errors li, .field-validation-error");
        await Assertions.Expect(messages.First).ToBeVisibleAsync();
        return [.. (await messages.AllInnerTextsAsync()).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct()];
    }

    /// <summary>Every message holds Khmer script and none of the English words the messages used to be made of.</summary>
    private static void AssertKhmer(IReadOnlyList<string> messages)
    {
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            Assert.True(message.Any(c => c is >= '\u1780' and <= '\u17FF'), $"not in Khmer: {message}");
            Assert.DoesNotMatch(English(), message);
        }
    }

    [GeneratedRegex(@"\b(required|too long|is not|must|Event|undated|characters)\b")]
    private static partial Regex English();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-")]
    private static partial Regex Guid();
}
