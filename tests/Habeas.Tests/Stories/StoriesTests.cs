using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Campaigns.Stories;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Habeas.Tests.Files.CampaignFiles;

namespace Habeas.Tests.Stories;

public sealed class StoriesTests
{
    private const string Gratitude =
        "I would like to express my deepest gratitude to the Amnesty International for its constant efforts for my release from prison";
    private const string Unconsented = "CANARYQ words said in confidence";

    private static object Story(Guid consentedImage, Guid privateImage, int? version = null) =>
        new
        {
            version,
            title = new
            {
                en = "Sok Yoeun is free",
                km = "សុខ យឿន មានសេរីភាពហើយ",
                th = "ซก เยือน ได้รับอิสรภาพ",
            },
            text = new
            {
                en = "Prisoner of conscience Sok Yoeun was freed from a Thai jail on 26 February 2004.",
                km = "អ្នកទោសមនសិការ សុខ យឿន ត្រូវបានដោះលែង។",
            },
            quotes = new object[]
            {
                new
                {
                    words = Gratitude,
                    speaker = "Sok Yoeun",
                    saidOn = "2004-03",
                    publishedIn = "Amnesty International",
                    consent = true,
                    consentBy = "UA coordinator",
                },
                new
                {
                    words = Unconsented,
                    speaker = "CANARYQ speaker",
                    consent = false,
                },
            },
            media = new object[]
            {
                new
                {
                    fileId = consentedImage,
                    caption = "Reunited in Finland",
                    credit = "Amnesty International Finland",
                    consent = true,
                    consentBy = "Sok Yoeun",
                },
                new
                {
                    fileId = privateImage,
                    caption = "CANARYM family photograph",
                    credit = "CANARYM family",
                    consent = false,
                },
            },
        };

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ACampaignerDrafts_OnlyACoordinatorPublishes_AndTheyPublicSeesOnlyWhatWasConsented(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var action = await ClosedActionAsync(app.CreateClient(), note: "CANARYN resettled through a private channel");
        var campaigner = (await app.AccountAsync(Roles.Campaigner)).Client;
        var coordinator = (await app.AccountAsync(Roles.Coordinator)).Client;
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        anonymous.DefaultRequestHeaders.Authorization = null;
        var consented = await UploadedIdAsync(campaigner, action.ActionId, Png(6, 4), "reunited.png");
        var hidden = await UploadedIdAsync(campaigner, action.ActionId, Png(5, 5, 0, 0, 255), "family.png");

        Assert.Equal(
            HttpStatusCode.Created,
            (await campaigner.PutAsJsonAsync($"/api/v1/actions/{action.ActionId}/story", Story(consented, hidden))).StatusCode
        );
        var draft = await campaigner.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{action.ActionId}/story");
        var storyId = draft.GetProperty("id").GetGuid();
        Assert.False(draft.GetProperty("published").GetBoolean());
        Assert.Equal(2, draft.GetProperty("quotes").GetArrayLength());
        var mediaIds = draft.GetProperty("media").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToList();

        // Nothing public before publication.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/stories/{storyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/stories/{storyId}/media/{mediaIds[0]}")).StatusCode);
        Assert.DoesNotContain("Sok Yoeun is free", await anonymous.GetStringAsync("/stories"), StringComparison.Ordinal);
        // Campaigners draft; they do not publish.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await campaigner.PostAsJsonAsync($"/api/v1/actions/{action.ActionId}/story/publish", new { })).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/stories/{storyId}")).StatusCode);

        var published = await coordinator.PostAsJsonAsync($"/api/v1/actions/{action.ActionId}/story/publish", new { });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var page = await anonymous.GetStringAsync($"/stories/{storyId}");
        Assert.Contains("Sok Yoeun is free", page, StringComparison.Ordinal);
        Assert.Contains(Gratitude, page, StringComparison.Ordinal);
        Assert.Contains("Amnesty International Finland", page, StringComparison.Ordinal);
        Assert.Contains("26 February 2004", page, StringComparison.Ordinal); // the release, a public event
        Assert.Contains("Extradition of Sok Yoeun", page, StringComparison.Ordinal); // the public case
        Assert.Contains($"/stories/{storyId}/media/{mediaIds[0]}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", page, StringComparison.Ordinal);
        Assert.DoesNotContain(mediaIds[1].ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain("/files/", page, StringComparison.Ordinal);
        Assert.Contains("Sok Yoeun is free", await anonymous.GetStringAsync("/stories"), StringComparison.Ordinal);
        var image = await anonymous.GetAsync($"/stories/{storyId}/media/{mediaIds[0]}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(Png(6, 4), await image.Content.ReadAsByteArrayAsync());
        Assert.Contains("sandbox", image.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // The image without consent is not public, by any route.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/stories/{storyId}/media/{mediaIds[1]}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/files/{hidden}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/files/{consented}")).StatusCode);

        // A published story is the coordinator's: a campaigner's change is refused, a coordinator's keeps it public.
        var version = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{action.ActionId}/story"))
            .GetProperty("version")
            .GetInt32();
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await campaigner.PutAsJsonAsync($"/api/v1/actions/{action.ActionId}/story", Story(consented, hidden, version))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await coordinator.PutAsJsonAsync($"/api/v1/actions/{action.ActionId}/story", Story(consented, hidden, version))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await coordinator.PutAsJsonAsync($"/api/v1/actions/{action.ActionId}/story", Story(consented, hidden, version))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await coordinator.PostAsJsonAsync($"/api/v1/actions/{action.ActionId}/story/publish", new { published = false })).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/stories/{storyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/stories/{storyId}/media/{mediaIds[0]}")).StatusCode);

        await using var db = app.OpenDb();
        Assert.True(
            await db.AuditEntries.AnyAsync(a =>
                a.RecordType == "story" && a.RecordId == storyId && a.Action == "story-published" && a.Actor!.StartsWith("coordinator-")
            )
        );
        Assert.True(
            await db.AuditEntries.AnyAsync(a => a.RecordType == "story" && a.RecordId == storyId && a.Action == "story-unpublished")
        );
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task APublishedStory_ShowsNothingOfItsNonPublicCaseOrEvent(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var internalCase = await ClosedActionAsync(
            admin,
            caseLevel: "internal",
            eventLevel: "internal",
            caseTitle: "CANARYI internal case",
            code: "UA 1/24",
            note: "CANARYN note"
        );
        var restrictedCase = await ClosedActionAsync(
            admin,
            caseLevel: "restricted",
            eventLevel: "restricted",
            caseTitle: "CANARYR restricted case",
            code: "UA 2/24"
        );
        var anonymous = app.CreateAnonymousClient();
        foreach (var action in new[] { internalCase, restrictedCase })
        {
            var image = await UploadedIdAsync(admin, action.ActionId, Png(), "photo.png");
            Assert.Equal(
                HttpStatusCode.Created,
                (await admin.PutAsJsonAsync($"/api/v1/actions/{action.ActionId}/story", Story(image, image))).StatusCode
            );
            var story = await admin.PostAsJsonAsync($"/api/v1/actions/{action.ActionId}/story/publish", new { });
            var storyId = (await story.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            var page = await anonymous.GetStringAsync($"/stories/{storyId}");
            Assert.Contains("Sok Yoeun is free", page, StringComparison.Ordinal);
            Assert.DoesNotContain("CANARY", page, StringComparison.Ordinal);
            // Neither the release event's date nor the action's closing date (the same day) is shown.
            Assert.DoesNotContain(
                "February 2004",
                page.Replace("freed from a Thai jail on 26 February 2004", "", StringComparison.Ordinal),
                StringComparison.Ordinal
            );
            Assert.DoesNotContain("2004-02-26", page, StringComparison.Ordinal);
            // In Khmer too.
            var khmer = await anonymous.GetStringAsync($"/stories/{storyId}?lang=km");
            Assert.Contains("សុខ យឿន មានសេរីភាពហើយ", khmer, StringComparison.Ordinal);
            Assert.DoesNotContain("CANARY", khmer, StringComparison.Ordinal);
        }
        // Staff who may not see the restricted case do not get its story either.
        var coordinator = (await app.AccountAsync(Roles.Coordinator)).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/v1/actions/{restrictedCase.ActionId}/story")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/actions/{internalCase.ActionId}/story")).StatusCode);
        Assert.DoesNotContain("CANARY", await anonymous.GetStringAsync("/stories"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Stories_AreWrittenOnlyForClosedActions_AndBadStoriesAre400NamingTheField(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var open = await ClosedActionAsync(admin, close: false);
        var image = await UploadedIdAsync(admin, open.ActionId, Png(), "photo.png");
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await admin.PutAsJsonAsync($"/api/v1/actions/{open.ActionId}/story", Story(image, image))).StatusCode
        );

        var closed = await ClosedActionAsync(admin, code: "UA 3/24");
        var photo = await UploadedIdAsync(admin, closed.ActionId, Png(), "photo.png");
        var pdf = await UploadedIdAsync(admin, closed.ActionId, "%PDF-1.4\n"u8.ToArray(), "letter.pdf");
        foreach (
            var (body, field) in new (object, string)[]
            {
                (new { text = new { en = "No title" } }, "title"),
                (new { title = new { fr = "Libre" } }, "title.fr"),
                (new { title = new { en = "T" }, quotes = new[] { new { words = "", consent = false } } }, "quotes[0].words"),
                (new { title = new { en = "T" }, quotes = new[] { new { words = "W", consent = true } } }, "quotes[0].consentBy"),
                (
                    new
                    {
                        title = new { en = "T" },
                        quotes = new[]
                        {
                            new
                            {
                                words = "W",
                                saidOn = "last spring",
                                consent = false,
                            },
                        },
                    },
                    "quotes[0].saidOn"
                ),
                (
                    new
                    {
                        title = new { en = "T" },
                        media = new[]
                        {
                            new
                            {
                                fileId = pdf,
                                credit = "C",
                                consent = false,
                            },
                        },
                    },
                    "media[0].fileId"
                ),
                (
                    new
                    {
                        title = new { en = "T" },
                        media = new[]
                        {
                            new
                            {
                                fileId = image,
                                credit = "C",
                                consent = false,
                            },
                        },
                    },
                    "media[0].fileId"
                ), // another action's file
                (
                    new
                    {
                        title = new { en = "T" },
                        media = new[]
                        {
                            new
                            {
                                fileId = photo,
                                credit = "",
                                consent = false,
                            },
                        },
                    },
                    "media[0].credit"
                ),
            }
        )
        {
            var response = await admin.PutAsJsonAsync($"/api/v1/actions/{closed.ActionId}/story", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode}");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await (await app.AccountAsync(Roles.Monitor)).Client.PutAsJsonAsync(
                    $"/api/v1/actions/{closed.ActionId}/story",
                    Story(photo, photo)
                )
            ).StatusCode
        );
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Stories.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheStoryPages_RenderInEnglishAndKhmer_AndTheFormKeepsWhatWasTyped(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var action = await ClosedActionAsync(app.CreateClient());
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, await app.CreateUserAsync(Roles.Campaigner));
        var path = $"/actions/{action.ActionId}/story";
        Assert.Contains("Success story", await client.GetStringAsync(path), StringComparison.Ordinal);
        Assert.Contains("រឿងជោគជ័យ", await client.GetStringAsync(path + "?lang=km"), StringComparison.Ordinal);
        Assert.Contains("រឿងជោគជ័យ", await client.GetStringAsync("/stories?lang=km"), StringComparison.Ordinal);

        (string, string)[] fields =
        [
            ("Input.Title[en]", "Sok Yoeun is free"),
            ("Input.Title[km]", "សុខ យឿន មានសេរីភាពហើយ"),
            ("Input.Text[th]", "ซก เยือน ได้รับอิสรภาพ"),
            ("Input.Quotes[0].Words", Gratitude),
            ("Input.Quotes[0].Speaker", "Sok Yoeun"),
            ("Input.Quotes[0].Consent", "true"),
            ("Input.Quotes[0].ConsentBy", "UA coordinator"),
            ("NewMedia.Caption", "Reunited"),
            ("NewMedia.Credit", "Amnesty International"),
            ("NewMedia.Consent", "true"),
            ("NewMedia.ConsentBy", "Sok Yoeun"),
        ];
        var refused = await PostMultipartAsync(
            client,
            path,
            fields,
            [("NewImage", "photo.jpg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray())]
        );
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("photo.jpg holds web page markup", html, StringComparison.Ordinal);
        Assert.Contains(Gratitude, html, StringComparison.Ordinal);
        Assert.Contains("ซก เยือน ได้รับอิสรภาพ", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Amnesty International\"", html, StringComparison.Ordinal);
        var pdf = await PostMultipartAsync(client, path, fields, [("NewImage", "letter.pdf", "%PDF-1.4\n"u8.ToArray())]);
        Assert.Contains("letter.pdf is not an image", await pdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await PostMultipartAsync(client, path, fields, [("NewImage", "reunited.png", Png())]);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var form = await saved.Content.ReadAsStringAsync();
        Assert.Contains("The story is saved.", form, StringComparison.Ordinal);
        Assert.Contains("Not on the public site: a coordinator publishes it.", form, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Publish", form, StringComparison.Ordinal);
        await using var db = app.OpenDb();
        var story = await db.Stories.Include(s => s.Quotes).Include(s => s.Media).SingleAsync();
        Assert.False(story.Published);
        Assert.Equal("Sok Yoeun", Assert.Single(story.Quotes).Speaker);
        Assert.Equal("Amnesty International", Assert.Single(story.Media).Credit);

        // A coordinator publishes from the same page; the public page reads in both languages.
        var coordinator = app.CreateAnonymousClient();
        await app.SignInAsync(coordinator, await app.CreateUserAsync(Roles.Coordinator));
        var publish = await PostMultipartAsync(coordinator, path + "?handler=Publish", [("published", "true")], [], formPage: path);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var english = await client.GetStringAsync($"/stories/{story.Id}");
        Assert.Contains("Released on", english, StringComparison.Ordinal);
        var khmer = await client.GetStringAsync($"/stories/{story.Id}?lang=km");
        Assert.Contains("ត្រូវបានដោះលែងនៅថ្ងៃ", khmer, StringComparison.Ordinal);
        Assert.Contains("សុខ យឿន មានសេរីភាពហើយ", khmer, StringComparison.Ordinal);
    }
}
