using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Crash;

#pragma warning disable CA5394 // a seeded generator on purpose: the kill moments of a run can be run again from its seed

/// <summary>
/// The real server as a process takes many concurrent API writes, each with a key of the client's,
/// and is killed with kill -9 at a random moment; restarted, it still holds every write it acknowledged, exactly
/// once; the writes it never answered, sent again with their keys, are stored once; SQLite's integrity check is ok
/// and the audit log verifies. Several kill moments per run, from a seed printed in the output (set
/// HABEAS_CRASH_SEED to run one again). On PostgreSQL, also the database server itself stopped at once.
/// </summary>
[Trait(Infrastructure.TestKinds.Trait, Infrastructure.TestKinds.System)]
public sealed class CrashTests
{
    private const int Writers = 6;
    private const int PerWriter = 150;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The test's writers all come from one address; hundreds of writes, 503s and retries within a minute would meet
    /// the API's per-client rate limit (300 a minute), which is not what this test is about: it is raised.
    /// </summary>
    private static readonly Dictionary<string, string> Settings = new() { ["Habeas__RateLimit__PermitsPerMinute"] = "1000000" };

    private static int Seed()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("HABEAS_CRASH_SEED"), out var given) ? given : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"Crash test seed: {seed} (HABEAS_CRASH_SEED={seed} runs it again)");
        return seed;
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task KilledAtRandomMoments_KeepsEveryAcknowledgedWriteExactlyOnce(string provider)
    {
        var seed = Seed();
        var random = new Random(seed);
        await using var database = await TestDatabase.CreateAsync(provider);
        var writes = new CrashWrites(await CrashWrites.TokenAsync(database), seed);

        const int kills = 3;
        for (var round = 0; round <= kills; round++)
        {
            await using var server = ServerProcess.Start(database, Settings);
            var address = await server.AddressAsync(StartTimeout);
            if (round > 0)
            {
                // After the restart: what was acknowledged before the kill is there once; what was not, sent again, is stored once.
                await writes.CheckStoredAsync(database);
                await writes.RetryAsync(address, replaysOfAcknowledged: 10);
                await writes.CheckStoredAsync(database);
            }
            if (round == kills)
            {
                break;
            }
            var before = writes.Acknowledged.Count;
            var killAfter = TimeSpan.FromMilliseconds(random.Next(150, 2500));
            using var stop = new CancellationTokenSource();
            var sending = writes.RunAsync(address, $"r{round}", Writers, PerWriter, stop.Token);
            // The kill comes while writes are in flight: after the first of this round is acknowledged, a random time later.
            while (writes.Acknowledged.Count == before && !sending.IsCompleted)
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
            await Task.Delay(killAfter, TestContext.Current.CancellationToken);
            await server.KillAsync();
            await sending;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Round {round}: killed {killAfter.TotalMilliseconds} ms after the first answer; {writes.Acknowledged.Count - before} acknowledged, {writes.Unknown.Count} without an answer."
            );
            Assert.Empty(writes.Errors);
        }
        Assert.True(writes.Acknowledged.Count > 0);
    }

    [Fact]
    public async Task PostgresStoppedAtOnce_ThenTheServerKilled_KeepsEveryAcknowledgedWriteExactlyOnce()
    {
        var seed = Seed();
        var random = new Random(seed);
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var database = await TestDatabase.CreateOnPostgresAsync(cluster.AdminConnectionString);
        var writes = new CrashWrites(await CrashWrites.TokenAsync(database), seed);

        await using (var server = ServerProcess.Start(database, Settings))
        {
            var address = await server.AddressAsync(StartTimeout);
            using var stop = new CancellationTokenSource();
            // The writers go on through the database's absence: the server stays up and answers.
            var sending = writes.RunAsync(address, "pg", Writers, PerWriter, stop.Token, stopOnError: false);
            while (writes.Acknowledged.Count == 0 && !sending.IsCompleted)
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
            await Task.Delay(random.Next(150, 2000), TestContext.Current.CancellationToken);
            await cluster.StopImmediatelyAsync();
            var acknowledgedWhenStopped = writes.Acknowledged.Count;
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            await cluster.StartAsync();

            // Back without a restart of the server: new writes are acknowledged again.
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (writes.Acknowledged.Count <= acknowledgedWhenStopped + Writers * 3)
            {
                Assert.True(
                    DateTime.UtcNow < until && !sending.IsCompleted,
                    $"no writes acknowledged after the database came back; answers: {string.Join(", ", writes.Errors.Distinct())}\n{server.Output}"
                );
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            await Task.Delay(random.Next(100, 1000), TestContext.Current.CancellationToken);
            await server.KillAsync();
            stop.Cancel();
            await sending;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{writes.Acknowledged.Count} acknowledged, {writes.Unknown.Count} without an answer; error answers while the database was away: {string.Join(", ", writes.Errors.GroupBy(e => e).Select(g => $"{(int)g.Key}×{g.Count()}"))}"
            );
            // While the database was away the answer was 503 (Service Unavailable), never a 500.
            Assert.True(writes.Errors.All(status => status == System.Net.HttpStatusCode.ServiceUnavailable), server.Output);
        }

        // This test's own connections to the database server died with it.
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using (var server = ServerProcess.Start(database, Settings))
        {
            var address = await server.AddressAsync(StartTimeout);
            await writes.CheckStoredAsync(database);
            await writes.RetryAsync(address, replaysOfAcknowledged: 10);
            await writes.CheckStoredAsync(database);
        }
    }
}
