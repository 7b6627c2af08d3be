namespace Habeas.Campaigns.Supporters;

/// <summary>
/// Someone who takes part in actions, with as little personal data as the work needs (docs/supporters.md). Not a
/// versioned record on purpose: history and the audit log are append-only, and a supporter who leaves must leave no
/// name or address behind. Audit entries about supporters carry the id and the action only.
/// </summary>
public sealed class Supporter
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>Trimmed and lower-cased, so one address is one supporter.</summary>
    public required string Email { get; set; }

    /// <summary>ISO 3166 alpha-2 ("FI").</summary>
    public required string Country { get; set; }

    /// <summary>The local group they act with ("Amnesty Finland group 12"), when they say.</summary>
    public string? Group { get; set; }

    /// <summary>The language emails are written in ("en", "km", "th").</summary>
    public required string Language { get; set; }

    /// <summary>pending until the address is confirmed (double opt-in), then confirmed.</summary>
    public string Status { get; set; } = Pending;
    public DateTimeOffset ConsentedAt { get; set; }

    /// <summary>Which wording of the consent they agreed to (<see cref="SupporterRules.ConsentVersion"/>).</summary>
    public required string ConsentVersion { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>Concern tags (concern-tag vocabulary) they want new actions about, separated by spaces.</summary>
    public string Concerns { get; set; } = "";

    /// <summary>Countries (ISO 3166) whose cases they want new actions about, separated by spaces.</summary>
    public string Regions { get; set; } = "";

    /// <summary>At most this many new actions a month ("action issued" emails); null: no new actions.</summary>
    public int? MaxActionsPerMonth { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<SupporterAction> Follows { get; set; } = [];

    public IReadOnlyList<string> ConcernList => Split(Concerns);
    public IReadOnlyList<string> RegionList => Split(Regions);

    public static string Join(IEnumerable<string> codes) =>
        string.Join(' ', codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string[] Split(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>An action a supporter follows: they get its further-information updates.</summary>
public sealed class SupporterAction
{
    public Guid SupporterId { get; set; }
    public Guid ActionId { get; set; }
    public DateTimeOffset FollowedAt { get; set; }
}

/// <summary>
/// A secret link of a supporter: a random 256-bit token, of which only the SHA-256 is kept. "confirm" tokens
/// expire after <see cref="SupporterRules.ConfirmationLifetime"/>; "page" tokens open the supporter's own page.
/// Every email carries a page token of its own (the token itself cannot be read back from its hash).
/// </summary>
public sealed class SupporterToken
{
    public const string Confirm = "confirm";
    public const string Page = "page";

    /// <summary>Hex SHA-256 of the token.</summary>
    public required string Hash { get; set; }
    public Guid SupporterId { get; set; }
    public required string Purpose { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}
