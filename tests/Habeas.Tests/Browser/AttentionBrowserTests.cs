using System.Globalization;
using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// What needs attention, in Chromium, in Khmer (issue 17): on the home page a monitor sees a hearing next week, a pre-trial
/// detention past its legal maximum (an order 20 months ago, no verdict, the article cited), a case with no event for 7
/// months and an act-by date in 2 days; postpones the hearing and sees its history; the calendar shows the month; a full and
/// a discreet iCalendar link made from the page parse with Ical.Net, and the discreet one carries no name. Screenshots at
/// 1280 and 360 px (attention-*); axe-core checks each page; no page is wider than the phone.
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class AttentionBrowserTests
{
    private static readonly int[] Widths = [1280, 360];

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitorsWorkList_InKhmer_AHearingPostponed_TheMonth_AndTheCalendarLinks(string provider)
    {
        await using var server = await BrowserServer.StartAsync(provider);
        var world = await BeforeTheDayAsync(server);
        var monitor = await server.NewPageAsync(Roles.Monitor, "km-KH");
        await monitor.SetViewportSizeAsync(Widths[0], 900);

        await monitor.GotoAsync("/");
        await Assertions.Expect(monitor.Locator("html")).ToHaveAttributeAsync("lang", "km");
        var week = monitor.Locator("#worklist-week");
        await Assertions.Expect(week.Locator($"a[href='/events/{world.Hearing}/state']")).ToBeVisibleAsync();
        var overdue = monitor.Locator("#worklist-overdue li[data-kind='pre-trial-maximum']").Filter(new() { HasText = world.Detained });
        await Assertions.Expect(overdue).ToContainTextAsync("មាត្រា 208");
        await Assertions.Expect(overdue).ToContainTextAsync("ការឃុំខ្លួនបណ្ដោះអាសន្នបានហួសរយៈពេលអតិបរមាតាមច្បាប់");
        var limbo = monitor.Locator("#worklist-limbo li[data-kind='case-limbo']").Filter(new() { HasText = world.ForgottenCase });
        await Assertions.Expect(limbo).ToBeVisibleAsync();
        var actBy = monitor.Locator("#worklist-campaigns li[data-kind='act-by']").Filter(new() { HasText = world.ActionCode });
        await Assertions.Expect(actBy).ToContainTextAsync("នៅសល់ 2 ថ្ងៃទៀត");
        await CheckAsync(monitor, "home");

        // The hearing is postponed from its page; its history says from when to when.
        await week.Locator($"a[href='/events/{world.Hearing}/state']").ClickAsync();
        await CheckAsync(monitor, "hearing");
        var later = world.HearingDay.AddDays(35);
        await monitor.Locator("input[name='Input.State'][value='postponed']").CheckAsync();
        await monitor.Locator("input[name='Input.Date']").FillAsync(later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await monitor.Locator("main form button.primary[type=submit]").ClickAsync();
        await Assertions.Expect(monitor.Locator("main")).ToContainTextAsync("បានពន្យារពេលពីថ្ងៃ");
        await CheckAsync(monitor, "postponed");
        await monitor.GotoAsync($"/cases/{world.HearingCase}");
        await Assertions.Expect(monitor.Locator($"#event-{world.Hearing} .postponed")).ToContainTextAsync("បានពន្យារពេលពីថ្ងៃ");
        await monitor.GotoAsync("/");
        await Assertions.Expect(monitor.Locator($"#worklist-week a[href='/events/{world.Hearing}/state']")).ToHaveCountAsync(0);

        // The calendar shows the month of the new date, with the hearing in it.
        await monitor.GotoAsync($"/calendar?month={later:yyyy-MM}");
        await Assertions.Expect(monitor.Locator($"table.calendar-month a[href='/events/{world.Hearing}/state']")).ToBeVisibleAsync();
        await CheckAsync(monitor, "calendar");

        // A full and a discreet link, made on the page, each read as a standard calendar.
        var full = await NewFeedAsync(monitor, discreet: false);
        var discreet = await NewFeedAsync(monitor, discreet: true);
        await CheckAsync(monitor, "feeds");
        var fullCalendar = await ReadFeedAsync(monitor, full);
        var hearing = Assert.Single(fullCalendar.Events, e => e.Uid == $"event-{world.Hearing}@habeas");
        Assert.Equal((later.Year, later.Month, later.Day), (hearing.DtStart!.Year, hearing.DtStart.Month, hearing.DtStart.Day));
        Assert.Contains(world.HearingPerson, hearing.Summary, StringComparison.Ordinal);
        var discreetText = await (await monitor.APIRequest.GetAsync(discreet)).TextAsync();
        var discreetCalendar = Ical.Net.Calendar.Load(discreetText)!;
        Assert.Contains(discreetCalendar.Events, e => e.Uid == $"event-{world.Hearing}@habeas");
        Assert.DoesNotContain(world.HearingPerson, discreetText, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Detained, discreetText, StringComparison.Ordinal);
    }

    private static async Task<string> NewFeedAsync(IPage page, bool discreet)
    {
        await page.GotoAsync("/calendar/feeds");
        await page.Locator($"input[name='Discreet'][value='{(discreet ? "true" : "false")}']").CheckAsync();
        await page.Locator("form[action*='handler=Create'] button[type=submit]").ClickAsync();
        var url = (await page.Locator("#new-feed").InnerTextAsync()).Trim();
        Assert.Matches("/calendar/feed/[A-Za-z0-9_-]+\\.ics$", url);
        return url;
    }

    private static async Task<Ical.Net.Calendar> ReadFeedAsync(IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        return Ical.Net.Calendar.Load(await response.TextAsync())!;
    }

    private static async Task CheckAsync(IPage page, string name)
    {
        await PageChecks.AssertAccessibleAsync(page);
        var size = page.ViewportSize;
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await BrowserServer.ScreenshotAsync(page, $"attention-{name}-km-{width}");
            var wide = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(wide <= width, $"{page.Url} is {wide} px wide at {width} px");
        }
        await page.SetViewportSizeAsync(size?.Width ?? Widths[0], size?.Height ?? 900);
    }

    private sealed record World(
        Guid Hearing,
        DateOnly HearingDay,
        Guid HearingCase,
        string HearingPerson,
        string Detained,
        string ForgottenCase,
        string ActionCode
    );

    /// <summary>What stands before the day, written to the database: in Cambodia (ISO code KH, so its limits apply) a person
    /// held since a detention order 20 months ago, a hearing next week before a provincial court, a case whose last event
    /// was 7 months ago, and an issued Urgent Action to act on within 2 days.</summary>
    private static async Task<World> BeforeTheDayAsync(BrowserServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Viewer.System;
        var today = Habeas.Platform.Shared.Clock.Today(server.Services.GetRequiredService<TimeProvider>());
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var cambodia = await db.Places.FirstAsync(p => p.Code == "KH");
        var court = new Organisation
        {
            Kind = "court",
            Names = new() { ["en"] = $"Kandal Court {suffix}", ["km"] = $"សាលាដំបូងខេត្តកណ្ដាល {suffix}" },
        };
        db.Organisations.Add(court);

        Person NewPerson(string name)
        {
            var person = new Person { Level = RecordLevels.Internal };
            person.Names.Add(
                new PersonName
                {
                    Text = name,
                    Script = "Khmr",
                    Kind = NameKinds.Primary,
                }
            );
            db.People.Add(person);
            return person;
        }
        Case NewCase(string title, Person person)
        {
            var c = new Case
            {
                Title = title,
                CourtCaseNumber = $"KD-{suffix}",
                JurisdictionId = cambodia.Id,
            };
            c.Participants.Add(
                new CaseParticipant
                {
                    CaseId = c.Id,
                    PersonId = person.Id,
                    Role = "defendant",
                }
            );
            db.Cases.Add(c);
            return c;
        }
        Event NewEvent(string type, DateOnly day, Case c, Person person, string? state = null)
        {
            var e = new Event
            {
                Type = type,
                Date = Core.Dates.FuzzyDate.FromDate(day),
                CaseId = c.Id,
                State = state,
            };
            e.People.Add(new EventPerson { EventId = e.Id, PersonId = person.Id });
            db.Events.Add(e);
            return e;
        }

        var detainedName = $"សុខ ចាន់ណា {suffix}";
        var detained = NewPerson(detainedName);
        var detainedCase = NewCase($"សំណុំរឿង សុខ ចាន់ណា {suffix}", detained);
        NewEvent("arrest", today.AddMonths(-20).AddDays(-2), detainedCase, detained);
        NewEvent("pre-trial-detention-order", today.AddMonths(-20), detainedCase, detained);

        var hearingName = $"កែវ សុភាព {suffix}";
        var heard = NewPerson(hearingName);
        var hearingCase = NewCase($"សំណុំរឿង កែវ សុភាព {suffix}", heard);
        NewEvent("charge", today.AddMonths(-1), hearingCase, heard);
        var hearingDay = today.AddDays(5);
        var hearing = NewEvent("hearing", hearingDay, hearingCase, heard, EventStates.Scheduled);
        hearing.Actors.Add(
            new EventActor
            {
                EventId = hearing.Id,
                OrganisationId = court.Id,
                Role = "court",
            }
        );

        var forgotten = NewPerson($"ម៉ៅ វណ្ណា {suffix}");
        var forgottenTitle = $"សំណុំរឿង ម៉ៅ វណ្ណា {suffix}";
        var forgottenCase = NewCase(forgottenTitle, forgotten);
        NewEvent("charge", today.AddMonths(-7), forgottenCase, forgotten);

        var code = $"UA {suffix}/26";
        var action = new CampaignAction
        {
            Code = code,
            Kind = "urgent-action",
            Title = $"ដោះលែង សុខ ចាន់ណា {suffix}",
            Status = "issued",
            IssuedOn = today.AddDays(-12),
            ActBy = today.AddDays(2),
        };
        action.Cases.Add(new ActionCase { CaseId = detainedCase.Id });
        db.CampaignActions.Add(action);
        await db.SaveChangesAsync();
        return new World(hearing.Id, hearingDay, hearingCase.Id, hearingName, detainedName, forgottenTitle, code);
    }
}
