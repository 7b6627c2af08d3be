using Microsoft.AspNetCore.Identity;

namespace Habeas.Platform.Accounts;

/// <summary>
/// docs/security.md 11 and NIST SP 800-63B: at least 15 characters, or 8 for an account with a second factor
/// (authenticator app or passkey); at most <see cref="Maximum"/>, which is far above the 64 asked for, only to
/// bound the work of hashing. Identity's own minimum is set to the lower figure (AccountsSetup).
/// </summary>
public sealed class PasswordLength(Storage.HabeasDb db) : IPasswordValidator<HabeasUser>
{
    public const int Minimum = 15;
    public const int MinimumWithSecondFactor = 8;
    public const int Maximum = 1024;

    public async Task<IdentityResult> ValidateAsync(UserManager<HabeasUser> manager, HabeasUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var length = password?.Length ?? 0;
        if (length > Maximum)
        {
            return IdentityResult.Failed(
                new IdentityError { Code = "PasswordTooLong", Description = $"A password may have at most {Maximum} characters." }
            );
        }
        if (length >= Minimum)
        {
            return IdentityResult.Success;
        }
        var secondFactor = user.TwoFactorEnabled || await Passkeys.AnyAsync(db, user.Id);
        return length >= MinimumWithSecondFactor && secondFactor
            ? IdentityResult.Success
            : IdentityResult.Failed(
                new IdentityError
                {
                    Code = "PasswordTooShort",
                    Description = secondFactor
                        ? $"A password must have at least {MinimumWithSecondFactor} characters."
                        : $"A password must have at least {Minimum} characters ({MinimumWithSecondFactor} once two-factor authentication is on).",
                }
            );
    }
}
