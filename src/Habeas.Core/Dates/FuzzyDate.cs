using System.Globalization;

namespace Habeas.Core.Dates;

/// <summary>
/// A date known to the year, the month or the day, possibly approximate and/or uncertain, written as an
/// EDTF (ISO 8601-2 level 1) string: "1999", "1999-12", "2004-02-26", with a suffix "~" (approximate),
/// "?" (uncertain) or "%" (both): "1999-12~".
/// </summary>
/// <remarks>
/// <see cref="Earliest"/> and <see cref="Latest"/> bound the days the value can denote. The qualifiers are
/// shown to the reader but do not widen those bounds: "1999-12~" still spans 1–31 December 1999.
/// </remarks>
public readonly record struct FuzzyDate : IComparable<FuzzyDate>
{
    public const int MinYear = 1000;
    public const int MaxYear = 9999;

    private FuzzyDate(int year, int? month, int? day)
    {
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }
    public bool Approximate { get; init; }
    public bool Uncertain { get; init; }

    public DatePrecision Precision =>
        Day is not null ? DatePrecision.Day
        : Month is not null ? DatePrecision.Month
        : DatePrecision.Year;

    /// <summary>The first day the value can denote.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day the value can denote.</summary>
    public DateOnly Latest =>
        Precision switch
        {
            DatePrecision.Day => Earliest,
            DatePrecision.Month => new DateOnly(Year, Month!.Value, DateTime.DaysInMonth(Year, Month.Value)),
            _ => new DateOnly(Year, 12, 31),
        };

    /// <exception cref="ArgumentOutOfRangeException">The year, month or day does not make a real date.</exception>
    public static FuzzyDate OfDay(int year, int month, int day) => Create(year, month, day);

    /// <exception cref="ArgumentOutOfRangeException">The year or month is out of range.</exception>
    public static FuzzyDate OfMonth(int year, int month) => Create(year, month, null);

    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1000–9999.</exception>
    public static FuzzyDate OfYear(int year) => Create(year, null, null);

    public static FuzzyDate FromDate(DateOnly date) => Create(date.Year, date.Month, date.Day);

    public bool Contains(DateOnly day) => Earliest <= day && day <= Latest;

    /// <summary>Khmer (០-៩) and Thai (๐-๙) digits as 0-9, so a date typed with a Khmer or Thai keyboard reads.</summary>
    public static string AsciiDigits(string text)
    {
        if (!text.Any(c => c is >= '\u17E0' and <= '\u17E9' or >= '\u0E50' and <= '\u0E59'))
        {
            return text;
        }
        return string.Concat(
            text.Select(c =>
                c switch
                {
                    >= '\u17E0' and <= '\u17E9' => (char)('0' + (c - '\u17E0')),
                    >= '\u0E50' and <= '\u0E59' => (char)('0' + (c - '\u0E50')),
                    _ => c,
                }
            )
        );
    }

    public static bool TryParse(string? text, out FuzzyDate value, out string? error)
    {
        value = default;
        var trimmed = AsciiDigits(text?.Trim() ?? "");
        if (trimmed.Length == 0)
        {
            error = "No date was given";
            return false;
        }

        var body = trimmed;
        var approximate = false;
        var uncertain = false;
        switch (body[^1])
        {
            case '~':
                approximate = true;
                body = body[..^1];
                break;
            case '?':
                uncertain = true;
                body = body[..^1];
                break;
            case '%':
                approximate = true;
                uncertain = true;
                body = body[..^1];
                break;
        }

        var parts = body.Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2) || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            error =
                $"'{trimmed}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ (approximate), ? (uncertain) or % (both)";
            return false;
        }

        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int? month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        int? day = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : null;
        var problem = Validate(year, month, day);
        if (problem is not null)
        {
            error = $"'{trimmed}' is not a date: {problem}";
            return false;
        }

        value = new FuzzyDate(year, month, day) { Approximate = approximate, Uncertain = uncertain };
        error = null;
        return true;
    }

    /// <exception cref="FormatException">The text is not an accepted EDTF date; the message says why.</exception>
    public static FuzzyDate Parse(string text) => TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    public override string ToString()
    {
        var text = Precision switch
        {
            DatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}"),
            DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
            _ => Year.ToString("D4", CultureInfo.InvariantCulture),
        };
        return (Approximate, Uncertain) switch
        {
            (true, true) => text + "%",
            (true, false) => text + "~",
            (false, true) => text + "?",
            _ => text,
        };
    }

    /// <summary>Orders by <see cref="Earliest"/>, then less precise first ("1999" before "1999-01" before
    /// "1999-01-01"), then plain before approximate before uncertain, so that only equal values compare as 0.</summary>
    public int CompareTo(FuzzyDate other)
    {
        var byEarliest = Earliest.CompareTo(other.Earliest);
        if (byEarliest != 0)
        {
            return byEarliest;
        }
        var byPrecision = Precision.CompareTo(other.Precision);
        return byPrecision != 0 ? byPrecision : QualifierRank.CompareTo(other.QualifierRank);
    }

    public static bool operator <(FuzzyDate left, FuzzyDate right) => left.CompareTo(right) < 0;

    public static bool operator <=(FuzzyDate left, FuzzyDate right) => left.CompareTo(right) <= 0;

    public static bool operator >(FuzzyDate left, FuzzyDate right) => left.CompareTo(right) > 0;

    public static bool operator >=(FuzzyDate left, FuzzyDate right) => left.CompareTo(right) >= 0;

    private int QualifierRank => (Approximate ? 1 : 0) + (Uncertain ? 2 : 0);

    private static FuzzyDate Create(int year, int? month, int? day)
    {
        var problem = Validate(year, month, day);
        return problem is null
            ? new FuzzyDate(year, month, day)
            : throw new ArgumentOutOfRangeException(nameof(year), $"Not a date: {problem}.");
    }

    /// <summary>What is wrong with a text that is not a date, for a message in the reader's language.</summary>
    public enum Problem
    {
        None,
        Form,
        Year,
        Month,
        Day,
        DaysInMonth,
    }

    /// <summary>
    /// Why <paramref name="text"/> is not a date: its form, or the year, month or day out of range (with the year and month
    /// and the number of days that month has, for "February 1985 has 28 days").
    /// </summary>
    public static (Problem Problem, int Year, int Month, int Days) Diagnose(string? text)
    {
        if (TryParse(text, out _, out _))
        {
            return (Problem.None, 0, 0, 0);
        }
        var body = AsciiDigits(text?.Trim() ?? "").TrimEnd('~', '?', '%');
        var parts = body.Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2) || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return (Problem.Form, 0, 0, 0);
        }
        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        if (year is < MinYear or > MaxYear)
        {
            return (Problem.Year, year, 0, 0);
        }
        if (month is < 1 or > 12)
        {
            return (Problem.Month, year, month, 0);
        }
        if (parts.Length < 3)
        {
            return (Problem.Form, 0, 0, 0);
        }
        var day = int.Parse(parts[2], CultureInfo.InvariantCulture);
        return day < 1 ? (Problem.Day, year, month, 0) : (Problem.DaysInMonth, year, month, DateTime.DaysInMonth(year, month));
    }

    private static string? Validate(int year, int? month, int? day)
    {
        if (year is < MinYear or > MaxYear)
        {
            return $"year must be {MinYear}–{MaxYear}";
        }
        if (month is null)
        {
            return null;
        }
        if (month is < 1 or > 12)
        {
            return "month must be 1–12";
        }
        if (day is null)
        {
            return null;
        }
        var daysInMonth = DateTime.DaysInMonth(year, month.Value);
        if (day < 1)
        {
            return "day must be 1 or more";
        }
        if (day > daysInMonth)
        {
            var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month.Value);
            return $"{monthName} {year} has {daysInMonth} days";
        }
        return null;
    }
}
