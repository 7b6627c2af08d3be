using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Campaigns.Stories;

public sealed class StoryMapping : EntityMapping<Story>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Of("part of an action; the public page shows published stories' consented parts", ("action", "actionId"));

    protected override IEnumerable<QueryFilter<Story>> Filters =>
        [new(null, (db, s) => db.Set<CampaignAction>().Any(a => a.Id == s.ActionId))];

    public override void Configure(EntityTypeBuilder<Story> builder)
    {
        builder.ToTable("stories");
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(s => s.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ActionId).IsUnique();
        builder.HasMany(s => s.Quotes).WithOne().HasForeignKey(q => q.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Media).WithOne().HasForeignKey(m => m.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class StoryQuoteMapping : EntityMapping<StoryQuote>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Of("part of a story", ("action", "actionId")).Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<StoryQuote> builder) => builder.ToTable("story_quotes");
}

public sealed class StoryMediaMapping : EntityMapping<StoryMedia>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Of("part of a story", ("action", "actionId")).Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<StoryMedia> builder)
    {
        builder.ToTable("story_media");
        builder.HasOne(m => m.File).WithMany().HasForeignKey(m => m.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class StoriesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Story> Stories => db.Set<Story>();
        public DbSet<StoryMedia> StoryMedia => db.Set<StoryMedia>();
    }
}
