using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Mail;

public sealed class OutboxMessageMapping : EntityMapping<OutboxMessage>
{
    public override VisibilityRule Visibility => VisibilityRule.Private("the mail outbox: the mail worker");

    public override void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox");
        builder.Property(m => m.MessageId).HasMaxLength(100);
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // Whose mail it is: the feature that writes to people declares the key (Supporters/SupportersMapping.cs).
        builder.HasIndex(m => m.ClaimedBy);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class MailStorage
{
    extension(HabeasDb db)
    {
        public DbSet<OutboxMessage> OutboxMessages => db.Set<OutboxMessage>();
    }
}
