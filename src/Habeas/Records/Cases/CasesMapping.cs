using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Cases;

public sealed class CaseMapping : EntityMapping<Case>
{
    public override RetractionRule? Retraction => new("cases", Policies.Write, "/cases/{id}", "/api/v1/cases/{id}", "/public/cases/{id}");

    public override VisibilityRule Visibility => VisibilityRule.Own("case");

    protected override IEnumerable<QueryFilter<Case>> Filters => [QueryFilters.ByLevel<Case>()];

    public override void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("cases");
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasLevel();
        builder.Property(c => c.Title).HasMaxLength(400);
        builder.HasOne(c => c.Jurisdiction).WithMany().HasForeignKey(c => c.JurisdictionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Participants).WithOne(p => p.Case).HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Charges).WithOne(ch => ch.Case).HasForeignKey(ch => ch.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CaseParticipantMapping : EntityMapping<CaseParticipant>
{
    public override VisibilityRule Visibility => VisibilityRule.Of("a person in a case", ("case", "caseId"), ("person", "personId"));

    protected override IEnumerable<QueryFilter<CaseParticipant>> Filters =>
        [new(null, (db, p) => db.Set<Person>().Any(x => x.Id == p.PersonId))];

    public override void Configure(EntityTypeBuilder<CaseParticipant> builder)
    {
        builder.ToTable("case_participants");
        builder.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder
            .HasIndex(p => new
            {
                p.CaseId,
                p.PersonId,
                p.Role,
            })
            .IsUnique();
    }
}

public sealed class LegalProvisionMapping : EntityMapping<LegalProvision>
{
    public override VisibilityRule Visibility => VisibilityRule.PublicByNature("laws");

    public override void Configure(EntityTypeBuilder<LegalProvision> builder)
    {
        builder.ToTable("legal_provisions");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Label);
    }
}

public sealed class ChargeMapping : EntityMapping<Charge>
{
    public override RetractionRule? Retraction => new("charges", Policies.Write, "/api/v1/charges/{id}");

    public override VisibilityRule Visibility =>
        VisibilityRule.Of("part of a case (its defendant's id is shown only when the defendant is visible)", ("case", "caseId"));

    protected override IEnumerable<QueryFilter<Charge>> Filters => [new(null, (db, ch) => db.Set<Case>().Any(c => c.Id == ch.CaseId))];

    public override void Configure(EntityTypeBuilder<Charge> builder)
    {
        builder.ToTable("charges");
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(c => c.Provision).WithMany().HasForeignKey(c => c.ProvisionId).OnDelete(DeleteBehavior.Restrict);
        // The public list's provision filter asks whether a person is charged under a provision (migration 0018): one seek.
        // Most charges name no one, so on person_id alone SQLite's statistics make the person index look useless.
        builder.HasIndex(c => new { c.ProvisionId, c.PersonId });
    }
}

public sealed class InterventionMapping : EntityMapping<Intervention>
{
    public override RetractionRule? Retraction => new("interventions", Policies.Write, "/interventions/{id}", "/api/v1/interventions/{id}");

    public override VisibilityRule Visibility =>
        VisibilityRule.Of("work for a person and/or a case", ("person", "personId"), ("case", "caseId"));

    protected override IEnumerable<QueryFilter<Intervention>> Filters =>
        [
            new(null, (db, i) =>
                (i.PersonId == null || db.Set<Person>().Any(x => x.Id == i.PersonId))
                && (i.CaseId == null || db.Set<Case>().Any(x => x.Id == i.CaseId))
            ),
        ];

    public override void Configure(EntityTypeBuilder<Intervention> builder)
    {
        builder.ToTable("interventions");
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Organisation).WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class CasesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Case> Cases => db.Set<Case>();
        public DbSet<CaseParticipant> CaseParticipants => db.Set<CaseParticipant>();
        public DbSet<LegalProvision> LegalProvisions => db.Set<LegalProvision>();
        public DbSet<Charge> Charges => db.Set<Charge>();
        public DbSet<Intervention> Interventions => db.Set<Intervention>();
    }
}
