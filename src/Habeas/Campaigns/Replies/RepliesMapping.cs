using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Campaigns.Replies;

public sealed class ReplyMapping : EntityMapping<Reply>
{
    public override RetractionRule? Retraction => new("replies", Policies.Campaign);

    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction;

    protected override IEnumerable<QueryFilter<Reply>> Filters =>
        [new(null, (db, r) => db.Set<CampaignAction>().Any(a => a.Id == r.ActionId))];

    public override void Configure(EntityTypeBuilder<Reply> builder)
    {
        builder.ToTable("replies");
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.Kind).HasMaxLength(40);
        builder.Property(r => r.Language).HasMaxLength(8);
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(r => r.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CampaignTarget>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.ReplyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ActionId, r.ReceivedOn });
    }
}

public sealed class ReplyFileMapping : EntityMapping<ReplyFile>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Of("part of a reply", ("action", "actionId")).Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<ReplyFile> builder)
    {
        builder.ToTable("reply_files");
        builder.HasKey(f => new { f.ReplyId, f.FileId });
        builder.HasOne(f => f.File).WithMany().HasForeignKey(f => f.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class RepliesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Reply> Replies => db.Set<Reply>();
    }
}
