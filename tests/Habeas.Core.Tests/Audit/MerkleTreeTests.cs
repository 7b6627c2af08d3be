using Habeas.Core.Audit;

namespace Habeas.Core.Tests.Audit;

public class MerkleTreeTests
{
    /// <summary>The leaf inputs of the RFC 6962 / RFC 9162 reference test vectors used by CT implementations.</summary>
    internal static readonly byte[][] VectorLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] VectorRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    internal static List<byte[]> LeafHashes(int n) => [.. VectorLeaves.Take(n).Select(l => MerkleTree.LeafHash(l))];

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] Flip(byte[] hash, int bit = 0)
    {
        var copy = hash.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    public static TheoryData<int> Sizes1To8 => [1, 2, 3, 4, 5, 6, 7, 8];

    public static TheoryData<int, int> ConsistencyPairs
    {
        get
        {
            var data = new TheoryData<int, int>();
            for (var n = 1; n <= 8; n++)
            {
                for (var m = 1; m <= n; m++)
                {
                    data.Add(m, n);
                }
            }
            return data;
        }
    }

    [Fact]
    public void RootHash_EmptyTree_IsSha256OfEmptyString()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(MerkleTree.RootHash([])));
    }

    [Theory]
    [MemberData(nameof(Sizes1To8))]
    public void RootHash_ReferenceVectors_MatchKnownAnswers(int n)
    {
        Assert.Equal(VectorRoots[n - 1], Hex(MerkleTree.RootHash(LeafHashes(n))));
    }

    [Fact]
    public void LeafHash_PrefixesZeroByte()
    {
        // SHA-256 of the single byte 0x00: the leaf hash of the empty entry.
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Hex(MerkleTree.LeafHash([])));
        Assert.Equal("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", Hex(MerkleTree.LeafHash([0x00])));
    }

    [Fact]
    public void NodeHash_OfTwoReferenceLeaves_IsTwoLeafRoot()
    {
        var leaves = LeafHashes(2);

        Assert.Equal(VectorRoots[1], Hex(MerkleTree.NodeHash(leaves[0], leaves[1])));
        Assert.NotEqual(VectorRoots[1], Hex(MerkleTree.NodeHash(leaves[1], leaves[0])));
    }

    [Fact]
    public void InclusionProof_Leaf0Of8_MatchesReferenceVector()
    {
        var proof = MerkleTree.InclusionProof(LeafHashes(8), 0);

        Assert.Equal(
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
            proof.Select(Hex)
        );
    }

    [Fact]
    public void ConsistencyProof_6To8_MatchesReferenceVector()
    {
        var proof = MerkleTree.ConsistencyProof(LeafHashes(8), 6);

        Assert.Equal(
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
            proof.Select(Hex)
        );
    }

    [Theory]
    [MemberData(nameof(Sizes1To8))]
    public void VerifyInclusion_EveryIndex_Verifies(int n)
    {
        var leaves = LeafHashes(n);
        var root = MerkleTree.RootHash(leaves);
        for (var i = 0; i < n; i++)
        {
            var proof = MerkleTree.InclusionProof(leaves, i);
            Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, n, proof, root), $"index {i} of {n}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes1To8))]
    public void VerifyInclusion_WrongIndex_Fails(int n)
    {
        var leaves = LeafHashes(n);
        var root = MerkleTree.RootHash(leaves);
        for (var i = 0; i < n; i++)
        {
            var proof = MerkleTree.InclusionProof(leaves, i);
            for (var j = -1; j <= n; j++)
            {
                if (j != i)
                {
                    Assert.False(MerkleTree.VerifyInclusion(leaves[i], j, n, proof, root), $"proof of {i} at {j} of {n}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes1To8))]
    public void VerifyInclusion_WrongLeaf_Fails(int n)
    {
        var leaves = LeafHashes(n);
        var root = MerkleTree.RootHash(leaves);
        var stranger = MerkleTree.LeafHash("not in the tree"u8);
        for (var i = 0; i < n; i++)
        {
            var proof = MerkleTree.InclusionProof(leaves, i);
            Assert.False(MerkleTree.VerifyInclusion(stranger, i, n, proof, root));
            Assert.False(MerkleTree.VerifyInclusion(Flip(leaves[i]), i, n, proof, root));
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    Assert.False(MerkleTree.VerifyInclusion(leaves[j], i, n, proof, root), $"leaf {j} at {i} of {n}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes1To8))]
    public void VerifyInclusion_TamperedProof_Fails(int n)
    {
        var leaves = LeafHashes(n);
        var root = MerkleTree.RootHash(leaves);
        for (var i = 0; i < n; i++)
        {
            var proof = MerkleTree.InclusionProof(leaves, i);
            for (var p = 0; p < proof.Count; p++)
            {
                var tampered = proof.ToList();
                tampered[p] = Flip(tampered[p], 255);
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, n, tampered, root), $"element {p}, index {i} of {n}");
            }
            Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, n, [.. proof, root], root), "extra element");
            if (proof.Count > 0)
            {
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, n, proof.Take(proof.Count - 1).ToList(), root), "missing element");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes1To8))]
    public void VerifyInclusion_WrongRoot_Fails(int n)
    {
        var leaves = LeafHashes(n);
        var root = MerkleTree.RootHash(leaves);
        for (var i = 0; i < n; i++)
        {
            var proof = MerkleTree.InclusionProof(leaves, i);
            Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, n, proof, Flip(root)));
            Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, n, proof, MerkleTree.RootHash(LeafHashes(n == 8 ? 7 : n + 1))));
        }
    }

    [Fact]
    public void InclusionProof_IndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(LeafHashes(3), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(LeafHashes(3), -1));
    }

    [Fact]
    public void RootHash_LeafHashOfWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => MerkleTree.RootHash([new byte[31]]));
    }

    [Theory]
    [MemberData(nameof(ConsistencyPairs))]
    public void VerifyConsistency_EveryPair_Verifies(int m, int n)
    {
        var leaves = LeafHashes(n);
        var oldRoot = MerkleTree.RootHash(LeafHashes(m));
        var newRoot = MerkleTree.RootHash(leaves);
        var proof = MerkleTree.ConsistencyProof(leaves, m);

        Assert.True(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, proof));
        Assert.Equal(m == n, proof.Count == 0);
    }

    [Theory]
    [MemberData(nameof(ConsistencyPairs))]
    public void VerifyConsistency_WrongRoots_Fails(int m, int n)
    {
        var leaves = LeafHashes(n);
        var oldRoot = MerkleTree.RootHash(LeafHashes(m));
        var newRoot = MerkleTree.RootHash(leaves);
        var proof = MerkleTree.ConsistencyProof(leaves, m);

        Assert.False(MerkleTree.VerifyConsistency(m, n, Flip(oldRoot), newRoot, proof));
        Assert.False(MerkleTree.VerifyConsistency(m, n, oldRoot, Flip(newRoot), proof));
        if (m > 1)
        {
            // The root of a different old tree, of the wrong size for this proof.
            Assert.False(MerkleTree.VerifyConsistency(m, n, MerkleTree.RootHash(LeafHashes(m - 1)), newRoot, proof));
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyPairs))]
    public void VerifyConsistency_TamperedProof_Fails(int m, int n)
    {
        var leaves = LeafHashes(n);
        var oldRoot = MerkleTree.RootHash(LeafHashes(m));
        var newRoot = MerkleTree.RootHash(leaves);
        var proof = MerkleTree.ConsistencyProof(leaves, m);
        for (var p = 0; p < proof.Count; p++)
        {
            var tampered = proof.ToList();
            tampered[p] = Flip(tampered[p], 7);
            Assert.False(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, tampered), $"element {p} of {m}→{n}");
        }
        Assert.False(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, [.. proof, newRoot]), "extra element");
        if (proof.Count > 0)
        {
            Assert.False(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, proof.Skip(1).ToList()), "missing element");
        }
    }

    [Fact]
    public void VerifyConsistency_ChangedHistory_Fails()
    {
        var old = LeafHashes(5);
        var rewritten = LeafHashes(8);
        rewritten[2] = MerkleTree.LeafHash("edited"u8);

        var proof = MerkleTree.ConsistencyProof(rewritten, 5);

        Assert.False(MerkleTree.VerifyConsistency(5, 8, MerkleTree.RootHash(old), MerkleTree.RootHash(rewritten), proof));
    }

    [Fact]
    public void VerifyConsistency_ImpossibleSizes_Fails()
    {
        var root = MerkleTree.RootHash(LeafHashes(4));

        Assert.False(MerkleTree.VerifyConsistency(0, 4, MerkleTree.RootHash([]), root, []));
        Assert.False(MerkleTree.VerifyConsistency(5, 4, root, root, []));
        Assert.False(MerkleTree.VerifyConsistency(2, 4, root, root, []));
    }
}
