using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Publishing.Import;

public sealed class ExternalIdMapping : EntityMapping<ExternalId>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("the record it names", ("record", "recordId"))
            .Through("Import/: the record an external id names is then read through its filter");

    public override void Configure(EntityTypeBuilder<ExternalId> builder)
    {
        builder.ToTable("external_ids");
        builder.HasKey(x => new
        {
            x.System,
            x.Value,
            x.RecordType,
        });
        builder.Property(x => x.System).HasMaxLength(100);
        builder.Property(x => x.Value).HasMaxLength(ExternalId.MaxLength);
        builder.Property(x => x.RecordType).HasMaxLength(16);
        builder.HasIndex(x => new { x.RecordType, x.RecordId });
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class ImportStorage
{
    extension(HabeasDb db)
    {
        public DbSet<ExternalId> ExternalIds => db.Set<ExternalId>();
    }
}
