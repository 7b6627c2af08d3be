using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.History;

/// <summary>
/// History, part history and the audit log are append-only: the database refuses to change them (triggers of migrations
/// 0001, 0002, 0022). A lawful erasure (Records/People/PersonErasure.cs) must overwrite what they hold of one person; it
/// writes a permit row inside its own transaction, which the triggers of migration 0032 read to allow an UPDATE (never
/// a DELETE), and removes it before committing, so no other transaction ever sees one.
/// </summary>
public sealed class ErasurePermit
{
    public Guid Id { get; set; }

    /// <summary>Allows the transaction running on <paramref name="db"/> to overwrite history until <see cref="EndAsync"/>.</summary>
    public static Task BeginAsync(HabeasDb db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An erasure permit lives inside a transaction.");
        }
        return db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO erasure_permits (id) VALUES ({id})", cancellationToken);
    }

    public static Task EndAsync(HabeasDb db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM erasure_permits WHERE id = {id}", cancellationToken);
    }
}

public sealed class ErasurePermitMapping : EntityMapping<ErasurePermit>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Private("erasure permits: written and removed inside one erasure's transaction, read by triggers only");

    public override void Configure(EntityTypeBuilder<ErasurePermit> builder) => builder.ToTable("erasure_permits");
}
