using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Sources;

public sealed class SourceMapping : EntityMapping<Source>
{
    public override RetractionRule? Retraction => new("sources", Policies.Write, "/sources/{id}", "/api/v1/sources/{id}");

    public override VisibilityRule Visibility => VisibilityRule.Own("source");

    protected override IEnumerable<QueryFilter<Source>> Filters => [QueryFilters.ByLevel<Source>()];

    public override void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.ToTable("sources");
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasLevel();
        builder.Property(s => s.Title).HasMaxLength(1000);
    }
}

public sealed class CitationMapping : EntityMapping<Citation>
{
    public override RetractionRule? Retraction => new("citations", Policies.Write, "/api/v1/citations/{id}");

    public override VisibilityRule Visibility =>
        VisibilityRule.Of("its source and what it cites", ("source", "sourceId"), ("citation-target", "targetId"));

    // Its source and what it cites must both be visible: a quote about a restricted person is as restricted as the person.
    protected override IEnumerable<QueryFilter<Citation>> Filters =>
        [
            new(null, (db, c) =>
                db.Set<Source>().Any(x => x.Id == c.SourceId)
                && (
                    (c.TargetType == "person" && db.Set<Person>().Any(x => x.Id == c.TargetId))
                    || (c.TargetType == "case" && db.Set<Case>().Any(x => x.Id == c.TargetId))
                    || (c.TargetType == "event" && db.Set<Event>().Any(x => x.Id == c.TargetId))
                    || (c.TargetType == "charge" && db.Set<Charge>().Any(x => x.Id == c.TargetId))
                    || (c.TargetType == "designation" && db.Set<Designation>().Any(x => x.Id == c.TargetId))
                )
            ),
        ];

    public override void Configure(EntityTypeBuilder<Citation> builder)
    {
        builder.ToTable("citations");
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Source).WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TargetType, c.TargetId });
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class SourcesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Source> Sources => db.Set<Source>();
        public DbSet<Citation> Citations => db.Set<Citation>();
    }
}
