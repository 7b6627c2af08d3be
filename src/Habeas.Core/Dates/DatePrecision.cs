namespace Habeas.Core.Dates;

/// <summary>How much of a <see cref="FuzzyDate"/> is known. Ordered from least to most precise.</summary>
public enum DatePrecision
{
    Year,
    Month,
    Day,
}
