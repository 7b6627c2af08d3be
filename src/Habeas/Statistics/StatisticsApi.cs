using Habeas.Custody;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Statistics;

public static class StatisticsApi
{
    public sealed record DetainedCount(string On, int Count);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/statistics/detained", DetainedAsync).WithTags("Statistics")
            .WithSummary("How many people were deprived of liberty on a day (police custody, pre-trial, administrative detention, serving a sentence, house arrest), derived from events.");
    }

    public static Task<int> CountDetainedAsync(HabeasDb db, DateOnly day, CancellationToken cancellationToken) =>
        CustodyQueries.DetainedOn(db, day).CountAsync(cancellationToken);

    private static async Task<IResult> DetainedAsync(HabeasDb db, string? on, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(on, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["on"] = ["Give the day as on=YYYY-MM-DD, for example on=2003-01-01."] },
                title: "Some fields are not valid.");
        }
        return Results.Ok(new DetainedCount(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), await CountDetainedAsync(db, day, cancellationToken)));
    }
}
