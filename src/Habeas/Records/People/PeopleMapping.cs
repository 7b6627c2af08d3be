using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.People;

public sealed class PersonMapping : EntityMapping<Person>
{
    public override RetractionRule? Retraction =>
        new("people", Policies.Write, "/people/{id}", "/api/v1/people/{id}", "/public/people/{id}");

    public override VisibilityRule Visibility => VisibilityRule.Own("person");

    protected override IEnumerable<QueryFilter<Person>> Filters =>
        [
            QueryFilters.ByLevel<Person>(),
            // A merged record is gone from every query; its id resolves to the survivor (Duplicates/Merging.cs).
            new(HabeasDb.MergedFilter, (_, p) => p.MergedIntoId == null),
        ];

    public override void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasLevel();
        // Partial: only merged records are looked up by it, and an index over every row's NULL misleads SQLite's planner.
        builder.HasIndex(p => p.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");
        // The public list's name walk probes each name's person here (migrations 0021, 0029): the filters' columns, covering.
        builder.HasIndex(p => new
        {
            p.Id,
            p.Level,
            p.MergedIntoId,
            p.RetractedAt,
        });
        builder.HasMany(p => p.Names).WithOne().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Tags).WithOne().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Affiliations).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.DisplayName);
        // The public site reads published people only (Public/PublicList.cs, migration 0012).
        builder.HasIndex(p => p.Level);
    }
}

public sealed class PersonNameMapping : EntityMapping<PersonName>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAPerson.Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<PersonName> builder)
    {
        builder.ToTable("person_names");
        builder.Property(n => n.Text).HasMaxLength(400);
        builder.Property(n => n.Script).HasMaxLength(8);
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.SearchText).HasMaxLength(400);
        builder.HasIndex(n => n.SearchText);
        // The public list's name order: walked in order, joined to published people (Public/PublicList.cs, migration 0012).
        builder.HasIndex(n => new
        {
            n.SortOrder,
            n.SearchText,
            n.PersonId,
        });
    }
}

public sealed class PersonTagMapping : EntityMapping<PersonTag>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAPerson.Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<PersonTag> builder)
    {
        builder.ToTable("person_tags");
        builder.HasKey(t => new { t.PersonId, t.Tag });
        // The public list gathers the people with a tag first when they are few (migration 0021).
        builder.HasIndex(t => new { t.Tag, t.PersonId });
    }
}

public sealed class AffiliationMapping : EntityMapping<Affiliation>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAPerson.Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<Affiliation> builder)
    {
        builder.ToTable("affiliations");
        builder.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DesignationMapping : EntityMapping<Designation>
{
    public override RetractionRule? Retraction => new("designations", Policies.Write, "/designations/{id}", "/api/v1/designations/{id}");

    public override VisibilityRule Visibility => VisibilityRule.PartOfAPerson;

    protected override IEnumerable<QueryFilter<Designation>> Filters =>
        [new(null, (db, d) => db.Set<Person>().Any(p => p.Id == d.PersonId))];

    public override void Configure(EntityTypeBuilder<Designation> builder)
    {
        builder.ToTable("designations");
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Organisation).WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class PeopleStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Person> People => db.Set<Person>();
        public DbSet<PersonName> PersonNames => db.Set<PersonName>();
        public DbSet<PersonTag> PersonTags => db.Set<PersonTag>();
        public DbSet<Affiliation> Affiliations => db.Set<Affiliation>();
        public DbSet<Designation> Designations => db.Set<Designation>();
    }
}
