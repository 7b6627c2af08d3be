using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Habeas.Tests.MultiServer;

/// <summary>
/// The real program as a separate process (`dotnet Habeas.dll serve`, or a published executable) on a free loopback
/// port, started and waited for until /health answers; disposing kills it. Its output is kept for failure messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts `serve` with these options and settings (as Habeas__Section__Key environment variables) and waits until it answers.</summary>
    public static async Task<ServerProcess> StartAsync(IEnumerable<string> options, IReadOnlyDictionary<string, string> settings, string? executable = null)
    {
        var port = FreePort();
        var start = executable is null
            ? new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Habeas.dll") } }
            : new ProcessStartInfo(executable);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        foreach (var argument in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(180));
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_process.HasExited, $"The server at {Address} stopped at start:\n{Output}");
            Assert.True(DateTime.UtcNow < until, $"The server at {Address} did not answer /health in {timeout.TotalSeconds} s:\n{Output}");
            try
            {
                if ((await client.GetAsync(new Uri(Address, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
