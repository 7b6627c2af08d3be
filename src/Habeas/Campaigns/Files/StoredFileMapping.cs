using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Events;
using Habeas.Records.Files;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Campaigns.Files;

/// <summary>
/// A stored file follows its one owner: an action, a source, an event or a person (exactly one is set, a check constraint
/// in the migration). Declared here, in the campaigns wing, because it is the one wing that knows actions and records.
/// </summary>
public sealed class StoredFileMapping : EntityMapping<StoredFile>
{
    /// <summary>Whoever may edit its owner: a campaigner an action's file, a monitor a file of a source, event or person.</summary>
    public override RetractionRule? Retraction =>
        new("files", Policies.Contribute, "/files/{id}", "/api/v1/files/{id}")
        {
            PolicyOf = f => ((StoredFile)f).ActionId is null ? Policies.Write : Policies.Campaign,
        };

    public override VisibilityRule Visibility =>
        VisibilityRule.Of(
            "part of its owner: an action, a source, an event or a person",
            ("action", "actionId"),
            ("source", "sourceId"),
            ("event", "eventId"),
            ("person", "personId")
        );

    protected override IEnumerable<QueryFilter<StoredFile>> Filters =>
        [
            new(null, (db, f) =>
                (f.ActionId == null || db.Set<CampaignAction>().Any(a => a.Id == f.ActionId))
                && (f.SourceId == null || db.Set<Source>().Any(s => s.Id == f.SourceId))
                && (f.EventId == null || db.Set<Event>().Any(e => e.Id == f.EventId))
                && (f.PersonId == null || db.Set<Person>().Any(p => p.Id == f.PersonId))
            ),
        ];

    public override void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("stored_files");
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.MediaType).HasMaxLength(64);
        builder.Property(f => f.OriginalName).HasMaxLength(200);
        builder.Property(f => f.Caption).HasMaxLength(StoredFile.MaxCaption);
        builder.Property(f => f.Credit).HasMaxLength(StoredFile.MaxCredit);
        builder.Property(f => f.Consent).HasMaxLength(16);
        builder.HasOne<CampaignAction>().WithMany().HasForeignKey(f => f.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Source>().WithMany().HasForeignKey(f => f.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.Sha256);
        builder.Ignore(f => f.IsImage);
    }
}
