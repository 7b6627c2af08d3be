using System.CommandLine;
using Habeas.Audit;
using Habeas.Core.Audit;
using Habeas.Storage;

namespace Habeas.Cli;

/// <summary>audit verify [--head FILE], audit head: check the audit log, and sign its present state to keep elsewhere.</summary>
public static class AuditVerbs
{
    public delegate HabeasDb Opener(ParseResult result, out StorageOptions storage);

    public static Command Command(Option<string?> data, Option<string?> database, Opener open)
    {
        var headFile = new Option<FileInfo?>("--head") { Description = "A signed tree head printed earlier by 'audit head': also check that today's log extends it." };
        var verify = new Command("verify", "Check every audit entry against its hash and position; exit 0 when the whole log verifies, 1 naming the first bad entry.") { data, database, headFile };
        verify.SetAction(async (result, cancellationToken) =>
        {
            await using var db = open(result, out var storage);
            await Migrator.MigrateAsync(db, cancellationToken);
            var failure = await AuditLog.VerifyAsync(db, cancellationToken);
            if (failure is not null)
            {
                await Console.Error.WriteLineAsync($"The audit log does not verify: entry {failure.Sequence}: {failure.Reason}.");
                return 1;
            }
            var leaves = await AuditLog.LeafHashesAsync(db, cancellationToken);
            if (result.GetValue(headFile) is { } file)
            {
                var problem = CheckHead(file, leaves, storage);
                if (problem is not null)
                {
                    await Console.Error.WriteLineAsync(problem);
                    return 1;
                }
            }
            Console.WriteLine($"The audit log verifies: {leaves.Count} entries, root {Convert.ToHexStringLower(MerkleTree.RootHash(leaves))}.");
            return 0;
        });

        var head = new Command("head", "Print a signed tree head of the audit log (JSON) to keep outside this server.") { data, database };
        head.SetAction(async (result, cancellationToken) =>
        {
            await using var db = open(result, out var storage);
            await Migrator.MigrateAsync(db, cancellationToken);
            var leaves = await AuditLog.LeafHashesAsync(db, cancellationToken);
            using var key = AuditKey.LoadOrCreate(storage);
            var signed = new TreeHeadSigner(key).Sign(new TreeHead(leaves.Count, MerkleTree.RootHash(leaves), DateTimeOffset.UtcNow));
            Console.WriteLine(signed.ToJson());
            return 0;
        });

        return new Command("audit", "The tamper-evident audit log.") { verify, head };
    }

    /// <summary>Null when the log still holds, unchanged, every entry the head was signed over; otherwise what is wrong.</summary>
    public static string? CheckHead(FileInfo file, IReadOnlyList<byte[]> leaves, StorageOptions storage)
    {
        SignedTreeHead signed;
        try
        {
            signed = SignedTreeHead.FromJson(File.ReadAllText(file.FullName));
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return $"{file.Name} is not a signed tree head: {e.Message}";
        }
        using var key = AuditKey.LoadOrCreate(storage);
        if (!new TreeHeadSigner(key).Verify(signed))
        {
            return $"{file.Name}: the signature does not verify with this installation's audit key.";
        }
        if (signed.Head.TreeSize > leaves.Count)
        {
            return $"The log holds {leaves.Count} entries but the head was signed over {signed.Head.TreeSize}: entries were removed.";
        }
        var earlier = leaves.Take((int)signed.Head.TreeSize).ToList();
        if (!MerkleTree.RootHash(earlier).AsSpan().SequenceEqual(signed.Head.RootHash))
        {
            return $"The first {signed.Head.TreeSize} entries no longer match the head signed on {signed.Head.Timestamp:u}: the log was rewritten.";
        }
        return null;
    }
}
