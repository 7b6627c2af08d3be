using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Habeas.Platform.Access;

/// <summary>
/// Whether a reader may open a page, asked of the same policies the page itself requires (the host's one table,
/// Host/PageAccess.cs, hands them over): pages show a link or button to another page only when this holds, so a viewer is
/// never offered a form that would refuse them. No role list of its own.
/// </summary>
public sealed class PageGate(Func<Type, IReadOnlyList<string>?> policiesOf, IAuthorizationService authorization)
{
    public async Task<bool> MayOpenAsync<TModel>(ClaimsPrincipal user)
    {
        if (policiesOf(typeof(TModel)) is not { } policies)
        {
            return true;
        }
        foreach (var policy in policies)
        {
            if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                return false;
            }
        }
        return true;
    }
}
