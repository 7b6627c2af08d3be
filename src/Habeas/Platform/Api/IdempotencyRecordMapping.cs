using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Api;

public sealed class IdempotencyRecordMapping : EntityMapping<IdempotencyRecord>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("a caller's stored answers: that caller only");

    public override void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => new { r.Owner, r.Key });
        builder.Property(r => r.Owner).HasMaxLength(450);
        builder.Property(r => r.Key).HasMaxLength(Idempotency.MaxKeyLength);
        builder.Property(r => r.Method).HasMaxLength(10);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasIndex(r => r.CreatedAt);
    }
}
