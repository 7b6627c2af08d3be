using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Audit;

public sealed class AuditEntryMapping : EntityMapping<AuditEntry>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("the audit log: administrators");

    public override void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Sequence);
        builder.Property(a => a.Sequence).ValueGeneratedNever();
        builder.HasIndex(a => new { a.RecordType, a.RecordId });
    }
}

public sealed class AuditHeadMapping : EntityMapping<AuditHead>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("signed heads of the audit log: administrators and `audit verify`");

    public override void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.HasKey(h => h.TreeSize);
        builder.Property(h => h.TreeSize).ValueGeneratedNever();
    }
}
