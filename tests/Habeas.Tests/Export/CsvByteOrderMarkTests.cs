using System.IO.Compression;
using System.Net;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Export;

/// <summary>
/// B18 of the user trial: CSV files had no UTF-8 byte-order mark, so Excel on Windows read Khmer as mojibake. Every CSV
/// of an export, and every statistics download, starts with EF BB BF; JSON files do not (a BOM is not allowed in JSON, RFC 8259).
/// </summary>
public sealed class CsvByteOrderMarkTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task EveryCsvOfAnExport_StartsWithAUtf8ByteOrderMark_AndJsonFilesDoNot(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        await TestApp.CreatePersonAsync(client, "ហេង សុភា");

        foreach (var format in new[] { "csv", "json" })
        {
            using var response = await client.GetAsync($"/api/v1/export?format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            var checkedFiles = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = new MemoryStream();
                await using (var opened = entry.Open())
                {
                    await opened.CopyToAsync(stream);
                }
                var bytes = stream.ToArray();
                if (entry.FullName.EndsWith(".csv", StringComparison.Ordinal))
                {
                    Assert.True(bytes.AsSpan().StartsWith(Bom), $"{entry.FullName} has no byte-order mark");
                    Assert.False(bytes.AsSpan(3).StartsWith(Bom), $"{entry.FullName} has two byte-order marks");
                    checkedFiles++;
                }
                else
                {
                    Assert.False(bytes.AsSpan().StartsWith(Bom), $"{entry.FullName} has a byte-order mark");
                }
            }
            Assert.True(format != "csv" || checkedFiles > 10);
        }
        var names = await client.GetAsync("/api/v1/export?format=csv");
        using var csv = new ZipArchive(new MemoryStream(await names.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(csv.GetEntry("person_names.csv")!.Open(), System.Text.Encoding.UTF8);
        Assert.Contains("ហេង សុភា", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheStatisticsDownloads_StartWithAUtf8ByteOrderMark_TheirJsonDoesNot(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        const string range = "from=2020-01-01&to=2020-03-31&interval=month";
        foreach (var (client, path) in new[] { (app.CreateClient(), "/statistics"), (app.CreateAnonymousClient(), "/public/statistics") })
        {
            var csv = await client.GetAsync($"{path}/detained.csv?{range}");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.AsSpan().StartsWith(Bom), $"{path}/detained.csv has no byte-order mark");
            Assert.False(bytes.AsSpan(3).StartsWith(Bom), $"{path}/detained.csv has two");
            var json = await client.GetAsync($"{path}/detained.json?{range}");
            Assert.False((await json.Content.ReadAsByteArrayAsync()).AsSpan().StartsWith(Bom), $"{path}/detained.json has one");
        }
    }
}
