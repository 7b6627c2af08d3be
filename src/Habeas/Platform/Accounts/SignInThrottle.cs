using System.Collections.Concurrent;

namespace Habeas.Platform.Accounts;

/// <summary>
/// Failed sign-ins counted in memory per client address and per account name as typed (known or not): at
/// <see cref="DefaultFailures"/> failures within <see cref="Window"/> for either, sign-in attempts are refused with
/// 429 and Retry-After until the oldest failure leaves the window. Identity's lockout (5 failures, 15 minutes)
/// works beside it for known accounts. The limit is read from configuration (<see cref="FailuresKey"/>).
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IConfiguration configuration)
{
    public const string FailuresKey = "Habeas:SignIn:FailuresPerWindow";
    public const int DefaultFailures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int MaxKeys = 100_000;
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly int _limit = Math.Max(1, configuration.GetValue(FailuresKey, DefaultFailures));

    /// <summary>Forgets every failure, as at start (the tests reuse one host).</summary>
    internal void Forget() => _failures.Clear();

    /// <summary>How long until another attempt is allowed, or null when it is allowed now.</summary>
    public TimeSpan? RetryAfter(System.Net.IPAddress? client, string? account)
    {
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var key in Keys(client, account))
        {
            if (!_failures.TryGetValue(key, out var times))
            {
                continue;
            }
            lock (times)
            {
                times.RemoveAll(t => t <= now - Window);
                if (times.Count >= _limit)
                {
                    var until = times[times.Count - _limit] + Window - now;
                    wait = wait is null || until > wait ? until : wait;
                }
            }
        }
        return wait;
    }

    public void Failed(System.Net.IPAddress? client, string? account)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > MaxKeys)
        {
            Prune(now);
        }
        foreach (var key in Keys(client, account))
        {
            var times = _failures.GetOrAdd(key, _ => []);
            lock (times)
            {
                times.Add(now);
            }
        }
    }

    /// <summary>A complete sign-in clears the account's count (not the address's).</summary>
    public void Succeeded(string? account)
    {
        if (!string.IsNullOrWhiteSpace(account))
        {
            _failures.TryRemove(AccountKey(account), out _);
        }
    }

    private static IEnumerable<string> Keys(System.Net.IPAddress? client, string? account)
    {
        yield return "ip:" + Security.ClientKeys.Of(client);
        if (!string.IsNullOrWhiteSpace(account))
        {
            yield return AccountKey(account);
        }
    }

    private static string AccountKey(string account)
    {
        var name = account.Trim().ToUpperInvariant();
        return "account:" + (name.Length > 256 ? name[..256] : name);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, times) in _failures)
        {
            lock (times)
            {
                if (times.TrueForAll(t => t <= now - Window))
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }
}
