using Habeas.Core.Audit;
using Habeas.Platform.Api;
using Habeas.Platform.Audit;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Admin;

/// <summary>
/// /api/v1/audit (administrators): the entries, a signed tree head of the whole log (the JSON `habeas audit head`
/// prints), and RFC 9162 inclusion and consistency proofs, hashes in lower-case hex, for checking the log from outside.
/// </summary>
public static class AuditApi
{
    public sealed record InclusionProof(
        long Sequence,
        long TreeSize,
        long LeafIndex,
        string LeafHash,
        string RootHash,
        IReadOnlyList<string> Proof
    );

    public sealed record ConsistencyProof(long From, long To, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);

    public static void Map(RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Accounts.Policies.Administer);
        audit
            .MapGet("/entries", EntriesAsync)
            .WithSummary("Audit entries, newest first, filtered by actor, record type and id, action and UTC dates (both included).");
        audit.MapGet("/head", HeadAsync).WithSummary("A signed tree head of the whole audit log, as 'habeas audit head' prints it.");
        audit
            .MapGet("/proof/inclusion", InclusionAsync)
            .WithSummary("The audit path showing entry 'sequence' is in the tree of the first 'treeSize' entries.");
        audit
            .MapGet("/proof/consistency", ConsistencyAsync)
            .WithSummary("The proof that the tree of the first 'from' entries is a prefix of the tree of the first 'to'.");
    }

    private static async Task<IResult> EntriesAsync(
        HabeasDb db,
        string? actor,
        string? recordType,
        Guid? recordId,
        string? action,
        DateOnly? from,
        DateOnly? to,
        int? limit,
        int? offset,
        CancellationToken cancellationToken
    )
    {
        if (Paging.Check(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        var (items, total) = await AuditQueries.PageAsync(
            db,
            new AuditQueries.Filter(actor, recordType, recordId, action, from, to),
            limit ?? Paging.DefaultLimit,
            offset ?? 0,
            cancellationToken
        );
        return Results.Ok(new { items, total });
    }

    private static async Task<IResult> HeadAsync(
        HabeasDb db,
        StorageOptions storage,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var leaves = await AuditLog.LeafHashesAsync(db, cancellationToken);
        using var key = AuditKey.LoadOrCreate(storage);
        var signed = new TreeHeadSigner(key).Sign(new TreeHead(leaves.Count, MerkleTree.RootHash(leaves), time.GetUtcNow()));
        return Results.Text(signed.ToJson(), "application/json");
    }

    private static async Task<IResult> InclusionAsync(HabeasDb db, long? sequence, long? treeSize, CancellationToken cancellationToken)
    {
        var leaves = await AuditLog.LeafHashesAsync(db, cancellationToken);
        var validation = new Validation();
        CheckSize(validation, "treeSize", treeSize, leaves.Count);
        if (sequence is not { } s || s < 1 || (treeSize is { } t && s > t))
        {
            validation.Add("sequence", "audit.error.sequence");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var size = (int)treeSize!.Value;
        var index = (int)sequence!.Value - 1;
        var tree = leaves.Take(size).ToList();
        return Results.Ok(
            new InclusionProof(
                sequence.Value,
                size,
                index,
                Hex(tree[index]),
                Hex(MerkleTree.RootHash(tree)),
                MerkleTree.InclusionProof(tree, index).Select(Hex).ToList()
            )
        );
    }

    private static async Task<IResult> ConsistencyAsync(HabeasDb db, long? from, long? to, CancellationToken cancellationToken)
    {
        var leaves = await AuditLog.LeafHashesAsync(db, cancellationToken);
        var validation = new Validation();
        CheckSize(validation, "to", to, leaves.Count);
        if (from is not { } f || f < 1 || (to is { } t && f > t))
        {
            validation.Add("from", "audit.error.from");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var newTree = leaves.Take((int)to!.Value).ToList();
        var oldTree = leaves.Take((int)from!.Value).ToList();
        return Results.Ok(
            new ConsistencyProof(
                from.Value,
                to.Value,
                Hex(MerkleTree.RootHash(oldTree)),
                Hex(MerkleTree.RootHash(newTree)),
                MerkleTree.ConsistencyProof(newTree, oldTree.Count).Select(Hex).ToList()
            )
        );
    }

    private static void CheckSize(Validation validation, string field, long? size, int logSize)
    {
        if (size is not { } n || n < 1 || n > logSize)
        {
            validation.Add(field, "audit.error.treeSize", field, logSize);
        }
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
