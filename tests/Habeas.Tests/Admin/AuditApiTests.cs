using System.Net;
using System.Text;
using System.Text.Json;
using Habeas.Core.Audit;
using Habeas.Platform.Audit;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Admin;

public sealed class AuditApiTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task InclusionAndConsistencyProofs_FromTheApi_VerifyAgainstTheSignedHeadsRoots(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();
        var first = await SignedHeadAsync(app, client);
        for (var i = 0; i < 5; i++)
        {
            await TestApp.CreatePersonAsync(client, $"Person {i}");
        }
        var second = await SignedHeadAsync(app, client);
        Assert.True(second.Head.TreeSize > first.Head.TreeSize);
        var size = (int)second.Head.TreeSize;

        // Leaf hashes worked out here from each entry's own text, not taken from the server's answer.
        List<string> texts;
        await using (var db = app.OpenDb())
        {
            texts = await db.AuditEntries.OrderBy(e => e.Sequence).Take(size).Select(e => e.Entry).ToListAsync();
        }
        foreach (var sequence in new[] { 1, 2, (int)first.Head.TreeSize, size - 1, size })
        {
            using var proof = await GetJsonAsync(client, $"/api/v1/audit/proof/inclusion?sequence={sequence}&treeSize={size}");
            var path = Hashes(proof.RootElement.GetProperty("proof"));
            var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(texts[sequence - 1]));
            Assert.True(MerkleTree.VerifyInclusion(leaf, sequence - 1, size, path, second.Head.RootHash), $"entry {sequence}");
            Assert.Equal(Convert.ToHexStringLower(second.Head.RootHash), proof.RootElement.GetProperty("rootHash").GetString());
            if (path.Count > 0)
            {
                path[0][0] ^= 1;
                Assert.False(MerkleTree.VerifyInclusion(leaf, sequence - 1, size, path, second.Head.RootHash));
            }
        }

        using (var consistency = await GetJsonAsync(client, $"/api/v1/audit/proof/consistency?from={first.Head.TreeSize}&to={size}"))
        {
            var proof = Hashes(consistency.RootElement.GetProperty("proof"));
            Assert.True(MerkleTree.VerifyConsistency((int)first.Head.TreeSize, size, first.Head.RootHash, second.Head.RootHash, proof));
            var forgedOldRoot = first.Head.RootHash;
            forgedOldRoot[0] ^= 1;
            Assert.False(MerkleTree.VerifyConsistency((int)first.Head.TreeSize, size, forgedOldRoot, second.Head.RootHash, proof));
        }

        foreach (
            var bad in new[]
            {
                "proof/inclusion?sequence=0&treeSize=1",
                $"proof/inclusion?sequence=2&treeSize=1",
                $"proof/inclusion?sequence=1&treeSize={size + 100}",
                "proof/consistency?from=0&to=1",
                "proof/consistency?from=3&to=2",
                "proof/inclusion",
                "proof/consistency?from=1",
            }
        )
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit/" + bad)).StatusCode);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Entries_AreNewestFirst_PagedAndFiltered_WithTheirChangedFields(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Sok Yeun");
        (
            await client.PutAsync(
                $"/api/v1/people/{id}",
                System.Net.Http.Json.JsonContent.Create(
                    new
                    {
                        name = "Sok Yeun",
                        occupation = "Farmer",
                        version = 1,
                    }
                )
            )
        ).EnsureSuccessStatusCode();
        await TestApp.CreatePersonAsync(client, "Mam Sonando");

        using var all = await GetJsonAsync(client, "/api/v1/audit/entries?limit=2");
        var items = all.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.True(items[0].GetProperty("sequence").GetInt64() > items[1].GetProperty("sequence").GetInt64());
        Assert.True(all.RootElement.GetProperty("total").GetInt32() >= 4);

        using var updates = await GetJsonAsync(
            client,
            $"/api/v1/audit/entries?recordType=person&recordId={id}&action=updated&from=2000-01-01&to=2999-12-31"
        );
        var update = Assert.Single(updates.RootElement.GetProperty("items").EnumerateArray());
        Assert.StartsWith("administrator-", update.GetProperty("actor").GetString(), StringComparison.Ordinal);
        var occupation = update.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "occupation");
        Assert.False(occupation.TryGetProperty("before", out _), "no value before (the API leaves nulls out)");
        Assert.Equal("Farmer", occupation.GetProperty("after").GetString());

        var actor = update.GetProperty("actor").GetString()!;
        using var byActor = await GetJsonAsync(client, $"/api/v1/audit/entries?actor={Uri.EscapeDataString(actor)}&recordType=person");
        Assert.Equal(3, byActor.RootElement.GetProperty("total").GetInt32());
        using var nobody = await GetJsonAsync(client, "/api/v1/audit/entries?actor=nobody@example.org");
        Assert.Equal(0, nobody.RootElement.GetProperty("total").GetInt32());
        using var past = await GetJsonAsync(client, "/api/v1/audit/entries?to=2000-01-01");
        Assert.Equal(0, past.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit/entries?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit/entries?from=yesterday")).StatusCode);
    }

    private static async Task<SignedTreeHead> SignedHeadAsync(TestApp app, HttpClient client)
    {
        var head = SignedTreeHead.FromJson(await client.GetStringAsync("/api/v1/audit/head"));
        using var key = AuditKey.LoadOrCreate(app.Database.Storage);
        Assert.True(new TreeHeadSigner(key).Verify(head));
        return head;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<byte[]> Hashes(JsonElement array) =>
        array.EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!)).ToList();
}
