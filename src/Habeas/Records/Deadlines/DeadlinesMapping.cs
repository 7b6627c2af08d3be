using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Deadlines;

public sealed class LegalTimeLimitMapping : EntityMapping<LegalTimeLimit>
{
    public override VisibilityRule Visibility => VisibilityRule.PublicByNature("laws");

    public override void Configure(EntityTypeBuilder<LegalTimeLimit> builder)
    {
        builder.ToTable("time_limits");
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasIndex(l => l.Code).IsUnique();
    }
}

public sealed class StoredDeadlineMapping : EntityMapping<StoredDeadline>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Of("a deadline of a person or a case", ("person", "personId"), ("case", "caseId"), ("event", "eventId"));

    /// <summary>Seen only when its person, its case and the event it runs from are all seen.</summary>
    protected override IEnumerable<QueryFilter<StoredDeadline>> Filters =>
        [
            new(null, (db, d) =>
                (d.PersonId == null || db.Set<Person>().Any(p => p.Id == d.PersonId))
                && (d.CaseId == null || db.Set<Case>().Any(c => c.Id == d.CaseId))
                && db.Set<Event>().Any(e => e.Id == d.EventId)
            ),
        ];

    public override void Configure(EntityTypeBuilder<StoredDeadline> builder)
    {
        builder.ToTable("deadlines");
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.Due);
        builder.HasIndex(d => d.PersonId);
        builder.HasIndex(d => d.CaseId);
        builder.HasIndex(d => d.EventId);
        builder.Ignore(d => d.DueIsEarliest);
    }
}

/// <summary>The sets of this feature on the database context.</summary>
public static class DeadlinesStorage
{
    extension(HabeasDb db)
    {
        public DbSet<LegalTimeLimit> TimeLimits => db.Set<LegalTimeLimit>();
        public DbSet<StoredDeadline> Deadlines => db.Set<StoredDeadline>();
    }
}
