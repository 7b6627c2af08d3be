using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Records.Search;

public sealed class SearchEntryMapping : EntityMapping<SearchEntry>
{
    public override VisibilityRule Visibility =>
        VisibilityRule
            .Of("the record it indexes (search reads records through their filters)", ("record", "recordId"))
            .Through("Search/: matches are joined to their records through the records' filters");

    public override void Configure(EntityTypeBuilder<SearchEntry> builder)
    {
        builder.ToTable("search_entries");
        builder.HasKey(x => new { x.RecordType, x.RecordId });
        builder.Property(x => x.RecordType).HasMaxLength(16);
    }
}

/// <summary>The sets of this feature on the database context (storage names no feature: each declares its own).</summary>
public static class SearchStorage
{
    extension(HabeasDb db)
    {
        public DbSet<SearchEntry> SearchEntries => db.Set<SearchEntry>();
    }
}
