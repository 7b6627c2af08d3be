using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Campaigns.Replies;
using Habeas.Platform.Accounts;
using Habeas.Records.Files;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Habeas.Tests.Files.CampaignFiles;

namespace Habeas.Tests.Replies;

public sealed class RepliesTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AReplyWithItsFile_RoundTripsThroughTheApi_AndIsAudited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var action = await ClosedActionAsync(app.CreateClient(), close: false);
        var campaigner = (await app.AccountAsync(Roles.Campaigner)).Client;
        var letter = "%PDF-1.4\nThe Royal Thai Government has received your letter.\n"u8.ToArray();
        var file = await UploadedIdAsync(campaigner, action.ActionId, letter, "reply-from-government-house.pdf");

        var created = await campaigner.PostAsJsonAsync(
            $"/api/v1/actions/{action.ActionId}/replies",
            new
            {
                kind = "target-reply",
                targetId = action.TargetId,
                receivedOn = "2003-01-15",
                summary = "Government House acknowledges the letters; the case is with the courts.",
                language = "th",
                fileIds = new[] { file },
            }
        );
        var replyId = await IdAsync(created);
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await campaigner.PostAsJsonAsync(
                    $"/api/v1/actions/{action.ActionId}/replies",
                    new
                    {
                        kind = "acknowledgement",
                        receivedOn = "2003-12-30",
                        summary = "Sok Yoeun thanks everyone for the cards.",
                    }
                )
            ).StatusCode
        );

        var viewer = (await app.AccountAsync(Roles.Viewer)).Client;
        var list = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{action.ActionId}/replies");
        var items = list.GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal("acknowledgement", items[0].GetProperty("kind").GetString());
        var reply = items[1];
        Assert.Equal(replyId, reply.GetProperty("id").GetGuid());
        Assert.Equal("Prime Minister, Government House", reply.GetProperty("target").GetString());
        Assert.Equal("2003-01-15", reply.GetProperty("receivedOn").GetString());
        Assert.Equal("th", reply.GetProperty("language").GetString());
        var url = reply.GetProperty("files")[0].GetProperty("url").GetString()!;
        Assert.Equal(letter, await viewer.GetByteArrayAsync(url));
        // The action's page shows them to its readers.
        var page = await viewer.GetStringAsync($"/actions/{action.ActionId}");
        Assert.Contains("Government House acknowledges the letters", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url}\"", page, StringComparison.Ordinal);

        await using var db = app.OpenDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.RecordType == "reply" && a.RecordId == replyId && a.Action == "created"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.RecordId == action.ActionId && a.Action == "file-uploaded"));
        Assert.Equal(1, await db.RecordVersions.CountAsync(v => v.RecordType == "reply" && v.RecordId == replyId));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task BadReplies_Are400_NamingTheField_AndWriteNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var action = await ClosedActionAsync(client, close: false);
        var other = await ClosedActionAsync(client, code: "UA 2/03", close: false);
        var otherFile = await UploadedIdAsync(client, other.ActionId, Png(), "other.png");
        foreach (
            var (body, field) in new (object, string)[]
            {
                (
                    new
                    {
                        kind = "thanks",
                        receivedOn = "2003-01-01",
                        summary = "S",
                    },
                    "kind"
                ),
                (
                    new
                    {
                        kind = "target-reply",
                        receivedOn = "2003-01-01",
                        summary = "S",
                    },
                    "targetId"
                ),
                (
                    new
                    {
                        kind = "target-reply",
                        targetId = Guid.NewGuid(),
                        receivedOn = "2003-01-01",
                        summary = "S",
                    },
                    "targetId"
                ),
                (new { kind = "acknowledgement", summary = "S" }, "receivedOn"),
                (
                    new
                    {
                        kind = "acknowledgement",
                        receivedOn = "2999-01-01",
                        summary = "S",
                    },
                    "receivedOn"
                ),
                (new { kind = "acknowledgement", receivedOn = "2003-01-01" }, "summary"),
                (
                    new
                    {
                        kind = "acknowledgement",
                        receivedOn = "2003-01-01",
                        summary = "S",
                        language = "Thai language",
                    },
                    "language"
                ),
                (
                    new
                    {
                        kind = "acknowledgement",
                        receivedOn = "2003-01-01",
                        summary = "S",
                        fileIds = new[] { otherFile },
                    },
                    "fileIds[0]"
                ),
            }
        )
        {
            var response = await client.PostAsJsonAsync($"/api/v1/actions/{action.ActionId}/replies", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await (await app.AccountAsync(Roles.Monitor)).Client.PostAsJsonAsync(
                    $"/api/v1/actions/{action.ActionId}/replies",
                    new
                    {
                        kind = "acknowledgement",
                        receivedOn = "2003-01-01",
                        summary = "S",
                    }
                )
            ).StatusCode
        );
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Replies.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheRepliesForm_KeepsWhatWasTyped_NamesARefusedFile_ThenSavesWithTheFile(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var action = await ClosedActionAsync(app.CreateClient(), close: false);
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, await app.CreateUserAsync(Roles.Campaigner));
        var path = $"/actions/{action.ActionId}/replies";
        (string, string)[] fields =
        [
            ("Input.Kind", "target-reply"),
            ("Input.TargetId", action.TargetId.ToString()),
            ("Input.ReceivedOn", "2003-01-15"),
            ("Input.Language", "th"),
            ("Input.Summary", "Typed summary: the ministry answers."),
        ];

        var refused = await PostMultipartAsync(
            client,
            path,
            fields,
            [("Uploads", "scan.jpg", "<html><script>alert(1)</script></html>"u8.ToArray())]
        );
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Typed summary: the ministry answers.", html, StringComparison.Ordinal);
        Assert.Contains("scan.jpg holds web page markup", html, StringComparison.Ordinal);
        Assert.Contains("value=\"th\"", html, StringComparison.Ordinal);

        var tooBig = new byte[(10 * 1024 * 1024) + 10];
        Png().CopyTo(tooBig, 0);
        var large = await PostMultipartAsync(client, path + "?lang=km", fields, [("Uploads", "big.png", tooBig)]);
        var khmer = await large.Content.ReadAsStringAsync();
        Assert.Contains("big.png ធំពេក", khmer, StringComparison.Ordinal);
        Assert.Contains("Typed summary: the ministry answers.", khmer, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.Replies.CountAsync());
            Assert.Equal(0, await db.StoredFiles.CountAsync());
        }

        var saved = await PostMultipartAsync(
            client,
            path,
            fields,
            [("Uploads", "reply.png", Png()), ("Uploads", "reply.pdf", "%PDF-1.4\n"u8.ToArray())]
        );
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.EndsWith("saved=true", saved.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        var list = await saved.Content.ReadAsStringAsync();
        Assert.Contains("Typed summary: the ministry answers.", list, StringComparison.Ordinal);
        await using var after = app.OpenDb();
        var reply = await after.Replies.Include(r => r.Files).SingleAsync();
        Assert.Equal(2, reply.Files.Count);
        Assert.Equal(new DateOnly(2003, 1, 15), reply.ReceivedOn);
        Assert.Equal(action.TargetId, reply.TargetId);

        // Monitors and viewers read replies on the action's page but do not record them.
        var monitor = (await app.AccountAsync(Roles.Monitor)).Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.GetAsync(path)).StatusCode);
        Assert.Contains(
            "Typed summary: the ministry answers.",
            await monitor.GetStringAsync($"/actions/{action.ActionId}"),
            StringComparison.Ordinal
        );
    }
}
