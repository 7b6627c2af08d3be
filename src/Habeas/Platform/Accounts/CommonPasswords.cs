using Microsoft.AspNetCore.Identity;

namespace Habeas.Platform.Accounts;

/// <summary>
/// NIST SP 800-63B: no composition rules, but refuse passwords that are known to be common or that are
/// one character repeated, and passwords that contain the account's email name.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<HabeasUser>
{
    private static readonly string[] Common =
    [
        "password",
        "123456",
        "12345678",
        "qwerty",
        "abc123",
        "111111",
        "iloveyou",
        "letmein",
        "welcome",
        "admin",
        "monkey",
        "dragon",
        "football",
        "baseball",
        "sunshine",
        "princess",
        "passw0rd",
        "trustno1",
        "qwertyuiop",
        "1q2w3e4r",
        "zaq12wsx",
        "asdfghjkl",
        "habeas",
        "cambodia",
        "phnompenh",
        "amnesty",
        "humanrights",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<HabeasUser> manager, HabeasUser user, string? password)
    {
        var folded = (password ?? "").ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        var local = user.Email?.Split('@')[0].ToLowerInvariant();
        // What is left once every common word is taken out must still be a password of its own.
        var rest = Common.Aggregate(folded, (text, common) => text.Replace(common, "", StringComparison.Ordinal));
        if (
            folded.Distinct().Count() <= 2
            || rest.Length < 8
            || (local is { Length: >= 4 } && folded.Contains(local, StringComparison.Ordinal))
        )
        {
            return Task.FromResult(
                IdentityResult.Failed(
                    new IdentityError
                    {
                        Code = "CommonPassword",
                        Description =
                            "This password is too easy to guess: choose a longer phrase that is not a common password and does not contain your email name.",
                    }
                )
            );
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
