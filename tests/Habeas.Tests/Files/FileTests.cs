using System.Net;
using System.Text;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Files;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Habeas.Tests.Files.CampaignFiles;

namespace Habeas.Tests.Files;

/// <summary>docs/security.md 6 and 21 for uploads: size and type limits (type read from the bytes), hash verified on every read,
/// served as attachments (images inline) with nosniff and a sandbox, only to readers of the action that holds the file.</summary>
public sealed class FileTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Uploads_AreCheckedByContent_AndBySize_NotByName(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var action = (await ClosedActionAsync(admin, close: false)).ActionId;

        // Allowed kinds, whatever name or type the browser gives them.
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(admin, action, Png(), "photo.png", "text/html")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(admin, action, "%PDF-1.4\n1 0 obj\n"u8.ToArray(), "reply.pdf")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Created,
            (await UploadAsync(admin, action, Encoding.UTF8.GetBytes("រាជរដ្ឋាភិបាល បានទទួលលិខិតរបស់អ្នក។\r\n"), "letter.txt")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (await UploadAsync(admin, action, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8], "scan")).StatusCode
        );

        foreach (
            var (content, name) in new (byte[], string)[]
            {
                ("<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray(), "photo.jpg"), // HTML dressed as an image
                ("alert(document.cookie);"u8.ToArray(), "photo.jpg"), // a script dressed as an image
                ("#!/bin/sh\nrm -rf /\n"u8.ToArray(), "notes.txt"), // a shell script
                (
                    "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(),
                    "logo.svg"
                ),
                ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), "logo.png"),
                ("var x = 1;"u8.ToArray(), "app.js"), // text, but not under a text name
                (Png(), "photo.pdf"), // the name says PDF, the bytes say PNG
                ([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "setup.exe"),
                ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "letter.docx"),
                ([], "empty.png"),
            }
        )
        {
            var response = await UploadAsync(admin, action, content, name, "image/jpeg");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("file", out _), name);
        }

        // 10 MB is the default limit: a file above it is refused by name (400); a body far above the upload limit is cut off (413).
        var big = new byte[(10 * 1024 * 1024) + 1];
        Png().CopyTo(big, 0);
        var tooLarge = await UploadAsync(admin, action, big, "large.png");
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("10 MB", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.RequestEntityTooLarge,
            (await UploadAsync(admin, action, new byte[25 * 1024 * 1024], "huge.png")).StatusCode
        );
        // A 2 MB image passes on the upload route, while every other route keeps the 1 MB limit.
        var twoMegabytes = new byte[2 * 1024 * 1024];
        Png().CopyTo(twoMegabytes, 0);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(admin, action, twoMegabytes, "scan.png")).StatusCode);
        using var large = new ByteArrayContent(twoMegabytes);
        large.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await admin.PostAsync($"/api/v1/actions/{action}/replies", large)).StatusCode);

        await using var db = app.OpenDb();
        Assert.Equal(5, await db.StoredFiles.CountAsync());
        Assert.Equal(
            ["application/pdf", "image/jpeg", "image/png", "image/png", "text/plain"],
            (await db.StoredFiles.Select(f => f.MediaType).ToListAsync()).Order(StringComparer.Ordinal)
        );
        Assert.Equal(5, await db.AuditEntries.CountAsync(a => a.Action == "file-uploaded" && a.RecordId == action));
        // Files live by hash under the data folder, outside the web root; no name from the upload is a path.
        var stored = await db.StoredFiles.FirstAsync(f => f.OriginalName == "photo.png");
        Assert.True(File.Exists(Path.Combine(app.Database.DataDirectory, "files", stored.Sha256[..2], stored.Sha256[2..])));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.Database.DataDirectory, "files", "tmp")));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AStoredFile_IsServedByteForByte_Sandboxed_AndNotAtAllOnceChangedOnDisk(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var action = (await ClosedActionAsync(admin, close: false)).ActionId;
        var png = Png(8, 8);
        var image = await UploadedIdAsync(admin, action, png, "../../etc/passwd photo.png");
        var pdfBytes = "%PDF-1.4\nthe official's reply\n"u8.ToArray();
        var pdf = await UploadedIdAsync(admin, action, pdfBytes, "ម្ចាស់ reply.pdf");

        var shown = await admin.GetAsync($"/files/{image}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(png, await shown.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", shown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", shown.Content.Headers.ContentDisposition!.DispositionType);
        Assert.DoesNotContain("/", shown.Content.Headers.ContentDisposition.FileNameStar ?? "", StringComparison.Ordinal);
        Assert.Equal("nosniff", shown.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", shown.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var download = await admin.GetAsync($"/files/{pdf}");
        Assert.Equal(pdfBytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("ម្ចាស់ reply.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // One byte changed on disk: an error, and none of the file's bytes go out.
        await using var db = app.OpenDb();
        var stored = await db.StoredFiles.SingleAsync(f => f.Id == pdf);
        var path = Path.Combine(app.Database.DataDirectory, "files", stored.Sha256[..2], stored.Sha256[2..]);
        var changed = File.ReadAllBytes(path);
        changed[^3] ^= 0x20;
        File.WriteAllBytes(path, changed);
        var damaged = await admin.GetAsync($"/files/{pdf}");
        Assert.Equal(HttpStatusCode.InternalServerError, damaged.StatusCode);
        Assert.DoesNotContain("official", await damaged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, l => l.Contains("changed on disk", StringComparison.Ordinal));
        // Missing altogether: the same.
        File.Delete(path);
        Assert.Equal(HttpStatusCode.InternalServerError, (await admin.GetAsync($"/files/{pdf}")).StatusCode);
        // Uploading the same bytes again repairs the stored copy.
        await UploadedIdAsync(admin, action, pdfBytes, "again.pdf");
        Assert.Equal(pdfBytes, await admin.GetByteArrayAsync($"/files/{pdf}"));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheFilesOfARestrictedCasesAction_Are404ToEveryoneWhoMayNotSeeTheCase(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var hidden = await ClosedActionAsync(
            admin,
            caseLevel: "restricted",
            eventLevel: "restricted",
            caseTitle: "CANARYR witness case",
            code: "UA 1/24"
        );
        var shown = await ClosedActionAsync(admin, caseLevel: "internal", code: "UA 2/24");
        var hiddenFile = await UploadedIdAsync(admin, hidden.ActionId, Png(), "witness.png");
        var shownFile = await UploadedIdAsync(admin, shown.ActionId, Png(), "letter.png");

        foreach (var role in new[] { Roles.Viewer, Roles.Campaigner, Roles.Monitor, Roles.Coordinator })
        {
            var reader = (await app.AccountAsync(role)).Client;
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/files/{hiddenFile}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/actions/{hidden.ActionId}/replies")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/files/{shownFile}")).StatusCode);
        }
        var campaigner = (await app.AccountAsync(Roles.Campaigner)).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(campaigner, hidden.ActionId, Png(), "more.png")).StatusCode);
        var anonymous = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        anonymous.DefaultRequestHeaders.Authorization = null;
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/files/{shownFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/files/{hiddenFile}")).StatusCode);
    }
}
