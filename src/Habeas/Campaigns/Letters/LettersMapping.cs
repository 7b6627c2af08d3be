using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Campaigns.Letters;

public sealed class LetterTemplateMapping : EntityMapping<LetterTemplate>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction;

    protected override IEnumerable<QueryFilter<LetterTemplate>> Filters =>
        [new(null, (db, t) => db.Set<CampaignAction>().Any(a => a.Id == t.ActionId))];

    public override void Configure(EntityTypeBuilder<LetterTemplate> builder)
    {
        builder.ToTable("letter_templates");
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Text).HasMaxLength(Core.Letters.LetterMerge.MaxTemplateLength);
        builder.HasIndex(t => new { t.ActionId, t.Language }).IsUnique();
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(t => t.ActionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SentReceiptMapping : EntityMapping<SentReceipt>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("part of an outreach count", ("action", "actionId"))
            .Through("Act/: looked up by the one-time token of a public letter; never listed");

    public override void Configure(EntityTypeBuilder<SentReceipt> builder)
    {
        builder.ToTable("sent_receipts");
        builder.HasOne<Outreach>().WithMany().HasForeignKey(r => r.OutreachId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.OutreachId);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class LettersStorage
{
    extension(HabeasDb db)
    {
        public DbSet<LetterTemplate> LetterTemplates => db.Set<LetterTemplate>();
        public DbSet<SentReceipt> SentReceipts => db.Set<SentReceipt>();
    }
}
