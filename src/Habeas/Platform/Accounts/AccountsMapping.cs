using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Accounts;

public sealed class ApiTokenMapping : EntityMapping<ApiToken>
{
    public override VisibilityRule Visibility => VisibilityRule.AccountsAndSignIn;

    public override void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasOne<HabeasUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The tables of ASP.NET Core Identity, mapped by IdentityDbContext itself: who may see their rows.</summary>
public sealed class IdentityVisibility : IDeclaresVisibility
{
    public IEnumerable<(Type Type, VisibilityRule Rule)> VisibilityRules =>
        new[]
        {
            typeof(HabeasUser),
            typeof(IdentityRole),
            typeof(IdentityUserRole<string>),
            typeof(IdentityUserClaim<string>),
            typeof(IdentityRoleClaim<string>),
            typeof(IdentityUserLogin<string>),
            typeof(IdentityUserToken<string>),
        }.Select(t => (t, VisibilityRule.AccountsAndSignIn));
}
