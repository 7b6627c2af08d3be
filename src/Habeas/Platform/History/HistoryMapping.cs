using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.History;

public sealed class RecordVersionMapping : EntityMapping<RecordVersion>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("the record it is a version of (the rule of its type)", ("record", "recordId"))
            .Through("History/: Visibility.MayReadHistoryAsync, and ids of hidden records in it are shown as hidden");

    public override void Configure(EntityTypeBuilder<RecordVersion> builder)
    {
        builder
            .HasIndex(v => new
            {
                v.RecordType,
                v.RecordId,
                v.Version,
            })
            .IsUnique();
        builder.HasIndex(v => v.RecordId);
    }
}

public sealed class PartVersionMapping : EntityMapping<PartVersion>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("the record it is a version of (the rule of its type)", ("record", "recordId"))
            .Through("History/ and the saved-since notice: read for a record already loaded through its filter");

    public override void Configure(EntityTypeBuilder<PartVersion> builder)
    {
        builder
            .HasIndex(v => new
            {
                v.RecordType,
                v.RecordId,
                v.Part,
                v.Version,
            })
            .IsUnique();
        builder.Property(v => v.RecordType).HasMaxLength(40);
        builder.Property(v => v.Part).HasMaxLength(20);
    }
}
