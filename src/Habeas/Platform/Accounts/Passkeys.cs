using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Accounts;

/// <summary>A passkey (WebAuthn credential) registered as a second factor. Only its public key is stored.</summary>
public sealed class Passkey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }

    /// <summary>The credential id the authenticator gave, base64url.</summary>
    public required string CredentialId { get; set; }
    public required byte[] PublicKey { get; set; }
    public long SignCount { get; set; }

    /// <summary>What the owner called it ("phone", "YubiKey").</summary>
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

public sealed class PasskeyConfiguration : EntityMapping<Passkey>
{
    public override Access.VisibilityRule Visibility => Access.VisibilityRule.AccountsAndSignIn;

    public override void Configure(EntityTypeBuilder<Passkey> builder)
    {
        builder.HasIndex(p => p.CredentialId).IsUnique();
        builder.HasIndex(p => p.UserId);
        builder.Property(p => p.CredentialId).HasMaxLength(1400);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasOne<HabeasUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// WebAuthn ceremonies with the Fido2 library. The options go to the page (for wwwroot/js/passkeys.js), and come
/// back with the authenticator's answer inside a state field protected by Data Protection, bound to the account
/// and valid five minutes; so nothing is kept on the server between the two requests and any server may finish.
/// The relying party is the host the browser is on (the browser itself refuses another origin's passkeys).
/// </summary>
public sealed class Passkeys(IDataProtectionProvider protection, TimeProvider time)
{
    public const string RegisteredAction = "passkey-registered";
    public const string RemovedAction = "passkey-removed";
    public static readonly TimeSpan CeremonyLifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _state = protection.CreateProtector("Habeas.Passkeys.Ceremony").ToTimeLimitedDataProtector();

    public static Task<bool> AnyAsync(HabeasDb db, string userId) => db.Passkeys.AnyAsync(p => p.UserId == userId);

    /// <summary>Options for navigator.credentials.create, and the protected state to send back with the answer.</summary>
    public async Task<(string OptionsJson, string State)> BeginRegistrationAsync(HabeasDb db, HttpRequest request, HabeasUser user)
    {
        var existing = await db.Passkeys.Where(p => p.UserId == user.Id).Select(p => p.CredentialId).ToListAsync();
        var options = Fido(request)
            .RequestNewCredential(
                new RequestNewCredentialParams
                {
                    User = new Fido2User
                    {
                        Id = Encoding.UTF8.GetBytes(user.Id),
                        Name = user.Email ?? user.UserName ?? user.Id,
                        DisplayName = user.DisplayName ?? user.Email ?? user.Id,
                    },
                    ExcludeCredentials = existing.Select(id => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(id))).ToList(),
                    AuthenticatorSelection = new AuthenticatorSelection
                    {
                        ResidentKey = ResidentKeyRequirement.Preferred,
                        UserVerification = UserVerificationRequirement.Preferred,
                    },
                    AttestationPreference = AttestationConveyancePreference.None,
                }
            );
        var json = options.ToJson();
        return (json, Protect("register", user.Id, json));
    }

    /// <summary>Checks the authenticator's answer and stores the passkey with its audit entry (the caller saves); null when
    /// refused.</summary>
    public async Task<Passkey?> CompleteRegistrationAsync(
        HabeasDb db,
        HttpRequest request,
        HabeasUser user,
        string? state,
        string? response,
        string? name,
        CancellationToken cancellationToken
    )
    {
        if (Unprotect("register", user.Id, state) is not { } json || Parse<AuthenticatorAttestationRawResponse>(response) is not { } answer)
        {
            return null;
        }
        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await Fido(request)
                .MakeNewCredentialAsync(
                    new MakeNewCredentialParams
                    {
                        AttestationResponse = answer,
                        OriginalOptions = CredentialCreateOptions.FromJson(json),
                        IsCredentialIdUniqueToUserCallback = async (args, token) =>
                        {
                            var id = Base64Url.EncodeToString(args.CredentialId);
                            return !await db.Passkeys.AnyAsync(p => p.CredentialId == id, token);
                        },
                    },
                    cancellationToken
                );
        }
        catch (Fido2VerificationException)
        {
            return null;
        }
        var passkey = new Passkey
        {
            UserId = user.Id,
            CredentialId = Base64Url.EncodeToString(credential.Id),
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            Name = string.IsNullOrWhiteSpace(name) ? "passkey" : new string(name.Trim().Where(c => !char.IsControl(c)).Take(100).ToArray()),
            CreatedAt = time.GetUtcNow(),
        };
        db.Passkeys.Add(passkey);
        db.LogAction(
            RegisteredAction,
            SignInAudit.RecordType,
            Guid.Parse(user.Id),
            null,
            new Dictionary<string, string?> { ["passkey"] = passkey.Name }
        );
        return passkey;
    }

    /// <summary>Options for navigator.credentials.get with the account's passkeys, and the protected state; null when it has
    /// none.</summary>
    public async Task<(string OptionsJson, string State)?> BeginAssertionAsync(HabeasDb db, HttpRequest request, HabeasUser user)
    {
        var existing = await db.Passkeys.Where(p => p.UserId == user.Id).Select(p => p.CredentialId).ToListAsync();
        if (existing.Count == 0)
        {
            return null;
        }
        var options = Fido(request)
            .GetAssertionOptions(
                new GetAssertionOptionsParams
                {
                    AllowedCredentials = existing.Select(id => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(id))).ToList(),
                    UserVerification = UserVerificationRequirement.Preferred,
                }
            );
        var json = options.ToJson();
        return (json, Protect("assert", user.Id, json));
    }

    /// <summary>True when the answer is a valid signature by one of the account's passkeys over this ceremony's challenge; updates its
    /// counter (the caller saves).</summary>
    public async Task<bool> CompleteAssertionAsync(
        HabeasDb db,
        HttpRequest request,
        HabeasUser user,
        string? state,
        string? response,
        CancellationToken cancellationToken
    )
    {
        if (Unprotect("assert", user.Id, state) is not { } json || Parse<AuthenticatorAssertionRawResponse>(response) is not { } answer)
        {
            return false;
        }
        var passkey = await db.Passkeys.FirstOrDefaultAsync(p => p.UserId == user.Id && p.CredentialId == answer.Id, cancellationToken);
        if (passkey is null)
        {
            return false;
        }
        try
        {
            var result = await Fido(request)
                .MakeAssertionAsync(
                    new MakeAssertionParams
                    {
                        AssertionResponse = answer,
                        OriginalOptions = AssertionOptions.FromJson(json),
                        StoredPublicKey = passkey.PublicKey,
                        StoredSignatureCounter = (uint)passkey.SignCount,
                        IsUserHandleOwnerOfCredentialIdCallback = (args, _) =>
                            Task.FromResult(Encoding.UTF8.GetString(args.UserHandle) == user.Id),
                    },
                    cancellationToken
                );
            passkey.SignCount = result.SignCount;
            passkey.LastUsedAt = time.GetUtcNow();
            return true;
        }
        catch (Fido2VerificationException)
        {
            return false;
        }
    }

    private static Fido2 Fido(HttpRequest request) =>
        new(
            new Fido2Configuration
            {
                RPID = request.Host.Host,
                RPName = "Habeas",
                Origins = new HashSet<string>(StringComparer.Ordinal) { $"{request.Scheme}://{request.Host}" },
            }
        );

    private string Protect(string purpose, string userId, string json) =>
        _state.Protect($"{purpose}\n{userId}\n{json}", time.GetUtcNow() + CeremonyLifetime);

    private string? Unprotect(string purpose, string userId, string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }
        try
        {
            var parts = _state.Unprotect(state, out var expiration).Split('\n', 3);
            return parts.Length == 3 && parts[0] == purpose && parts[1] == userId && expiration > time.GetUtcNow() ? parts[2] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static T? Parse<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json) || json.Length > 64 * 1024)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
