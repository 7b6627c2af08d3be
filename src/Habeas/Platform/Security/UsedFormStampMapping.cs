using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Security;

public sealed class UsedFormStampMapping : EntityMapping<UsedFormStamp>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("spent nonces of the anonymous forms: the forms themselves");

    public override void Configure(EntityTypeBuilder<UsedFormStamp> builder)
    {
        builder.ToTable("used_form_stamps");
        builder.HasKey(s => s.Nonce);
        builder.Property(s => s.Nonce).HasMaxLength(32);
        builder.HasIndex(s => s.UsedAt);
    }
}
