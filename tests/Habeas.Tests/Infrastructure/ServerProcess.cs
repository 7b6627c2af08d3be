using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Habeas.Tests.Infrastructure;

/// <summary>
/// The real program as a separate process: `dotnet Habeas.dll serve` on a test's database, on a free loopback port,
/// in Production mode. <see cref="KillAsync"/> is kill -9 of its process tree (no shutdown code runs), as a power
/// cut or the kernel's out-of-memory killer would stop it.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the server printed so far (standard output and error), for a failing test's message.</summary>
    public string Output => string.Join('\n', _output.TakeLast(60));

    /// <summary>
    /// Starts the server; <paramref name="environment"/> adds settings (Habeas__Section__Key=value);
    /// <paramref name="dataDirectory"/> gives it a data folder of its own instead of the database's (several servers on
    /// one PostgreSQL database, each with its own folder).
    /// </summary>
    public static ServerProcess Start(
        TestDatabase database,
        IReadOnlyDictionary<string, string>? environment = null,
        string? dataDirectory = null,
        string? umask = null
    )
    {
        var data = dataDirectory ?? database.DataDirectory;
        // With a umask, through a shell that sets it first (the test process's own may be narrower).
        var start = new ProcessStartInfo(umask is null ? "dotnet" : "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        string[] options = database.ConnectionString is null ? ["--data", data] : ["--data", data, "--database", database.ConnectionString];
        if (umask is not null)
        {
            foreach (var argument in new[] { "-c", $"umask {umask}; exec dotnet \"$@\"", "sh" })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (
            var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Habeas.dll"), "serve", "--urls", "http://127.0.0.1:0" }.Concat(
                options
            )
        )
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var server = new ServerProcess(Process.Start(start)!);
        server._process.OutputDataReceived += (_, e) => server.Read(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Read(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            _address.TrySetException(new InvalidOperationException("The server stopped before it listened:\n" + Output));
            return;
        }
        _output.Enqueue(line);
        if (Address().Match(line) is { Success: true } match)
        {
            _address.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    /// <summary>The address the server listens on, once it has started (it prints it).</summary>
    public async Task<Uri> AddressAsync(TimeSpan timeout) => await _address.Task.WaitAsync(timeout);

    /// <summary>The address once the server listens and its /health answers 200 (what a load balancer waits for).</summary>
    public async Task<Uri> HealthyAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var address = await AddressAsync(timeout);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            Assert.False(_process.HasExited, $"The server at {address} stopped at start:\n{Output}");
            Assert.True(DateTime.UtcNow < until, $"The server at {address} did not answer /health in {timeout.TotalSeconds} s:\n{Output}");
            try
            {
                if ((await client.GetAsync(new Uri(address, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return address;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not answering yet.
            }
            await Task.Delay(250);
        }
    }

    /// <summary>kill -9 of the server and anything it started; returns when it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Habeas is running at (http://[^,\s]+)")]
    private static partial Regex Address();
}
