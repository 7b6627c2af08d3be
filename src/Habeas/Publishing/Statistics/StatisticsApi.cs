using Habeas.Core.Statistics;
using Habeas.Platform.Storage;
using Habeas.Records.Custody;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Statistics;

public static class StatisticsApi
{
    public sealed record DetainedCount(string On, int Count);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/statistics/detained", DetainedAsync)
            .WithTags("Statistics")
            .WithSummary(
                "How many people were deprived of liberty on a day (police custody, pre-trial, administrative detention, serving a sentence, house arrest), derived from events."
            );
        api.MapGet(
                "/statistics/figures/{figure}",
                (
                    string figure,
                    string? from,
                    string? to,
                    string? interval,
                    string? measure,
                    string? on,
                    string? edition,
                    Figures figures,
                    CancellationToken ct
                ) =>
                    FigureAsync(
                        figure,
                        new(from, to, interval, measure, on),
                        edition == "public" ? figures.Published() : figures,
                        edition == "public" ? "/public/statistics" : "/statistics",
                        "json",
                        ct
                    )
            )
            .WithTags("Statistics")
            .WithSummary(
                "A figure (detained, arrests-releases, by-charge, by-place, by-tag, by-designation, time-detained) with how it was counted and a link to the records behind each row. from/to: the range (YYYY-MM-DD, both included); interval: day, week or month; measure: last-day or peak; on: the day the by- figures and time-detained count on (default: to); edition=public: published records only."
            );
    }

    /// <summary>Registers the figure computations.</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddScoped<Figures>();
        return services;
    }

    /// <summary>The downloads: /statistics/{figure}.csv|.json for staff, /public/statistics/{figure}.csv|.json for anyone.</summary>
    public static void MapStatistics(this WebApplication app)
    {
        foreach (var format in new[] { "csv", "json" })
        {
            app.MapGet(
                    $"/statistics/{{figure}}.{format}",
                    (string figure, [AsParameters] RangeQuery query, Figures figures, CancellationToken ct) =>
                        FigureAsync(figure, query, figures, "/statistics", format, ct)
                )
                .RequireAuthorization(Habeas.Platform.Accounts.Policies.Read)
                .ExcludeFromDescription();
            app.MapGet(
                    $"/public/statistics/{{figure}}.{format}",
                    (string figure, [AsParameters] RangeQuery query, Figures figures, CancellationToken ct) =>
                        FigureAsync(figure, query, figures.Published(), "/public/statistics", format, ct)
                )
                .AllowAnonymous()
                .ExcludeFromDescription();
        }
    }

    public sealed record RangeQuery(string? From, string? To, string? Interval, string? Measure, string? On)
    {
        public (FigureRange? Range, Dictionary<string, string[]> Errors) Parse(DateOnly today) =>
            FigureRange.Parse(From, To, Interval, Measure, On, today);
    }

    private static async Task<IResult> FigureAsync(
        string figure,
        RangeQuery query,
        Figures figures,
        string recordsBase,
        string format,
        CancellationToken ct
    )
    {
        if (!Figures.Exists(figure))
        {
            return Habeas.Platform.Api.Problems.Said(
                StatusCodes.Status404NotFound,
                "statistics.problem.noFigure",
                "statistics.problem.figures",
                string.Join(", ", Figure.Ids)
            );
        }
        var (range, errors) = query.Parse(figures.Today);
        if (range is null)
        {
            return Habeas.Platform.Api.Problems.Invalid(errors);
        }
        var result = await figures.BuildAsync(figure, range, ct);
        if (format == "csv")
        {
            return Results.File(
                Habeas.Core.Export.CsvText.FileBytes(result.ToCsv()),
                "text/csv; charset=utf-8",
                $"habeas-{figure}-{result.Edition}-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv"
            );
        }
        return Results.Json(result.ToJson(recordsBase));
    }

    public static Task<int> CountDetainedAsync(HabeasDb db, DateOnly day, CancellationToken cancellationToken) =>
        CustodyQueries.DetainedOn(db, day).CountAsync(cancellationToken);

    private static async Task<IResult> DetainedAsync(HabeasDb db, string? on, CancellationToken cancellationToken)
    {
        if (
            !DateOnly.TryParseExact(
                on,
                "yyyy-MM-dd",
                System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None,
                out var day
            )
        )
        {
            return Habeas.Platform.Api.Problems.Invalid(
                new Dictionary<string, string[]> { ["on"] = [Habeas.Platform.Api.Problems.Texts["statistics.error.on"]] }
            );
        }
        return Results.Ok(
            new DetainedCount(
                day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                await CountDetainedAsync(db, day, cancellationToken)
            )
        );
    }
}
