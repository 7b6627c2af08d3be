namespace Habeas.Publishing.Statistics;

/// <summary>The public statistics: published people and their published events only, for anyone.</summary>
public sealed class PublicModel(Figures figures) : FiguresPage(figures)
{
    public override bool Published => true;
}
