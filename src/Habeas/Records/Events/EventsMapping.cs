using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Events;

public sealed class EventMapping : EntityMapping<Event>
{
    public override RetractionRule? Retraction => new("events", Policies.Write, "/events/{id}", "/api/v1/events/{id}");

    public override VisibilityRule Visibility => VisibilityRule.Own("event");

    protected override IEnumerable<QueryFilter<Event>> Filters => [QueryFilters.ByLevel<Event>()];

    public override void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("events");
        builder.Property(ev => ev.Version).IsConcurrencyToken();
        builder.HasLevel();
        builder.Property(ev => ev.Date).HasField("_date");
        builder.Property(ev => ev.Description).HasField("_description");
        builder.HasOne(ev => ev.Case).WithMany().HasForeignKey(ev => ev.CaseId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(ev => ev.Place).WithMany().HasForeignKey(ev => ev.PlaceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(ev => ev.People).WithOne().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(ev => ev.Actors).WithOne().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(ev => ev.SortDate);
        builder.HasIndex(ev => new { ev.State, ev.SortDate });
        builder.Ignore(ev => ev.PostponedDates);
        builder.Ignore(ev => ev.Counts);
        builder.Ignore(ev => ev.Sentence);
        builder.Ignore(ev => ev.HasSentence);
    }
}

public sealed class EventPersonMapping : EntityMapping<EventPerson>
{
    public override VisibilityRule Visibility => VisibilityRule.Of("a person in an event", ("event", "eventId"), ("person", "personId"));

    protected override IEnumerable<QueryFilter<EventPerson>> Filters =>
        [new(null, (db, p) => db.Set<Person>().Any(x => x.Id == p.PersonId))];

    public override void Configure(EntityTypeBuilder<EventPerson> builder)
    {
        builder.ToTable("event_people");
        builder.HasKey(p => new { p.EventId, p.PersonId });
        builder.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.PersonId);
    }
}

public sealed class EventActorMapping : EntityMapping<EventActor>
{
    public override VisibilityRule Visibility =>
        VisibilityRule.Of("part of an event", ("event", "eventId")).Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<EventActor> builder)
    {
        builder.ToTable("event_actors");
        builder.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class EventsStorage
{
    extension(HabeasDb db)
    {
        public DbSet<Event> Events => db.Set<Event>();
        public DbSet<EventPerson> EventPeople => db.Set<EventPerson>();
        public DbSet<EventActor> EventActors => db.Set<EventActor>();
    }
}
