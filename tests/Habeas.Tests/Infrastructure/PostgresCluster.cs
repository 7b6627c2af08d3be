using System.Net;
using System.Net.Sockets;

namespace Habeas.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 server of a test's own (initdb in a temporary folder, run as the postgres user as
/// .ci/run does, on a free loopback port, fsync on), so the test may stop it at once (`pg_ctl stop -m immediate`,
/// a crash: no checkpoint, recovery from the WAL at the next start) and start it again. Without the PostgreSQL 15
/// programs the test is skipped with the reason; under CI=true it fails.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string Bin = "/usr/lib/postgresql/15/bin";

    private readonly string _folder;
    private readonly int _port;

    private PostgresCluster(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    /// <summary>A connection string for the server's postgres database, as HABEAS_TEST_POSTGRES would be.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=5";

    /// <summary>A new server whose files are in a new folder inside <paramref name="parent"/> (the temporary folder when null; a test's
    /// <see cref="SmallDisk"/>, say).</summary>
    public static async Task<PostgresCluster> StartNewAsync(string? parent = null)
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")) || !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            TestDatabase.Unavailable(
                $"{Bin}/initdb or runuser is missing (the postgresql-15 package; .ci/run installs it).",
                "A PostgreSQL server of the test's own"
            );
        }
        var folder = Path.Combine(parent ?? Path.GetTempPath(), "habeas-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        await Commands.CheckAsync("chown", "postgres:postgres", folder);
        await Commands.CheckAsync(
            "runuser",
            "-u",
            "postgres",
            "--",
            Path.Combine(Bin, "initdb"),
            "-D",
            folder,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync"
        );
        var cluster = new PostgresCluster(folder, FreePort());
        await cluster.StartAsync();
        return cluster;
    }

    /// <summary>Starts the server (again); returns when it accepts connections, after any crash recovery.</summary>
    public Task StartAsync() =>
        Commands.CheckAsync(
            "runuser",
            "-u",
            "postgres",
            "--",
            Path.Combine(Bin, "pg_ctl"),
            "-D",
            _folder,
            "-l",
            Path.Combine(_folder, "log"),
            "-w",
            "-t",
            "60",
            "-o",
            $"-c listen_addresses=127.0.0.1 -p {_port} -k {_folder} -c fsync=on -c synchronous_commit=on -c full_page_writes=on",
            "start"
        );

    /// <summary>Stops the server at once, as a crash would: every backend is killed, nothing is checkpointed.</summary>
    public Task StopImmediatelyAsync() =>
        Commands.CheckAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", _folder, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopImmediatelyAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
