using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Campaigns.Supporters;

public sealed class SupporterMapping : EntityMapping<Supporter>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Private("supporters: campaign staff's supporter pages and the supporter's own page");

    public override void Configure(EntityTypeBuilder<Supporter> builder)
    {
        builder.ToTable("supporters");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.Country).HasMaxLength(2);
        builder.Property(s => s.Group).HasMaxLength(200);
        builder.Property(s => s.Language).HasMaxLength(8);
        builder.Property(s => s.Status).HasMaxLength(16);
        builder.Property(s => s.ConsentVersion).HasMaxLength(40);
        builder.HasIndex(s => s.Email).IsUnique();
        builder.HasMany(s => s.Follows).WithOne().HasForeignKey(f => f.SupporterId).OnDelete(DeleteBehavior.Cascade);
        // A supporter who leaves takes their mail with them, sent or not (it holds their name and address).
        builder.HasMany<Habeas.Platform.Mail.OutboxMessage>().WithOne().HasForeignKey(m => m.SupporterId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.ConcernList);
        builder.Ignore(s => s.RegionList);
    }
}

public sealed class SupporterActionMapping : EntityMapping<SupporterAction>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("supporters");

    public override void Configure(EntityTypeBuilder<SupporterAction> builder)
    {
        builder.ToTable("supporter_actions");
        builder.HasKey(f => new { f.SupporterId, f.ActionId });
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(f => f.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.ActionId);
    }
}

public sealed class SupporterTokenMapping : EntityMapping<SupporterToken>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("supporters' page links (hashes)");

    public override void Configure(EntityTypeBuilder<SupporterToken> builder)
    {
        builder.ToTable("supporter_tokens");
        builder.HasKey(t => t.Hash);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Purpose).HasMaxLength(16);
        builder.HasOne<Supporter>().WithMany().HasForeignKey(t => t.SupporterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.SupporterId);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class SupportersStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Supporter> Supporters => db.Set<Supporter>();
        public DbSet<SupporterAction> SupporterActions => db.Set<SupporterAction>();
        public DbSet<SupporterToken> SupporterTokens => db.Set<SupporterToken>();
    }
}
