using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Shared;
using Habeas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Pages;

/// <summary>
/// B17 of the user trial: a hearing dated next month looked like a past event, and the custody period that starts in the
/// future ended "now". Events after today (the app's clock) are marked as scheduled on the person and case timelines,
/// and a period that has not begun never runs "until now".
/// </summary>
public sealed class UpcomingEventsTests
{
    private static async Task<Guid> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    private static string Item(string page, Guid id)
    {
        var item = page[page.IndexOf($"id=\"event-{id}\"", StringComparison.Ordinal)..];
        return item[..item.IndexOf("</li>", StringComparison.Ordinal)];
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task FutureEvents_AreMarkedScheduled_AndAFuturePeriodDoesNotRunUntilNow(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var today = app.Services.GetRequiredService<TimeProvider>().Today();
        var person = await TestApp.CreatePersonAsync(client, "Heng Sophea");
        var caseId = await CreatedAsync(
            await client.PostAsJsonAsync(
                "/api/v1/cases",
                new { title = "The case", people = new[] { new { personId = person, role = "defendant" } } }
            )
        );
        async Task<Guid> EventAsync(string type, DateOnly day) =>
            await CreatedAsync(
                await client.PostAsJsonAsync(
                    "/api/v1/events",
                    new
                    {
                        type,
                        date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        caseId,
                        personIds = new[] { person },
                    }
                )
            );
        var past = await EventAsync("hearing", today.AddMonths(-2));
        var future = await EventAsync("hearing", today.AddMonths(1));

        foreach (var page in new[] { await client.GetStringAsync($"/people/{person}"), await client.GetStringAsync($"/cases/{caseId}") })
        {
            Assert.Contains("scheduled", Item(page, future), StringComparison.Ordinal);
            Assert.DoesNotContain("scheduled", Item(page, past), StringComparison.Ordinal);
        }

        // An arrest next month: police custody from then, with no end, is not "until now".
        var other = await TestApp.CreatePersonAsync(client, "Chan Dara");
        await CreatedAsync(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = today.AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    personIds = new[] { other },
                }
            )
        );
        var custody = await client.GetStringAsync($"/people/{other}");
        var table = TestApp.WithoutCellLabels(custody[custody.IndexOf("<table", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("<td>now</td>", table, StringComparison.Ordinal);
        Assert.Contains("<td>no end recorded</td>", table, StringComparison.Ordinal);
    }
}
