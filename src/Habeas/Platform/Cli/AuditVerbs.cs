using System.CommandLine;
using Habeas.Core.Audit;
using Habeas.Platform.Audit;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Cli;

/// <summary>
/// audit verify [--head FILE] [--skip-records], audit head [--store]: check the audit log (its entries, their chain, the
/// signed heads stored as it grew, and the live records against their saved versions), and sign its present state.
/// </summary>
public static class AuditVerbs
{
    public delegate HabeasDb Opener(ParseResult result, out StorageOptions storage);

    /// <summary>How many drifted records verify lists before it stops looking.</summary>
    public const int MaxDriftsReported = 20;

    public static Command Command(Option<string?> data, Option<string?> database, Opener open)
    {
        var headFile = new Option<FileInfo?>("--head")
        {
            Description =
                "A signed tree head kept outside (printed by 'audit head', or the head file, whose last line is used): also check that today's log still holds it.",
        };
        var skipRecords = new Option<bool>("--skip-records")
        {
            Description = "Do not compare every live record with its latest saved version.",
        };
        var verify = new Command(
            "verify",
            "Check every audit entry, the chain of entries, the stored signed heads and the live records; exit 0 when all verify, 1 naming the first bad entry."
        )
        {
            data,
            database,
            headFile,
            skipRecords,
        };
        verify.SetAction(
            async (result, cancellationToken) =>
            {
                await using var db = open(result, out var storage);
                await Migrator.MigrateAsync(db, cancellationToken);
                using var key = AuditKey.LoadExisting(storage);
                var signer = key is null ? null : new TreeHeadSigner(key);
                var check = await AuditLog.CheckAsync(db, signer, cancellationToken);
                if (check.Failure is { } failure)
                {
                    await Console.Error.WriteLineAsync($"The audit log does not verify: entry {failure.Sequence}: {failure.Reason}.");
                    return 1;
                }
                if (signer is null && check.HeadsChecked > 0)
                {
                    await Console.Error.WriteLineAsync(
                        $"No audit key in {Path.GetDirectoryName(AuditKey.PathIn(storage))}: the signatures of the {check.HeadsChecked} stored heads were not checked."
                    );
                }
                if (result.GetValue(headFile) is { } file)
                {
                    var problem = CheckHead(file, await AuditLog.LeafHashesAsync(db, cancellationToken), storage);
                    if (problem is not null)
                    {
                        await Console.Error.WriteLineAsync(problem);
                        return 1;
                    }
                }
                var exit = 0;
                if (!result.GetValue(skipRecords))
                {
                    var (drifts, compared) = await RecordDrift.FindAsync(db, MaxDriftsReported, cancellationToken);
                    foreach (var drift in drifts)
                    {
                        await Console.Error.WriteLineAsync(
                            $"Record {drift.RecordType} {drift.RecordId} was changed outside the application: {drift.Reason}."
                        );
                    }
                    if (drifts.Count > 0)
                    {
                        await Console.Error.WriteLineAsync(
                            $"{(drifts.Count >= MaxDriftsReported ? "At least " : "")}{drifts.Count} records differ from their saved history."
                        );
                        exit = 1;
                    }
                    else
                    {
                        Console.WriteLine($"{compared} records match their latest saved versions.");
                    }
                }
                var chain = check.ChainStart is { } start ? $"chained from entry {start}" : "no chained entries yet";
                Console.WriteLine(
                    $"The audit log verifies: {check.Size} entries ({chain}), {check.HeadsChecked} stored signed heads, root {Convert.ToHexStringLower(check.Root)}."
                );
                return exit;
            }
        );

        var store = new Option<bool>("--store")
        {
            Description =
                "Also store the head in the database and send it where Habeas:Audit says (head file, syslog, witness email), as the scheduled job does.",
        };
        var head = new Command("head", "Print a signed tree head of the audit log (JSON) to keep outside this server.")
        {
            data,
            database,
            store,
        };
        head.SetAction(
            async (result, cancellationToken) =>
            {
                await using var db = open(result, out var storage);
                await Migrator.MigrateAsync(db, cancellationToken);
                if (result.GetValue(store))
                {
                    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
                    var stored = await AuditHeads.StoreAndSendAsync(
                        db,
                        storage,
                        AuditHeadOptions.FromConfiguration(configuration),
                        db.Time.GetUtcNow(),
                        Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
                        cancellationToken
                    );
                    Console.WriteLine(stored.ToJson());
                    return 0;
                }
                var leaves = await AuditLog.LeafHashesAsync(db, cancellationToken);
                using var key = AuditKey.LoadOrCreate(storage);
                var signed = new TreeHeadSigner(key).Sign(new TreeHead(leaves.Count, MerkleTree.RootHash(leaves), db.Time.GetUtcNow()));
                Console.WriteLine(signed.ToJson());
                return 0;
            }
        );

        return new Command("audit", "The tamper-evident audit log.") { verify, head };
    }

    /// <summary>
    /// Null when the log still holds, unchanged, every entry the head was signed over; otherwise what is wrong. The file
    /// holds one head, or one per line (the head file): the last line is checked.
    /// </summary>
    public static string? CheckHead(FileInfo file, IReadOnlyList<byte[]> leaves, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(leaves);
        SignedTreeHead signed;
        try
        {
            var lines = File.ReadAllLines(file.FullName).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            signed = SignedTreeHead.FromJson(lines.Count == 0 ? "" : lines[^1]);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return $"{file.Name} is not a signed tree head: {e.Message}";
        }
        using var key = AuditKey.LoadExisting(storage);
        if (key is null)
        {
            return $"No audit key in {Path.GetDirectoryName(AuditKey.PathIn(storage))}: the head in {file.Name} cannot be checked.";
        }
        if (!new TreeHeadSigner(key).Verify(signed))
        {
            return $"{file.Name}: the signature does not verify with this installation's audit key.";
        }
        if (signed.Head.TreeSize > leaves.Count)
        {
            return $"The log was truncated: it holds {leaves.Count} entries but the head kept outside, signed on {signed.Head.Timestamp:u}, covers {signed.Head.TreeSize}: entries {leaves.Count + 1} to {signed.Head.TreeSize} were removed.";
        }
        var earlier = leaves.Take((int)signed.Head.TreeSize).ToList();
        if (!MerkleTree.RootHash(earlier).AsSpan().SequenceEqual(signed.Head.RootHash))
        {
            return $"The first {signed.Head.TreeSize} entries no longer match the head signed on {signed.Head.Timestamp:u}: the log was rewritten.";
        }
        return null;
    }
}
