using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Organisations;

public sealed class OrganisationMapping : EntityMapping<Organisation>
{
    public override VisibilityRule Visibility => VisibilityRule.PublicByNature("organisations");

    public override void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasOne<Place>().WithMany().HasForeignKey(o => o.CountryId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(o => o.Name);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class OrganisationsStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Organisation> Organisations => db.Set<Organisation>();
    }
}
