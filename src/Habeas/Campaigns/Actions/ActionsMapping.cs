using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Campaigns.Actions;

public sealed class CampaignActionMapping : EntityMapping<CampaignAction>
{
    public override RetractionRule? Retraction => new("actions", Policies.Campaign, "/actions/{id}", "/api/v1/actions/{id}", "/act/{id}");

    public override VisibilityRule Visibility =>
        new(VisibilityBasis.ActionCases, [], "every case of the action") { Check = ActionAccess.ActionVisibleAsync };

    // Staff see an action when they may see every case it is about: its appeal, letters and targets name the prisoner.
    // Anonymous contexts (the public site, supporters' pages) read only public actions.
    protected override IEnumerable<QueryFilter<CampaignAction>> Filters =>
        [
            new(HabeasDb.ActionFilter, (db, a) =>
                !db.ViewerSignedIn || !db.Set<ActionCase>().Any(c => c.ActionId == a.Id && !db.Set<Case>().Any(x => x.Id == c.CaseId))
            ),
        ];

    public override void Configure(EntityTypeBuilder<CampaignAction> builder)
    {
        builder.ToTable("actions");
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Code).HasMaxLength(40);
        builder.Property(a => a.Kind).HasMaxLength(40);
        builder.Property(a => a.Title).HasMaxLength(400);
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.Property(a => a.Outcome).HasMaxLength(40);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasMany(a => a.Cases).WithOne().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Concerns).WithOne().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Targets).WithOne().HasForeignKey(t => t.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(a => a.OutcomeEventId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ActionCaseMapping : EntityMapping<ActionCase>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction.Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<ActionCase> builder)
    {
        builder.ToTable("action_cases");
        builder.HasKey(c => new { c.ActionId, c.CaseId });
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.CaseId);
    }
}

public sealed class ActionConcernMapping : EntityMapping<ActionConcern>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction.Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<ActionConcern> builder)
    {
        builder.ToTable("action_concerns");
        builder.HasKey(c => new { c.ActionId, c.Tag });
    }
}

public sealed class ActionTargetMapping : EntityMapping<ActionTarget>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction.Through(VisibilityRule.OwnerNavigation);

    // A retracted official leaves every action's list of officials (and its letters) with the address book.
    protected override IEnumerable<QueryFilter<ActionTarget>> Filters =>
        [new(HabeasDb.RetractedFilter + "-target", (db, at) => db.Set<CampaignTarget>().Any(t => t.Id == at.TargetId))];

    public override void Configure(EntityTypeBuilder<ActionTarget> builder)
    {
        builder.ToTable("action_targets");
        builder.HasKey(t => new { t.ActionId, t.TargetId });
        builder.HasOne(t => t.Target).WithMany().HasForeignKey(t => t.TargetId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ActionUpdateMapping : EntityMapping<ActionUpdate>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction.Through(VisibilityRule.OwnerNavigation);

    public override void Configure(EntityTypeBuilder<ActionUpdate> builder)
    {
        builder.ToTable("action_updates");
        builder.HasIndex(u => new { u.ActionId, u.Number }).IsUnique();
        builder.Property(u => u.WhatChanged).HasMaxLength(400);
    }
}

public sealed class CampaignTargetMapping : EntityMapping<CampaignTarget>
{
    public override RetractionRule? Retraction => new("targets", Policies.Campaign);
    public override VisibilityRule Visibility => new(VisibilityBasis.StaffInternal, [], "officials to write to: every signed-in role");

    public override void Configure(EntityTypeBuilder<CampaignTarget> builder)
    {
        builder.ToTable("targets");
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.DisplayName);
    }
}

public sealed class OutreachMapping : EntityMapping<Outreach>
{
    public override VisibilityRule Visibility => VisibilityRule.PartOfAnAction;

    protected override IEnumerable<QueryFilter<Outreach>> Filters =>
        [new(null, (db, o) => db.Set<CampaignAction>().Any(a => a.Id == o.ActionId))];

    public override void Configure(EntityTypeBuilder<Outreach> builder)
    {
        builder.ToTable("outreach");
        builder.Property(o => o.Channel).HasMaxLength(40);
        builder.Property(o => o.Country).HasMaxLength(2);
        builder.Property(o => o.Language).HasMaxLength(8);
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(o => o.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CampaignTarget>().WithMany().HasForeignKey(o => o.TargetId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(o => new { o.ActionId, o.Date });
        // Outreach keeps its counts when a supporter leaves: the id is set to null in the same transaction (SupporterDeletion).
        builder.HasIndex(o => o.SupporterId);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class CampaignsStorage
{
    extension(HabeasDb db)
    {
        public DbSet<CampaignAction> CampaignActions => db.Set<CampaignAction>();
        public DbSet<CampaignTarget> CampaignTargets => db.Set<CampaignTarget>();
        public DbSet<Outreach> Outreach => db.Set<Outreach>();
    }
}
