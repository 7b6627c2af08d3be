using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Places;

public sealed class PlaceMapping : EntityMapping<Place>
{
    public override VisibilityRule Visibility => VisibilityRule.PublicByNature("places");

    public override void Configure(EntityTypeBuilder<Place> builder)
    {
        builder.ToTable("places");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne(p => p.Parent).WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.Name);
        builder.Ignore(p => p.FullName);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class PlacesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Place> Places => db.Set<Place>();
    }
}
