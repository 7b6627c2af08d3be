namespace Habeas.Publishing.Statistics;

/// <summary>The staff statistics: the shared custody timeline and every event the reader may see.</summary>
public sealed class IndexModel(Figures figures) : FiguresPage(figures)
{
    public override bool Published => false;
}
