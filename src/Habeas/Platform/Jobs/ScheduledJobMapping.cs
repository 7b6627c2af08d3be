using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Jobs;

public sealed class ScheduledJobMapping : EntityMapping<ScheduledJob>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("the server's own bookkeeping");

    public override void Configure(EntityTypeBuilder<ScheduledJob> builder)
    {
        builder.HasKey(j => j.Name);
        builder.Property(j => j.Name).HasMaxLength(100);
    }
}
