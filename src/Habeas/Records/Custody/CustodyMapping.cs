using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Custody;

public sealed class CustodyPeriodMapping : EntityMapping<CustodyPeriod>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAPerson;

    protected override IEnumerable<QueryFilter<CustodyPeriod>> Filters =>
        [new(null, (db, p) => db.Set<Person>().Any(x => x.Id == p.PersonId))];

    public override void Configure(EntityTypeBuilder<CustodyPeriod> builder)
    {
        builder.ToTable("custody_periods");
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.PersonId, p.Sequence }).IsUnique();
        builder.HasIndex(p => new { p.FromDay, p.ToDay });
        // Statistics (migration 0014): the daily sweep's GROUP BYs of starts and ends among detention periods, read from the
        // indexes alone, in day order (SQLite cannot seek on a bare boolean column, so the day leads).
        builder.HasIndex(p => new
        {
            p.FromDay,
            p.DeprivedOfLiberty,
            p.ToDay,
        });
        builder.HasIndex(p => new { p.ToDay, p.DeprivedOfLiberty });
    }
}

public sealed class PublishedCustodyPeriodMapping : EntityMapping<PublishedCustodyPeriod>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAPerson;

    protected override IEnumerable<QueryFilter<PublishedCustodyPeriod>> Filters =>
        [new(null, (db, p) => db.Set<Person>().Any(x => x.Id == p.PersonId))];

    public override void Configure(EntityTypeBuilder<PublishedCustodyPeriod> builder)
    {
        builder.ToTable("published_custody_periods");
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.PersonId, p.Sequence }).IsUnique();
        builder.HasIndex(p => new { p.FromDay, p.ToDay });
        // The public list by first detention (migration 0018): detention periods walked in day order, ties by person.
        builder.HasIndex(p => new { p.FromDay, p.PersonId }).HasFilter("deprived_of_liberty");
        // The public list gathers the people in a status on a day first when they are few (migration 0021).
        builder.HasIndex(p => new
        {
            p.Status,
            p.FromDay,
            p.ToDay,
            p.PersonId,
        });
    }
}

public sealed class CustodyDayChangeMapping : EntityMapping<CustodyDayChange>
{
    public override VisibilityRule Visibility => VisibilityRule.PublicByNature("counts per day, no one named (statistics)");

    public override void Configure(EntityTypeBuilder<CustodyDayChange> builder)
    {
        builder.ToTable("custody_day_changes");
        // Statistics (migration 0018): the detention periods' starts and ends per day, per timeline.
        builder.HasKey(c => new { c.Edition, c.Day });
        builder.Property(c => c.Edition).HasMaxLength(20);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class CustodyStorage
{
    extension(HabeasDb db)
    {
        public DbSet<CustodyPeriod> CustodyPeriods => db.Set<CustodyPeriod>();
        public DbSet<PublishedCustodyPeriod> PublishedCustodyPeriods => db.Set<PublishedCustodyPeriod>();
        public DbSet<CustodyDayChange> CustodyDayChanges => db.Set<CustodyDayChange>();
    }
}
