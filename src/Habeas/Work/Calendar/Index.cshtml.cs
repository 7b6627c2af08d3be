using System.Globalization;
using Habeas.Platform.Access;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Pickers;
using Habeas.Records.Places;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Calendar;

/// <summary>/calendar: the month (default), week or list of planned events and deadlines, filtered by case, court, place and team.</summary>
public sealed class IndexModel(HabeasDb db, CalendarItems calendar, TimeProvider time) : PageModel
{
    public const string MonthView = "month";
    public const string WeekView = "week";
    public const string ListView = "list";

    /// <summary>At most this many teams in the team filter's list (cases, courts and places are found by a search step).</summary>
    public const int TeamLimit = 50;

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Week { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "case")]
    public Guid? CaseId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Court { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Place { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Team { get; set; }

    public sealed record Choice(Guid Id, string Label);

    public string Mode { get; private set; } = MonthView;
    public DateOnly Today { get; private set; }
    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }

    /// <summary>The month shown (its first day), in the month view.</summary>
    public DateOnly MonthStart { get; private set; }
    public IReadOnlyList<CalendarItem> Items { get; private set; } = [];
    public ILookup<DateOnly, CalendarItem> ByDay { get; private set; } = Array.Empty<CalendarItem>().ToLookup(i => i.Date);
    public bool Truncated { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? CaseQuery { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CourtQuery { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? PlaceQuery { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool FindPlace { get; set; }

    /// <summary>The case filter: a case chosen by a search step, never a list of every case.</summary>
    public RecordPicker CasePicker { get; private set; } = null!;

    /// <summary>The court filter: an organisation chosen by a search step.</summary>
    public RecordPicker CourtPicker { get; private set; } = null!;

    /// <summary>The place filter (a province, or any place: the places inside it count too).</summary>
    public PlacePicker PlacePicker { get; private set; } = null!;
    public IReadOnlyList<Choice> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = time.Today();
        Mode = View is WeekView or ListView ? View : MonthView;
        switch (Mode)
        {
            case WeekView:
                var day = CalendarItems.ParseDay(Week) ?? Today;
                Start = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                End = Start.AddDays(6);
                break;
            case ListView:
                Start = CalendarItems.ParseDay(From) ?? Today;
                End = CalendarItems.ParseDay(To) ?? Start.AddDays(CalendarApi.DefaultDays);
                if (End < Start || End.DayNumber - Start.DayNumber > CalendarItems.MaxRangeDays)
                {
                    End = Start.AddDays(CalendarApi.DefaultDays);
                }
                break;
            default:
                MonthStart = DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                    ? month
                    : new DateOnly(Today.Year, Today.Month, 1);
                Start = MonthStart.AddDays(-(((int)MonthStart.DayOfWeek + 6) % 7));
                var last = MonthStart.AddMonths(1).AddDays(-1);
                End = last.AddDays(6 - ((int)last.DayOfWeek + 6) % 7);
                break;
        }
        var filter = new CalendarFilter(CaseId, Court, Place, Team);
        (Items, Truncated) = await calendar.ReadAsync(Start, End, filter, CalendarItems.PageLimit, cancellationToken);
        ByDay = Items.ToLookup(i => i.Date);
        await LoadChoicesAsync(cancellationToken);
    }

    /// <summary>The weeks of the month grid, Monday first.</summary>
    public IEnumerable<DateOnly[]> Weeks()
    {
        for (var monday = Start; monday <= End; monday = monday.AddDays(7))
        {
            yield return Enumerable.Range(0, 7).Select(monday.AddDays).ToArray();
        }
    }

    /// <summary>The query string of this page with other values for some parameters (the filters kept).</summary>
    public string Link(string view, string? period = null, string? from = null, string? to = null)
    {
        var query = new List<string> { "view=" + view };
        if (period is not null)
        {
            query.Add((view == WeekView ? "week=" : "month=") + period);
        }
        if (from is not null)
        {
            query.Add("from=" + from);
        }
        if (to is not null)
        {
            query.Add("to=" + to);
        }
        void Add(string name, Guid? value)
        {
            if (value is { } id)
            {
                query.Add($"{name}={id}");
            }
        }
        Add("case", CaseId);
        Add("court", Court);
        Add("place", Place);
        Add("team", Team);
        return "/calendar?" + string.Join("&", query);
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        CasePicker = await RecordPicker.BuildAsync(
            new CaseFinder(db),
            "case",
            "caseQuery",
            CaseId is { } caseId ? [caseId] : [],
            CaseQuery,
            !string.IsNullOrWhiteSpace(CaseQuery),
            cancellationToken
        );
        CourtPicker = await RecordPicker.BuildAsync(
            new OrganisationFinder(db),
            "court",
            "courtQuery",
            Court is { } court ? [court] : [],
            CourtQuery,
            !string.IsNullOrWhiteSpace(CourtQuery),
            cancellationToken
        );
        PlacePicker = PlacePicker.Build(
            await PlaceDirectory.LoadAsync(db, cancellationToken),
            "place",
            "placeQuery",
            "calendar.filter.place",
            Place,
            PlaceQuery,
            FindPlace && !string.IsNullOrWhiteSpace(PlaceQuery)
        ) with
        {
            FindField = "findPlace",
        };
        var teams = await db.Set<Team>()
            .AsNoTracking()
            .OrderBy(t => t.Name)
            .Take(TeamLimit)
            .Select(t => new { t.Id, t.Name })
            .ToListAsync(cancellationToken);
        Teams = teams.Select(t => new Choice(t.Id, t.Name)).ToList();
    }
}
