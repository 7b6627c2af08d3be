using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Habeas.Tests.Browser;

/// <summary>
/// The Nu HTML checker (vnu-jar) as one web service for the whole run, on a loopback port: a Java virtual machine
/// that reads the HTML schemas costs seconds of CPU to start, and each page once started one. Its answer is the same
/// JSON report (messages with type, lastLine, message, extract) as the command line's. Stopped when the run ends.
/// </summary>
public static class NuChecker
{
    private static readonly HttpClient Client = NewClient();
    private static readonly Lazy<Task<Uri>> Service = new(StartAsync);
    private static Process? _process;

    /// <summary>The service answers 400 to a request without a User-Agent header (vnu-jar 26).</summary>
    private static HttpClient NewClient()
    {
        var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Habeas.Tests");
        return client;
    }

    /// <summary>The checker's JSON report on this HTML.</summary>
    public static async Task<string> CheckAsync(string html)
    {
        var service = await Service.Value;
        using var content = new StringContent(html, Encoding.UTF8, "text/html");
        using var response = await Client.PostAsync(new Uri(service, "?out=json"), content);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<Uri> StartAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("java")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (
            var argument in new[]
            {
                "-cp",
                PageChecks.VnuPath,
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "nu.validator.servlet.Main",
                port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        )
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        // Its log is not read, but must be drained or the service blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        var address = new Uri($"http://127.0.0.1:{port}/");
        // It reads its schemas before it listens: on two busy cores, well over a minute.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The Nu HTML checker stopped at start (exit code {process.ExitCode}).");
            }
            try
            {
                using var answer = await Client.GetAsync(address);
                if (answer.IsSuccessStatusCode)
                {
                    return address;
                }
                last = $"{(int)answer.StatusCode} {answer.ReasonPhrase}";
            }
            catch (HttpRequestException e)
            {
                // Not listening yet.
                last = e.Message;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The Nu HTML checker did not answer within five minutes of its start (last: {last}).");
    }

    private static void Stop()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
