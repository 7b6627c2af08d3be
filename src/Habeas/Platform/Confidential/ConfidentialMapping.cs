using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Confidential;

public sealed class ConfidentialValueMapping : EntityMapping<ConfidentialValue>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("its record, and only with the confidential grant", ("record", "recordId"))
            .Through("Confidential/: the record is found through its filter, then the grant is checked");

    public override void Configure(EntityTypeBuilder<ConfidentialValue> builder)
    {
        builder
            .HasIndex(v => new
            {
                v.RecordType,
                v.RecordId,
                v.Field,
            })
            .IsUnique();
        builder.Property(v => v.RecordType).HasMaxLength(40);
        builder.Property(v => v.Field).HasMaxLength(40);
    }
}

public sealed class DataProtectionKeyRowMapping : EntityMapping<DataProtectionKeyRow>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("the server's own keys");

    public override void Configure(EntityTypeBuilder<DataProtectionKeyRow> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.HasKey(k => k.Name);
        builder.Property(k => k.Name).HasMaxLength(100);
    }
}
