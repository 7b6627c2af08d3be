using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Cards;
using Habeas.Campaigns.Letters;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Letters;

public sealed class LettersTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task PublicPage_ShowsThePublishedCase_TargetsUpdatesAndForms_ButNothingNonPublic(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var anonymous = app.CreateAnonymousClient();

        var html = await anonymous.GetStringAsync($"/act/{c.ActionId}");
        Assert.Contains("UA 309/02", html);
        Assert.Contains("Fear of forcible return", html);
        Assert.Contains("Sok Yoeun", html);
        Assert.Contains("Write to the Thai and Cambodian authorities.", html);
        Assert.Contains("ทักษิณ ชินวัตร", html);
        Assert.Contains("ถนนพิษณุโลก กรุงเทพฯ 10300", html);
        Assert.Contains("280 1589", html);
        Assert.Contains("UNHCR recognises Sok Yoeun as a refugee", html);
        Assert.Contains("Do not mention politics", html);
        Assert.Contains($"action=\"/act/{c.ActionId}/letter\"", html);
        Assert.Contains($"action=\"/act/{c.ActionId}/card?lang=en\"", html);
        Assert.DoesNotContain("<script", html);
        // Only the published case and its published people: the internal case and co-defendant are not even counted.
        Assert.DoesNotContain(LetterCampaign.HiddenCanary, html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<section class=\"case\">"));
        Assert.DoesNotContain("CANARYPRISON", html);

        var khmer = await anonymous.GetStringAsync($"/act/{c.ActionId}?lang=km");
        Assert.Contains("<html lang=\"km\">", khmer);
        Assert.Contains("សុខ យឿន", khmer);
        Assert.Contains("សូមសរសេរទៅកាន់អាជ្ញាធរថៃ និងកម្ពុជា។", khmer);
        Assert.Contains("កុំនិយាយអំពីនយោបាយ", khmer);
        Assert.Contains("សរសេរលិខិត", khmer);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task PublicPages_Are404_ForDraftsAndActionsNotPublished(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var draft = await LetterCampaign.CreateAsync(app, issue: false, code: "UA 1/26");
        var unpublished = await LetterCampaign.CreateAsync(app, publish: false, code: "UA 2/26");
        var anonymous = app.CreateAnonymousClient();
        foreach (var c in new[] { draft, unpublished })
        {
            foreach (
                var path in new[]
                {
                    $"/act/{c.ActionId}",
                    LetterCampaign.LetterPath(c, c.ThaiTarget),
                    $"/act/{c.ActionId}/letter.docx?target={c.ThaiTarget}&name=A",
                    $"/act/{c.ActionId}/card",
                }
            )
            {
                using var response = await anonymous.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
                Assert.DoesNotContain("Sok Yoeun", await response.Content.ReadAsStringAsync());
            }
            // Signed-in staff do not see it there either: the public page shows what the public may see.
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/act/{c.ActionId}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/act/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ALetterToAThaiOfficial_IsInThai_AsAPageAndADocxShapedWithNotoSansThai(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var anonymous = app.CreateAnonymousClient();

        var html = await anonymous.GetStringAsync(LetterCampaign.LetterPath(c, c.ThaiTarget));
        Assert.Contains("<html lang=\"th\">", html);
        Assert.Contains("<article class=\"letter\" lang=\"th\">", html);
        Assert.Contains(LetterCampaign.ThaiSentence + " สุข เยือน กลับไปยังกัมพูชา", html);
        Assert.Contains("นายกรัฐมนตรี ทักษิณ ชินวัตร", html);
        Assert.Contains("เรียน ฯพณฯ นายกรัฐมนตรี", html);
        Assert.Contains("<p>Anna</p>", html);
        Assert.Contains("<p>Tampere</p>", html);
        // Thai letters count years in the Buddhist era.
        Assert.Contains(
            (DateTime.UtcNow.Year + 543).ToString(System.Globalization.CultureInfo.InvariantCulture),
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("/css/letters.css", html);
        Assert.DoesNotContain("{{", html);

        var docx = await anonymous.GetAsync($"/act/{c.ActionId}/letter.docx?target={c.ThaiTarget}&name=Anna&town=Tampere");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx.Content.Headers.ContentType!.MediaType
        );
        var xml = DocumentXml(await docx.Content.ReadAsByteArrayAsync());
        Assert.Contains(LetterCampaign.ThaiSentence, xml);
        Assert.Contains("สุข เยือน", xml);
        Assert.Contains("<w:cs />", xml);
        Assert.Contains("w:cs=\"Noto Sans Thai\"", xml);
        Assert.Contains("w:ascii=\"Noto Sans Thai\"", xml);
        Assert.Contains("w:bidi=\"th-TH\"", xml);
        Assert.Contains("w:eastAsia=\"th-TH\"", xml);
        Assert.Contains("w:w=\"11906\"", xml); // A4
        Assert.DoesNotContain("CANARY", xml);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ALetterToACambodianOfficial_IsInKhmer_WithTheKhmerName(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var anonymous = app.CreateAnonymousClient();

        var html = await anonymous.GetStringAsync(LetterCampaign.LetterPath(c, c.KhmerTarget, "Dara", "Kampot"));
        Assert.Contains("<html lang=\"km\">", html);
        Assert.Contains(LetterCampaign.KhmerSentence + " សុខ យឿន។", html);
        Assert.Contains("Dara, Kampot", html);
        var xml = DocumentXml(
            await anonymous.GetByteArrayAsync($"/act/{c.ActionId}/letter.docx?target={c.KhmerTarget}&name=Dara&town=Kampot")
        );
        Assert.Contains(LetterCampaign.KhmerSentence, xml);
        Assert.Contains("w:cs=\"Noto Sans Khmer\"", xml);
        Assert.Contains("w:bidi=\"km-KH\"", xml);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ALetterForm_WithBadInput_IsShownAgainWithTheMessage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var anonymous = app.CreateAnonymousClient();
        foreach (
            var (path, field) in new[]
            {
                (LetterCampaign.LetterPath(c, Guid.NewGuid()), "Choose whom to write to."),
                (LetterCampaign.LetterPath(c, c.ThaiTarget, name: ""), "Please fill this in."),
                (LetterCampaign.LetterPath(c, c.ThaiTarget, name: "An\u0007na"), "Remove the control characters"),
                (LetterCampaign.LetterPath(c, c.ThaiTarget, town: new string('x', 81)), "Keep it to 80 characters."),
            }
        )
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(field, html);
            Assert.DoesNotContain("<article class=\"letter\"", html);
        }
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await anonymous.GetAsync($"/act/{c.ActionId}/letter.docx?target={c.ThaiTarget}&name=")).StatusCode
        );
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task IHaveSentIt_CountsOneLetter_EvenWhenPostedTwice(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var anonymous = app.CreateAnonymousClient();
        var letter = await anonymous.GetStringAsync(LetterCampaign.LetterPath(c, c.ThaiTarget));
        var fields = LetterCampaign.HiddenFields(letter);
        fields["country"] = "FI";
        Assert.True(fields.ContainsKey("token") && fields.ContainsKey("form-issued"));

        var first = await anonymous.PostAsync($"/act/{c.ActionId}/sent", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Thank you for writing.", await first.Content.ReadAsStringAsync());
        var again = await anonymous.PostAsync($"/act/{c.ActionId}/sent", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Thank you for writing.", await again.Content.ReadAsStringAsync());

        await using var db = app.OpenDb();
        var outreach = await db.Outreach.SingleAsync(o => o.ActionId == c.ActionId);
        Assert.Equal(
            ("letter", 1, c.ThaiTarget, "th", "FI", (string?)null),
            (outreach.Channel, outreach.Count, outreach.TargetId!.Value, outreach.Language, outreach.Country, outreach.RecordedBy)
        );
        Assert.Equal(1, await db.SentReceipts.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.RecordId == c.ActionId && a.Action == "outreach-recorded"));

        // A second letter (a new page, a new token) is a second letter.
        var second = LetterCampaign.HiddenFields(await anonymous.GetStringAsync(LetterCampaign.LetterPath(c, c.KhmerTarget)));
        Assert.Equal(
            HttpStatusCode.OK,
            (await anonymous.PostAsync($"/act/{c.ActionId}/sent", new FormUrlEncodedContent(second))).StatusCode
        );
        Assert.Equal(2, await db.Outreach.CountAsync(o => o.ActionId == c.ActionId));
        var summary = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/actions/{c.ActionId}/summary");
        Assert.Equal(1, summary.GetProperty("byTarget").GetProperty(c.KhmerTarget.ToString()).GetInt32());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnonymousPosts_WithoutTheFormFields_OrWithAForgedToken_AreRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var anonymous = app.CreateAnonymousClient();
        var letter = LetterCampaign.HiddenFields(await anonymous.GetStringAsync(LetterCampaign.LetterPath(c, c.ThaiTarget)));
        var card = LetterCampaign.HiddenFields(await anonymous.GetStringAsync($"/act/{c.ActionId}"));
        card["message"] = "Stay strong.";
        card["signedAs"] = "Anna";

        foreach (
            var (path, fields) in new[]
            {
                ($"/act/{c.ActionId}/sent", Without(letter, "form-issued")),
                ($"/act/{c.ActionId}/sent", With(letter, "website", "http://spam.example")),
                ($"/act/{c.ActionId}/sent", With(letter, "token", "forged")),
                ($"/act/{c.ActionId}/sent", Without(letter, "__RequestVerificationToken")),
                ($"/act/{c.ActionId}/card", Without(card, "form-issued")),
                ($"/act/{c.ActionId}/card", With(card, "website", "http://spam.example")),
                ($"/act/{c.ActionId}/card", With(card, "message", "hidden\u0000text")),
                ($"/act/{c.ActionId}/card", With(card, "message", new string('x', 601))),
                ($"/act/{c.ActionId}/card", With(card, "signedAs", "")),
                ($"/act/{c.ActionId}/card", Without(card, "__RequestVerificationToken")),
            }
        )
        {
            using var response = await anonymous.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
        }
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Outreach.CountAsync());
        Assert.Equal(0, await db.GreetingCards.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Templates_NamingAnUnknownField_Are400NamingIt_AndNotSaved(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var client = app.CreateClient();
        var response = await client.PutAsJsonAsync(
            $"/api/v1/actions/{c.ActionId}/letters/en",
            new { text = "Dear {{target.nmae}}, free {{prisoner.name}}." }
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("{{target.nmae}}", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await client.PutAsJsonAsync($"/api/v1/actions/{c.ActionId}/letters/x!", new { text = "Hi" })).StatusCode
        );

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{c.ActionId}/letters");
        Assert.Equal(
            ["km", "th"],
            list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("language").GetString()!).ToArray()
        );
        Assert.Equal(LetterCampaign.ThaiTemplate, list.GetProperty("items")[1].GetProperty("text").GetString());
        // The page says the same.
        var page = await Admin.Forms.PostAsync(
            client,
            $"/actions/{c.ActionId}/letters",
            "",
            new() { ["language"] = "en", ["text"] = "Dear {{nobody}}" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("{{nobody}}", await page.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        Assert.Equal(2, await db.LetterTemplates.CountAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.RecordType == "letter-template"));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Permissions_CampaignersWriteLettersAndModerate_OnlyCoordinatorsPublish_MonitorsAndViewersCannot(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app, publish: false);
        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        var monitor = await app.AccountAsync(Roles.Monitor);
        var viewer = await app.AccountAsync(Roles.Viewer);

        Assert.Equal(
            HttpStatusCode.OK,
            (
                await campaigner.Client.PutAsJsonAsync($"/api/v1/actions/{c.ActionId}/letters/en", new { text = "Dear {{salutation}}" })
            ).StatusCode
        );
        Assert.Equal(HttpStatusCode.OK, (await campaigner.Client.GetAsync($"/api/v1/actions/{c.ActionId}/cards")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await campaigner.Client.GetAsync($"/actions/{c.ActionId}/cards")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await campaigner.Client.GetAsync($"/actions/{c.ActionId}/letters")).StatusCode);
        // Card guidance yes, publishing no: 403 with the reason, and nothing changed.
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await campaigner.Client.PostAsJsonAsync(
                    $"/api/v1/actions/{c.ActionId}/publish",
                    new { cardGuidance = new { en = "No politics." } }
                )
            ).StatusCode
        );
        var refused = await campaigner.Client.PostAsJsonAsync($"/api/v1/actions/{c.ActionId}/publish", new { @public = true });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only coordinators and administrators", await refused.Content.ReadAsStringAsync());
        var byCampaigner = await campaigner.Client.PostAsJsonAsync(
            "/api/v1/actions",
            new
            {
                code = "UA 9/26",
                kind = "urgent-action",
                title = "T",
                @public = true,
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, byCampaigner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAnonymousClient().GetAsync($"/act/{c.ActionId}")).StatusCode);
        var published = await coordinator.Client.PostAsJsonAsync($"/api/v1/actions/{c.ActionId}/publish", new { @public = true });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.True((await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("public").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAnonymousClient().GetAsync($"/act/{c.ActionId}")).StatusCode);

        foreach (var reader in new[] { monitor, viewer })
        {
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await reader.Client.PutAsJsonAsync($"/api/v1/actions/{c.ActionId}/letters/en", new { text = "Hi" })).StatusCode
            );
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.Client.GetAsync($"/api/v1/actions/{c.ActionId}/cards")).StatusCode);
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await reader.Client.PostAsJsonAsync($"/api/v1/actions/{c.ActionId}/cards/{Guid.NewGuid()}/approve", new { })).StatusCode
            );
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await reader.Client.PostAsJsonAsync($"/api/v1/actions/{c.ActionId}/publish", new { @public = false })).StatusCode
            );
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.Client.GetAsync($"/actions/{c.ActionId}/cards/batches")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.Client.GetAsync($"/api/v1/actions/{c.ActionId}/letters")).StatusCode);
        }
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await app.CreateAnonymousClient().GetAsync($"/api/v1/actions/{c.ActionId}/cards")).StatusCode
        );
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task NoPublicRouteOrResponse_CarriesThePrisonAddress_OrANonPublicRecord(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var outputs = new List<(string What, string Text)>();
        foreach (var (who, client) in new[] { ("anonymous", app.CreateAnonymousClient()), ("administrator", app.CreateClient()) })
        {
            foreach (
                var path in new[]
                {
                    $"/act/{c.ActionId}",
                    $"/act/{c.ActionId}?lang=km",
                    $"/act/{c.ActionId}/card",
                    LetterCampaign.LetterPath(c, c.ThaiTarget),
                    LetterCampaign.LetterPath(c, c.KhmerTarget) + "&lang=km",
                    LetterCampaign.LetterPath(c, Guid.NewGuid()),
                    $"/act/{c.ActionId}/sent",
                }
            )
            {
                using var response = await client.GetAsync(path);
                outputs.Add(($"{who} GET {path}", await response.Content.ReadAsStringAsync() + response.Headers));
            }
            foreach (var target in new[] { c.ThaiTarget, c.KhmerTarget })
            {
                using var docx = await client.GetAsync($"/act/{c.ActionId}/letter.docx?target={target}&name=Anna&town=Tampere");
                Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
                using var zip = new ZipArchive(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()));
                foreach (var entry in zip.Entries)
                {
                    using var reader = new StreamReader(entry.Open());
                    outputs.Add(($"{who} docx {target} {entry.FullName}", await reader.ReadToEndAsync()));
                }
            }
            var card = await Cards.CardsTests.WriteCardAsync(client, c, "Stay strong.", "Anna", "FI");
            outputs.Add(($"{who} card thank-you", await card.Content.ReadAsStringAsync()));
            var refused = await Cards.CardsTests.WriteCardAsync(client, c, "", "Anna", "FI");
            outputs.Add(($"{who} card refused", await refused.Content.ReadAsStringAsync()));
            var sent = LetterCampaign.HiddenFields(await client.GetStringAsync(LetterCampaign.LetterPath(c, c.ThaiTarget)));
            outputs.Add(
                (
                    $"{who} sent",
                    await (await client.PostAsync($"/act/{c.ActionId}/sent", new FormUrlEncodedContent(sent))).Content.ReadAsStringAsync()
                )
            );
        }
        Assert.Contains(outputs, o => o.Text.Contains("Thank you for your card.", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Text.Contains("Thank you for writing.", StringComparison.Ordinal));
        var leaks = outputs.Where(o => o.Text.Contains("CANARY", StringComparison.Ordinal)).Select(o => o.What).ToList();
        Assert.True(leaks.Count == 0, "Leaked in: " + string.Join("\n", leaks));
        // The canaries are there to be found by those who may (so the check is not vacuous).
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        Assert.Contains(
            "CANARYPRISON",
            await holder.Client.GetStringAsync($"/api/v1/people/{c.PersonId}/confidential"),
            StringComparison.Ordinal
        );
        Assert.Contains(
            LetterCampaign.HiddenCanary,
            await app.CreateClient().GetStringAsync($"/actions/{c.ActionId}"),
            StringComparison.Ordinal
        );
    }

    internal static string DocumentXml(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return reader.ReadToEnd();
    }

    internal static Dictionary<string, string> Without(Dictionary<string, string> fields, string name) =>
        fields.Where(f => f.Key != name).ToDictionary(f => f.Key, f => f.Value);

    internal static Dictionary<string, string> With(Dictionary<string, string> fields, string name, string value) =>
        new(fields) { [name] = value };
}
