using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Campaigns.Files;

public sealed class StoredFileMapping : EntityMapping<StoredFile>
{
    public override RetractionRule? Retraction => new("files", Policies.Campaign, "/files/{id}", "/api/v1/files/{id}");

    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction;

    protected override IEnumerable<QueryFilter<StoredFile>> Filters =>
        [new(null, (db, f) => db.Set<CampaignAction>().Any(a => a.Id == f.ActionId))];

    public override void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("stored_files");
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.MediaType).HasMaxLength(64);
        builder.Property(f => f.OriginalName).HasMaxLength(200);
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(f => f.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.Sha256);
        builder.Ignore(f => f.IsImage);
    }
}

public static class FilesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<StoredFile> StoredFiles => db.Set<StoredFile>();
    }
}
