using System.Globalization;

namespace Habeas.Platform.Mail;

/// <summary>Habeas:Mail settings (docs/mail.md). The default sends nothing out: one .eml file per message in DATA/mail.</summary>
public sealed record MailOptions
{
    public const string Section = "Habeas:Mail";
    public const string Files = "files";
    public const string Smtp = "smtp";

    /// <summary>The right-hand side of every Message-ID this program makes.</summary>
    public const string MessageIdDomain = "outbox.habeas";

    public string Transport { get; init; } = Files;

    /// <summary>The drop folder of the files transport; default DATA/mail.</summary>
    public string? Folder { get; init; }
    public string? Host { get; init; }
    public int Port { get; init; } = 587;
    public bool StartTls { get; init; } = true;
    public string? User { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "habeas@localhost";

    /// <summary>The address links in emails start with ("https://habeas.example.org"); default http://127.0.0.1:5000.</summary>
    public string BaseUrl { get; init; } = "http://127.0.0.1:5000";
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(3);
    public int BatchSize { get; init; } = 20;

    /// <summary>How long a worker holds the messages it claimed; longer than <see cref="SendTimeout"/>, so a message is
    /// never taken over while it is being sent.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait after the first failure; it doubles with each further failure, up to six hours.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Off in tools that only queue (the worker runs in the server).</summary>
    public bool Worker { get; init; } = true;

    public static MailOptions FromConfiguration(IConfiguration configuration, Storage.StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        var s = configuration.GetSection(Section);
        var options = new MailOptions
        {
            Transport = (s["Transport"] ?? Files).Trim().ToLowerInvariant(),
            Folder = s["Folder"] ?? Path.Combine(storage.DataDirectory, "mail"),
            Host = s["Host"],
            Port = Int(s["Port"]) ?? 587,
            StartTls = !string.Equals(s["StartTls"], "false", StringComparison.OrdinalIgnoreCase),
            User = s["User"],
            Password = s["Password"],
            From = s["From"] ?? "habeas@localhost",
            BaseUrl = (s["BaseUrl"] ?? "http://127.0.0.1:5000").TrimEnd('/'),
            PollInterval = Seconds(s["PollSeconds"]) ?? TimeSpan.FromSeconds(3),
            BatchSize = Int(s["BatchSize"]) ?? 20,
            Lease = Seconds(s["LeaseSeconds"]) ?? TimeSpan.FromMinutes(5),
            SendTimeout = Seconds(s["TimeoutSeconds"]) ?? TimeSpan.FromSeconds(60),
            MaxAttempts = Int(s["MaxAttempts"]) ?? 8,
            RetryBase = Seconds(s["RetrySeconds"]) ?? TimeSpan.FromSeconds(30),
            Worker = !string.Equals(s["Worker"], "false", StringComparison.OrdinalIgnoreCase),
        };
        if (options.Transport is not (Files or Smtp))
        {
            throw new InvalidOperationException($"Habeas:Mail:Transport is '{options.Transport}'; use 'files' (the default) or 'smtp'.");
        }
        if (options.Transport == Smtp && string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidOperationException("Habeas:Mail:Transport is smtp but Habeas:Mail:Host is not set.");
        }
        if (options.Lease <= options.SendTimeout)
        {
            throw new InvalidOperationException(
                "Habeas:Mail:LeaseSeconds must be longer than Habeas:Mail:TimeoutSeconds, or a slow send could be taken over and sent twice."
            );
        }
        return options;
    }

    /// <summary>The wait before attempt number <paramref name="attempts"/> + 1.</summary>
    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(RetryBase.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20)), TimeSpan.FromHours(6).Ticks));

    private static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;
}
