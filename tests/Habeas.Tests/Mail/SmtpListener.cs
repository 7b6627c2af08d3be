using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Habeas.Tests.Mail;

/// <summary>
/// A real SMTP server on loopback for tests: EHLO/HELO, MAIL FROM, RCPT TO, DATA (with dot-unstuffing), RSET, NOOP,
/// QUIT. It can answer 4xx to the first N messages, and hold its answer to the Nth message until released. It
/// records each message it accepted (answered 250 to) with its Message-ID.
/// </summary>
public sealed partial class SmtpListener : IAsyncDisposable
{
    public sealed record Received(string MessageId, string From, IReadOnlyList<string> To, string Data);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Received> _accepted = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _failRemaining;
    private int _failCode = 451;
    private int _dataCount;
    private int _holdAt;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SmtpListener()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every message accepted, in order.</summary>
    public IReadOnlyList<Received> Accepted => [.. _accepted];

    /// <summary>How many messages reached the end of DATA (accepted, refused or held).</summary>
    public int DataCount => Volatile.Read(ref _dataCount);

    /// <summary>Answers <paramref name="code"/> (4xx or 5xx) instead of 250 to the next <paramref name="count"/> messages.</summary>
    public void FailNext(int count, int code = 451)
    {
        _failCode = code;
        Volatile.Write(ref _failRemaining, count);
    }

    /// <summary>Holds the answer to the <paramref name="n"/>th message (1-based) until <see cref="Release"/>.</summary>
    public void HoldMessage(int n) => _holdAt = n;

    /// <summary>Completes when the held message has arrived and waits for its answer.</summary>
    public Task Held => _held.Task;

    /// <summary>Answers the held message: 250 (accepted and recorded), or nothing (the connection is closed, nothing recorded).</summary>
    public void Release(bool accept) => _release.TrySetResult(accept);

    /// <summary>Waits until at least <paramref name="count"/> messages were accepted.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_accepted.Count < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException(
                    $"{_accepted.Count} of {count} messages arrived in {timeout.TotalSeconds} s ({DataCount} reached DATA)."
                );
            }
            await Task.Delay(50);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 8192, leaveOpen: true);
            var writer = new StreamWriter(stream, new UTF8Encoding(false), 8192, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP ready");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        if (from is null)
                        {
                            await writer.WriteLineAsync("503 5.5.1 MAIL first");
                            break;
                        }
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 2.1.5 OK");
                        break;
                    case "DATA":
                        if (from is null || to.Count == 0)
                        {
                            await writer.WriteLineAsync("503 5.5.1 RCPT first");
                            break;
                        }
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        }
                        var number = Interlocked.Increment(ref _dataCount);
                        if (Interlocked.Decrement(ref _failRemaining) >= 0)
                        {
                            await writer.WriteLineAsync($"{_failCode} 4.3.0 Try again later");
                        }
                        else if (number == _holdAt)
                        {
                            _held.TrySetResult();
                            if (!await _release.Task)
                            {
                                return; // the connection closes unanswered
                            }
                            Accept(from, to, data.ToString());
                            await writer.WriteLineAsync("250 2.0.0 OK queued");
                        }
                        else
                        {
                            Accept(from, to, data.ToString());
                            await writer.WriteLineAsync("250 2.0.0 OK queued");
                        }
                        from = null;
                        to.Clear();
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("500 5.5.2 Unknown command");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (or was killed).
        }
    }

    private void Accept(string from, List<string> to, string data)
    {
        var id = MessageIdHeader().Match(data);
        _accepted.Enqueue(new Received(id.Success ? id.Groups[1].Value.Trim() : "", from, [.. to], data));
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line;
    }

    [GeneratedRegex(@"^Message-ID:\s*(\S+)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult(false);
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }
        await Task.WhenAll(connections.Append(_acceptLoop))
            .WaitAsync(TimeSpan.FromSeconds(5))
            .ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
