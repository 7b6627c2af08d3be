using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Habeas.Tests.Files;

/// <summary>Test data for files, replies and stories: a closed action with its case and release, uploads, real PNG images.</summary>
public static partial class CampaignFiles
{
    public sealed record ClosedAction(Guid ActionId, Guid CaseId, Guid EventId, Guid TargetId);

    /// <summary>A person, a case and a release event at these levels, and an action for the case closed with the release (by an
    /// administrator's client).</summary>
    public static async Task<ClosedAction> ClosedActionAsync(
        HttpClient admin,
        string caseLevel = "public",
        string eventLevel = "public",
        string caseTitle = "Extradition of Sok Yoeun",
        string code = "UA 309/02",
        string? note = null,
        bool close = true
    )
    {
        var person = await IdAsync(await admin.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun", level = caseLevel }));
        var caseId = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/cases",
                new
                {
                    title = caseTitle,
                    level = caseLevel,
                    summary = new { en = "A Cambodian refugee held in Thailand pending extradition." },
                    people = new[] { new { personId = person, role = "defendant" } },
                }
            )
        );
        var release = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "release",
                    date = "2004-02-26",
                    personIds = new[] { person },
                    caseId,
                    level = eventLevel,
                }
            )
        );
        var action = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code,
                    kind = "urgent-action",
                    title = "Sok Yoeun at risk of forcible return",
                    caseIds = new[] { caseId },
                }
            )
        );
        (await admin.PostAsJsonAsync($"/api/v1/actions/{action}/issue", new { issuedOn = "2002-11-19" })).EnsureSuccessStatusCode();
        var target = await IdAsync(
            await admin.PostAsJsonAsync(
                $"/api/v1/actions/{action}/targets",
                new
                {
                    title = "Prime Minister",
                    organisation = "Government House",
                    language = "th",
                }
            )
        );
        if (close)
        {
            (
                await admin.PostAsJsonAsync(
                    $"/api/v1/actions/{action}/close",
                    new
                    {
                        outcome = "released",
                        date = "2004-02-26",
                        eventId = release,
                        note,
                    }
                )
            ).EnsureSuccessStatusCode();
        }
        return new ClosedAction(action, caseId, release, target);
    }

    public static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client,
        Guid actionId,
        byte[] content,
        string name,
        string contentType = "application/octet-stream"
    )
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", name);
        return await client.PostAsync($"/api/v1/actions/{actionId}/files", form);
    }

    public static async Task<Guid> UploadedIdAsync(HttpClient client, Guid actionId, byte[] content, string name)
    {
        var response = await UploadAsync(client, actionId, content, name);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await IdAsync(response);
    }

    public static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Posts a multipart form the way a browser does: reads the page for its antiforgery token first.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        HttpClient client,
        string path,
        IEnumerable<(string Name, string Value)> fields,
        IEnumerable<(string Field, string FileName, byte[] Content)> files,
        string? formPage = null
    )
    {
        var page = await client.GetStringAsync(formPage ?? path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token().Matches(page)[^1].Groups[1].Value), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (field, fileName, content) in files)
        {
            form.Add(new ByteArrayContent(content), field, fileName);
        }
        return await client.PostAsync(path, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>A real PNG image of one colour (browsers draw it).</summary>
    public static byte[] Png(int width = 4, int height = 3, byte red = 138, byte green = 28, byte blue = 28)
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                for (var x = 0; x < width; x++)
                {
                    zlib.Write([red, green, blue]);
                }
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        stream.Write(BigEndian(data.Length));
        stream.Write(typed);
        stream.Write(BigEndian((int)Crc32(typed)));
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
