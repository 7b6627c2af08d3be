using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Habeas.Tests.Browser;
using Habeas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Files;

/// <summary>A person's photo uploaded from the person page in Chromium, in Khmer, at a phone's width, with JavaScript off.</summary>
[Collection(BrowserServer.Collection)]
public sealed class RecordFileBrowserTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitor_UploadsAPhotoOnThePersonPage_WithoutJavaScript_OnAPhone_AndSeesIt(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var personId = await PersonAsync(server);
        // Signed in through the form, then the same session in a context with JavaScript off and a phone's screen.
        var signedIn = await server.NewPageAsync(Roles.Monitor, "km-KH");
        await using var context = await server.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = server.Address,
                Locale = "km-KH",
                JavaScriptEnabled = false,
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            }
        );
        context.SetDefaultTimeout((float)BrowserServer.StepTimeout.TotalMilliseconds);
        await context.AddCookiesAsync(
            (await signedIn.Context.CookiesAsync()).Select(c => new Cookie
            {
                Name = c.Name,
                Value = c.Value,
                Domain = c.Domain,
                Path = c.Path,
                Expires = c.Expires,
                HttpOnly = c.HttpOnly,
                Secure = c.Secure,
                SameSite = c.SameSite,
            })
        );
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/people/{personId}");
        await Assertions.Expect(page.Locator("#files h2")).ToHaveTextAsync("ឯកសារ");
        await page.Locator("#files input[name=Upload]")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "portrait.png",
                    MimeType = "image/png",
                    Buffer = CampaignFiles.Png(300, 400, 90, 60, 40),
                }
            );
        await page.Locator("#files input[name='Input.Credit']").FillAsync("អាដហុក");
        await page.Locator("#files select[name='Input.Consent']").SelectOptionAsync("staff");
        await page.Locator("#files input[name='Input.Photo']").CheckAsync();
        await page.Locator("#files form[enctype] button[type=submit]").ClickAsync();

        var photo = page.Locator("figure.person-photo img");
        await Assertions.Expect(photo).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure.person-photo figcaption")).ToHaveTextAsync("ដោយ អាដហុក");
        await Assertions.Expect(page.Locator("#files li")).ToContainTextAsync("portrait.png");
        // The image is really served (under the page's Content-Security-Policy, from this site) and fits the phone's width.
        var source = await photo.GetAttributeAsync("src");
        var image = await context.APIRequest.GetAsync(source!);
        Assert.Equal(200, image.Status);
        Assert.Equal("image/png", image.Headers["content-type"]);
        foreach (var element in new[] { photo, page.Locator("#files form[enctype]"), page.Locator("#files li").First })
        {
            var box = await element.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{box.X} + {box.Width} is wider than the phone");
        }
        await BrowserServer.ScreenshotAsync(page, $"person-photo-phone-km-{provider}");
    }

    private static async Task<Guid> PersonAsync(BrowserServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Viewer.System;
        var person = new Person { Level = RecordLevels.Internal };
        person.Names.Add(
            new PersonName
            {
                Text = "សុខ យឿន",
                Script = "Khmr",
                Kind = NameKinds.Primary,
                SearchText = "សុខ យឿន",
                SortOrder = 0,
            }
        );
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }
}
