using Habeas.Campaigns.Actions;
using Habeas.Core.Letters;
using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Campaigns.Cards;

public sealed class GreetingCardMapping : EntityMapping<GreetingCard>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction;

    protected override IEnumerable<QueryFilter<GreetingCard>> Filters =>
        [new(null, (db, c) => db.Set<CampaignAction>().Any(a => a.Id == c.ActionId))];

    public override void Configure(EntityTypeBuilder<GreetingCard> builder)
    {
        builder.ToTable("cards");
        builder.Property(c => c.Message).HasMaxLength(SupporterText.MaxMessage);
        builder.Property(c => c.SignedAs).HasMaxLength(SupporterText.MaxName);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(1000);
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CardBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.ActionId, c.Status });
    }
}

public sealed class CardBatchMapping : EntityMapping<CardBatch>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction;

    protected override IEnumerable<QueryFilter<CardBatch>> Filters =>
        [new(null, (db, b) => db.Set<CampaignAction>().Any(a => a.Id == b.ActionId))];

    public override void Configure(EntityTypeBuilder<CardBatch> builder)
    {
        builder.ToTable("card_batches");
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(b => b.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.ActionId, b.Number }).IsUnique();
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class CardsStorage
{
    extension(HabeasDb db)
    {
        public DbSet<GreetingCard> GreetingCards => db.Set<GreetingCard>();
        public DbSet<CardBatch> CardBatches => db.Set<CardBatch>();
    }
}
