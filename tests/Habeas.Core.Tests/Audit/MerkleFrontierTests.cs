using System.Security.Cryptography;
using Habeas.Core.Audit;

namespace Habeas.Core.Tests.Audit;

public sealed class MerkleFrontierTests
{
    [Fact]
    public void TheRootAtEverySize_IsTheRootOfTheWholeTreeOfThatSize()
    {
        var leaves = new List<byte[]>();
        var frontier = new MerkleFrontier();
        Assert.Equal(MerkleTree.RootHash(leaves), frontier.Root());
        for (var i = 0; i < 70; i++)
        {
            var leaf = MerkleTree.LeafHash(BitConverter.GetBytes(i));
            leaves.Add(leaf);
            frontier.Append(leaf);
            Assert.Equal(leaves.Count, frontier.Size);
            Assert.Equal(MerkleTree.RootHash(leaves), frontier.Root());
        }
        var copy = frontier.Copy();
        copy.Append(SHA256.HashData([1]));
        Assert.Equal(70, frontier.Size);
        Assert.Equal(MerkleTree.RootHash(leaves), frontier.Root());
    }
}
