using Microsoft.AspNetCore.Identity;

namespace Habeas.Platform.Accounts;

/// <summary>A person who signs in to Habeas. Disabling an account locks it out for good and ends its sessions.</summary>
public sealed class HabeasUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The name shown beside the email, as the administrator typed it in the invitation.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Set when someone other than the account's owner chose its password (the CLI's --password-stdin): the next sign-in must
    /// change it first.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The interface language of the account (en, km, th …): its pages after sign-in, its emails and digests.
    /// Null until chosen: then the browser's language.</summary>
    public string? Language { get; set; }

    /// <summary>How the account reads numbers and years (<see cref="Localization.ReaderFormat"/>: "digits=native;era=buddhist").</summary>
    public string? ReaderFormat { get; set; }
}

/// <summary>A token for scripts and integrations, sent as "Authorization: Bearer …". Only its SHA-256 is stored.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
