using System.Text;
using Habeas.Core.Audit;

namespace Habeas.Core.Tests.Audit;

public class AuditChainVerifierTests
{
    private static List<AuditChainEntry> Chain(int count) =>
        [
            .. Enumerable
                .Range(1, count)
                .Select(i =>
                {
                    var bytes = Encoding.UTF8.GetBytes($"{{\"seq\":{i},\"action\":\"case.update\"}}");
                    return new AuditChainEntry(i, bytes, MerkleTree.LeafHash(bytes));
                }),
        ];

    [Fact]
    public void AllGood_ReturnsNull()
    {
        Assert.Null(AuditChainVerifier.Verify(Chain(10)));
        Assert.Null(AuditChainVerifier.Verify([]));
    }

    [Fact]
    public void EditedEntry_NamesThatSequence()
    {
        var chain = Chain(10);
        var edited = chain[4].EntryBytes.ToArray();
        edited[^2] ^= 0x01;
        chain[4] = chain[4] with { EntryBytes = edited };

        Assert.Equal(new AuditChainFailure(5, AuditChainVerifier.LeafHashMismatch), AuditChainVerifier.Verify(chain));
    }

    [Fact]
    public void EditedStoredHash_NamesThatSequence()
    {
        var chain = Chain(10);
        chain[6] = chain[6] with { StoredLeafHash = MerkleTree.LeafHash("forged"u8) };

        Assert.Equal(new AuditChainFailure(7, AuditChainVerifier.LeafHashMismatch), AuditChainVerifier.Verify(chain));
    }

    [Fact]
    public void DeletedEntry_NamesTheNextSequence()
    {
        var chain = Chain(10);
        chain.RemoveAt(3);

        Assert.Equal(new AuditChainFailure(5, AuditChainVerifier.SequenceBroken), AuditChainVerifier.Verify(chain));
    }

    [Fact]
    public void DeletedFirstEntry_NamesTheNextSequence()
    {
        var chain = Chain(10);
        chain.RemoveAt(0);

        Assert.Equal(new AuditChainFailure(2, AuditChainVerifier.SequenceBroken), AuditChainVerifier.Verify(chain));
    }

    [Fact]
    public void SwappedEntries_NamesTheFirstOutOfPlace()
    {
        var chain = Chain(10);
        (chain[2], chain[7]) = (chain[7], chain[2]);

        Assert.Equal(new AuditChainFailure(8, AuditChainVerifier.SequenceBroken), AuditChainVerifier.Verify(chain));
    }

    [Fact]
    public void DuplicatedEntry_NamesTheRepeat()
    {
        var chain = Chain(5);
        chain.Insert(3, chain[2]);

        Assert.Equal(new AuditChainFailure(3, AuditChainVerifier.SequenceBroken), AuditChainVerifier.Verify(chain));
    }

    [Fact]
    public void FirstSequence_IsHonoured()
    {
        var chain = Chain(4);

        Assert.Null(AuditChainVerifier.Verify(chain, firstSequence: 1));
        Assert.Equal(new AuditChainFailure(1, AuditChainVerifier.SequenceBroken), AuditChainVerifier.Verify(chain, firstSequence: 0));
    }
}
