using System.Security.Claims;

namespace Habeas.Platform.Access;

/// <summary>
/// Grants given to a user on top of their role. The only one is <see cref="Confidential"/>: seeing and
/// entering confidential fields (witness identities, family contacts, prison mailing address, health, the
/// identity of anonymous sources). It is stored as a user claim; the sign-in puts it in the principal only
/// when the account has two-factor authentication on.
/// </summary>
public static class Grants
{
    public const string ClaimType = "habeas:grant";
    public const string Confidential = "confidential";

    public static bool HasConfidential(ClaimsPrincipal user) => user.HasClaim(ClaimType, Confidential);
}
