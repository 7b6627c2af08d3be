using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Duplicates;

public sealed class PersonMergeMapping : EntityMapping<PersonMerge>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("both people", ("person", "mergedId"), ("person", "intoId"))
            .Through("Duplicates/: merge and unmerge load both people through their filters first");

    public override void Configure(EntityTypeBuilder<PersonMerge> builder)
    {
        builder.ToTable("person_merges");
        builder.HasIndex(m => m.MergedId);
        builder.HasIndex(m => m.IntoId);
    }
}

public sealed class DuplicateDismissalMapping : EntityMapping<DuplicateDismissal>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("both people", ("person", "personA"), ("person", "personB"))
            .Through("Duplicates/: pairs are joined to both people through their filters");

    public override void Configure(EntityTypeBuilder<DuplicateDismissal> builder)
    {
        builder.ToTable("duplicate_dismissals");
        builder.HasKey(d => new { d.PersonA, d.PersonB });
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class DuplicatesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<PersonMerge> PersonMerges => db.Set<PersonMerge>();
        public DbSet<DuplicateDismissal> DuplicateDismissals => db.Set<DuplicateDismissal>();
    }
}
