using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Habeas.Core.Audit;

namespace Habeas.Core.Tests.Audit;

public sealed class TreeHeadSignerTests : IDisposable
{
    private static readonly DateTimeOffset When = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.FromHours(7));

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private static TreeHead Head(int size = 8) => new(size, MerkleTree.RootHash(MerkleTreeTests.LeafHashes(size)), When);

    private static string Mutate(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public void SignExportImport_Verifies()
    {
        var signer = new TreeHeadSigner(_key);
        var json = signer.Sign(Head()).ToJson();

        var imported = SignedTreeHead.FromJson(json);

        Assert.True(TreeHeadSigner.Verify(imported, signer.PublicKey));
        Assert.True(signer.Verify(imported));
        Assert.Equal(Head(), imported.Head);
        Assert.Equal(8, imported.Head.TreeSize);
        Assert.Equal(When, imported.Head.Timestamp);
        Assert.Contains("\"timestamp\":\"2025-03-14T02:26:53.589Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyId_IsHexSha256OfSubjectPublicKeyInfo()
    {
        var signer = new TreeHeadSigner(_key);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_key.ExportSubjectPublicKeyInfo())), signer.KeyId);
        Assert.Equal(64, signer.KeyId.Length);
        Assert.Equal(signer.KeyId, signer.Sign(Head()).KeyId);
    }

    [Fact]
    public void ChangedSize_Fails()
    {
        var signer = new TreeHeadSigner(_key);
        var json = Mutate(signer.Sign(Head()).ToJson(), o => o["treeSize"] = 7);

        Assert.False(TreeHeadSigner.Verify(SignedTreeHead.FromJson(json), signer.PublicKey));
    }

    [Fact]
    public void ChangedRoot_Fails()
    {
        var signer = new TreeHeadSigner(_key);
        var otherRoot = Convert.ToBase64String(MerkleTree.RootHash(MerkleTreeTests.LeafHashes(7)));
        var json = Mutate(signer.Sign(Head()).ToJson(), o => o["rootHash"] = otherRoot);

        Assert.False(TreeHeadSigner.Verify(SignedTreeHead.FromJson(json), signer.PublicKey));
    }

    [Fact]
    public void ChangedTimestamp_Fails()
    {
        var signer = new TreeHeadSigner(_key);
        var signed = signer.Sign(Head());
        var moved = new SignedTreeHead(new TreeHead(8, signed.Head.RootHash, When.AddMilliseconds(1)), signed.KeyId, signed.Signature);

        Assert.False(TreeHeadSigner.Verify(moved, signer.PublicKey));
    }

    [Fact]
    public void ChangedSignature_Fails()
    {
        var signer = new TreeHeadSigner(_key);
        var signed = signer.Sign(Head());
        var bytes = signed.Signature;
        bytes[^1] ^= 0x01;
        var json = Mutate(signed.ToJson(), o => o["signature"] = Convert.ToBase64String(bytes));

        Assert.False(TreeHeadSigner.Verify(SignedTreeHead.FromJson(json), signer.PublicKey));
    }

    [Fact]
    public void SignatureFromAnotherHead_Fails()
    {
        var signer = new TreeHeadSigner(_key);
        var signed = signer.Sign(Head());
        var otherSignature = signer.Sign(Head(7)).Signature;

        Assert.True(TreeHeadSigner.Verify(signed, signer.PublicKey));
        Assert.False(TreeHeadSigner.Verify(new SignedTreeHead(signed.Head, signed.KeyId, otherSignature), signer.PublicKey));
    }

    [Fact]
    public void DifferentKey_Fails()
    {
        var signer = new TreeHeadSigner(_key);
        var other = new TreeHeadSigner(_otherKey);
        var signed = signer.Sign(Head());

        Assert.False(TreeHeadSigner.Verify(signed, other.PublicKey));
        Assert.False(other.Verify(signed));
        // Even when the key id is relabelled to the other key, its signature check fails.
        Assert.False(TreeHeadSigner.Verify(new SignedTreeHead(signed.Head, other.KeyId, signed.Signature), other.PublicKey));
    }

    [Fact]
    public void MalformedPublicKey_Fails()
    {
        var signer = new TreeHeadSigner(_key);
        var signed = signer.Sign(Head());
        byte[] garbage = [0x30, 0x03, 0x01, 0x02, 0x03];

        Assert.False(TreeHeadSigner.Verify(signed, garbage));
        Assert.False(
            TreeHeadSigner.Verify(new SignedTreeHead(signed.Head, TreeHeadSigner.ComputeKeyId(garbage), signed.Signature), garbage)
        );
    }

    [Fact]
    public void OtherCurve_IsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => new TreeHeadSigner(p384));
    }

    [Fact]
    public void CanonicalBytes_CoverSizeTimestampAndRoot()
    {
        var head = Head();
        var bytes = head.ToCanonicalBytes();

        Assert.Equal(TreeHead.CanonicalLength, bytes.Length);
        Assert.Equal(bytes, Head().ToCanonicalBytes());
        Assert.NotEqual(bytes, new TreeHead(9, head.RootHash, When).ToCanonicalBytes());
        Assert.NotEqual(bytes, new TreeHead(8, head.RootHash, When.AddMilliseconds(1)).ToCanonicalBytes());
        Assert.NotEqual(bytes, new TreeHead(8, MerkleTree.RootHash(MerkleTreeTests.LeafHashes(7)), When).ToCanonicalBytes());
        Assert.Equal(head.RootHash, bytes[^32..]);
    }

    [Fact]
    public void TreeHead_RootHash_CannotBeChangedThroughArrays()
    {
        var root = MerkleTree.RootHash(MerkleTreeTests.LeafHashes(3));
        var head = new TreeHead(3, root, When);
        var before = head.ToCanonicalBytes();

        root[0] ^= 0xff;
        head.RootHash[1] ^= 0xff;

        Assert.Equal(before, head.ToCanonicalBytes());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"version\":{\"a\":{}}}")]
    public void FromJson_Malformed_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => SignedTreeHead.FromJson(json));
    }

    [Theory]
    [InlineData("version", "2")]
    [InlineData("version", "\"1\"")]
    [InlineData("treeSize", "-1")]
    [InlineData("treeSize", "1.5")]
    [InlineData("treeSize", "\"8\"")]
    [InlineData("rootHash", "\"AAAA\"")]
    [InlineData("rootHash", "\"***\"")]
    [InlineData("timestamp", "\"yesterday\"")]
    [InlineData("keyId", "null")]
    [InlineData("signature", "\"\"")]
    [InlineData("extra", "1")]
    public void FromJson_BadField_ThrowsFormatException(string property, string value)
    {
        var json = new TreeHeadSigner(_key).Sign(Head()).ToJson();
        var changed = Mutate(json, o => o[property] = JsonNode.Parse(value));

        Assert.Throws<FormatException>(() => SignedTreeHead.FromJson(changed));
    }

    [Fact]
    public void FromJson_MissingField_ThrowsFormatException()
    {
        var json = new TreeHeadSigner(_key).Sign(Head()).ToJson();

        foreach (var property in new[] { "version", "treeSize", "rootHash", "timestamp", "keyId", "signature" })
        {
            Assert.Throws<FormatException>(() => SignedTreeHead.FromJson(Mutate(json, o => o.Remove(property))));
        }
    }

    [Fact]
    public void FromJson_RepeatedOrTooLong_ThrowsFormatException()
    {
        var json = new TreeHeadSigner(_key).Sign(Head()).ToJson();

        Assert.Throws<FormatException>(() =>
            SignedTreeHead.FromJson(json.Replace("{\"version\":1,", "{\"version\":1,\"version\":1,", StringComparison.Ordinal))
        );
        Assert.Throws<FormatException>(() => SignedTreeHead.FromJson(json + new string(' ', SignedTreeHead.MaxJsonLength)));
    }
}
