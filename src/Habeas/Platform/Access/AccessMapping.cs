using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Access;

public sealed class RecordGrantMapping : EntityMapping<RecordGrant>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Private("who may see a restricted record: administrators and the access page of a visible record");

    public override void Configure(EntityTypeBuilder<RecordGrant> builder)
    {
        builder.HasIndex(g => new { g.RecordId, g.UserId });
        builder.HasIndex(g => new { g.RecordId, g.TeamId });
        builder.HasOne<HabeasUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(g => g.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TeamMapping : EntityMapping<Team>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("teams: administrators");

    public override void Configure(EntityTypeBuilder<Team> builder) => builder.HasIndex(t => t.Name).IsUnique();
}

public sealed class TeamMemberMapping : EntityMapping<TeamMember>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("teams: administrators");

    public override void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.HasKey(m => new { m.TeamId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HabeasUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
