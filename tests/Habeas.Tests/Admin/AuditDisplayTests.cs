using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Audit;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Admin;

/// <summary>
/// B19 of the user trial: /admin/audit showed Khmer values \u-escaped ("km":"\u179F…") and records as ids only. It shows
/// Khmer as text and names the records the reader may see, with a link; the stored entries, whose bytes the audit tree
/// hashes, are not changed.
/// </summary>
public sealed class AuditDisplayTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheAuditPage_ShowsKhmerAsText_AndNamesRecords_WithoutChangingTheStoredEntries(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        const string biography = "សកម្មជនបរិស្ថាន";
        var created = await client.PostAsJsonAsync("/api/v1/people", new { name = "ហេង សុភា", biography = new { km = biography } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Guid id;
        using (var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
        {
            id = body.RootElement.GetProperty("id").GetGuid();
        }
        List<byte[]> hashes;
        await using (var db = app.OpenDb())
        {
            hashes = await AuditLog.LeafHashesAsync(db, CancellationToken.None);
            var stored = await db.AuditEntries.Where(e => e.RecordId == id).Select(e => e.Entry).ToListAsync();
            Assert.Contains(stored, e => e.Contains("\\u179F", StringComparison.OrdinalIgnoreCase));
        }

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/audit?recordType=person&recordId={id}"));
        Assert.Contains(biography, page, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u179", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"<a class=\"record-name\" href=\"/people/{id}\">ហេង សុភា</a>", page, StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            Assert.Equal(hashes, await AuditLog.LeafHashesAsync(db, CancellationToken.None));
            Assert.Null(await AuditLog.VerifyAsync(db, CancellationToken.None));
        }
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ARecordTheReaderMayNotSee_IsShownByItsIdOnly(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var unseen = Guid.CreateVersion7();
        await using (var db = app.OpenDb())
        {
            db.LogAction("created", "person", unseen, new Dictionary<string, string?[]> { ["level"] = [null, "restricted"] });
            await db.SaveChangesAsync();
        }
        var page = await app.CreateClient().GetStringAsync($"/admin/audit?recordId={unseen}");
        Assert.Contains(unseen.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"record-name\"", page, StringComparison.Ordinal);
    }
}
