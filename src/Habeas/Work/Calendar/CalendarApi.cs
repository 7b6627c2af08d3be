using Habeas.Platform.Localization;
using Habeas.Platform.Shared;

namespace Habeas.Work.Calendar;

/// <summary><c>GET /api/v1/calendar?from=&amp;to=</c>: the reader's planned events and deadlines between two days.</summary>
public static class CalendarApi
{
    public sealed record Item(string Kind, string Date, string Title, string RecordType, Guid RecordId, string? State);

    public sealed record Answer(IReadOnlyList<Item> Items, bool Truncated);

    public const int DefaultDays = 60;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/calendar", ListAsync)
            .WithTags("Calendar")
            .WithSummary(
                "Planned events (scheduled, postponed, held, cancelled) and deadlines from one day to another (YYYY-MM-DD; default today and 60 days on; at most 400 days), by date."
            );

    private static async Task<IResult> ListAsync(
        string? from,
        string? to,
        CalendarItems calendar,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var today = time.Today();
        var errors = new Dictionary<string, string[]>();
        var start = from is null ? today : CalendarItems.ParseDay(from);
        if (start is null)
        {
            errors["from"] = [Habeas.Platform.Api.Problems.Texts["calendar.error.from"]];
        }
        var end = to is null ? (start ?? today).AddDays(DefaultDays) : CalendarItems.ParseDay(to);
        if (end is null)
        {
            errors["to"] = [Habeas.Platform.Api.Problems.Texts["calendar.error.to"]];
        }
        if (start is { } s && end is { } e)
        {
            if (e < s)
            {
                errors["to"] = [Habeas.Platform.Api.Problems.Texts["calendar.error.toBeforeFrom"]];
            }
            else if (e.DayNumber - s.DayNumber > CalendarItems.MaxRangeDays)
            {
                errors["to"] =
                [
                    Habeas.Platform.Api.Problems.Texts.Format("calendar.error.range", Display.Number(CalendarItems.MaxRangeDays)),
                ];
            }
        }
        if (errors.Count > 0)
        {
            return Habeas.Platform.Api.Problems.Invalid(errors);
        }
        var (items, truncated) = await calendar.ReadAsync(
            start!.Value,
            end!.Value,
            CalendarFilter.None,
            CalendarItems.FeedLimit,
            cancellationToken
        );
        return Results.Ok(
            new Answer(
                items
                    .Select(i => new Item(
                        i.Kind,
                        i.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        i.Title,
                        i.RecordType,
                        i.RecordId,
                        i.State
                    ))
                    .ToList(),
                truncated
            )
        );
    }
}
