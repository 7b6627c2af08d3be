using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Habeas.Platform.Vocabulary;

public sealed class VocabularyTermMapping : EntityMapping<VocabularyTerm>
{
    public override VisibilityRule Visibility => VisibilityRule.PublicByNature("vocabulary");

    public override void Configure(EntityTypeBuilder<VocabularyTerm> builder) => builder.HasKey(t => new { t.Vocabulary, t.Code });
}
