using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Deadlines;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Work.Deadlines;

/// <summary>The legal time limits an administrator edits (/admin/time-limits, /api/v1/time-limits), and the ISO code
/// of a country place that finds them.</summary>
public sealed class LimitTests
{
    private const string Felony = "kh-ccp-208-maximum-felony";

    /// <summary>A host of its own: a pooled PostgreSQL host is reset by TRUNCATE, which also empties the limits that
    /// migration 0034 seeded (the start's seeding does not put them back).</summary>
    private static Task<TestApp> StartAsync(string provider) => TestApp.StartAsync(provider, settings: TestApp.OwnHost);

    /// <summary>Whether a form's save went on to the list: the redirect, or the sign-in page it leads a token client
    /// to (the client drops the Authorization header on a redirect).</summary>
    private static bool Saved(HttpResponseMessage response) =>
        TestApp.WentTo(response, "/admin/time-limits")
        || (
            response.RequestMessage?.RequestUri?.Query.Contains("ReturnUrl=%2Fadmin%2Ftime-limits%3Fdone%3Dsaved", StringComparison.Ordinal)
            ?? false
        );

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }

    private static async Task<LegalTimeLimit> LimitAsync(TestApp app, string code)
    {
        await using var db = app.OpenDb();
        return await db.TimeLimits.AsNoTracking().SingleAsync(l => l.Code == code);
    }

    private static Dictionary<string, string> Form(LegalTimeLimit l, int months, int days, string? url = null) =>
        new()
        {
            ["Input.Version"] = l.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Months"] = months.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Law"] = l.Law,
            ["Input.Article"] = l.Article,
            ["Input.CodeVersion"] = l.CodeVersion,
            ["Input.Verified"] = "true",
            ["Input.SourceUrl"] = url ?? l.SourceUrl ?? "",
            ["Input.Note"] = l.Note ?? "",
        };

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EditingTheMonthsOnThePage_MovesTheStoredDeadline_OfAPersonAlreadyDetained(string provider)
    {
        await using var app = await StartAsync(provider);
        var client = app.CreateClient();
        var country = await IdOf(
            await client.PostAsJsonAsync(
                "/api/v1/places",
                new
                {
                    names = new { en = "Cambodia" },
                    kind = "country",
                    code = "KH",
                }
            )
        );
        var person = await TestApp.CreatePersonAsync(client, "Detained Sokha");
        var caseId = await IdOf(
            await client.PostAsJsonAsync("/api/v1/cases", new { title = "Case of the long wait", jurisdictionId = country })
        );
        await IdOf(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "pre-trial-detention-order",
                    date = "2026-01-10",
                    caseId,
                    personIds = new[] { person },
                }
            )
        );
        async Task<DateOnly> DueAsync()
        {
            await using var db = app.OpenDb();
            return (await db.Deadlines.AsNoTracking().SingleAsync(d => d.PersonId == person && d.Kind == "pre-trial-maximum")).Due;
        }
        Assert.Equal(new DateOnly(2027, 7, 10), await DueAsync());

        var limit = await LimitAsync(app, Felony);
        Assert.Equal(18, limit.Months);
        var saved = await TestApp.PostFormAsync(client, $"/admin/time-limits/{limit.Id}", Form(limit, 12, 0));
        Assert.True(Saved(saved), await saved.Content.ReadAsStringAsync());

        Assert.Equal(new DateOnly(2027, 1, 10), await DueAsync());
        var edited = await LimitAsync(app, Felony);
        Assert.Equal(12, edited.Months);
        Assert.True(edited.Verified);
        Assert.Equal(limit.Version + 1, edited.Version);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/time-limits"));
        Assert.Contains("12 months", page, StringComparison.Ordinal);
        Assert.Contains("pre-trial detention maximum", page, StringComparison.Ordinal);
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/time-limits");
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == Felony);
        Assert.Equal(12, item.GetProperty("months").GetInt32());

        // A stale version is refused on the page: nothing is saved.
        var stale = await TestApp.PostFormAsync(client, $"/admin/time-limits/{limit.Id}", Form(limit, 6, 0));
        Assert.False(Saved(stale));
        Assert.Equal(12, (await LimitAsync(app, Felony)).Months);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ThePut_ChangesTheLimit_AndRefusesBadValuesAsProblemDetails(string provider)
    {
        await using var app = await StartAsync(provider);
        var client = app.CreateClient();
        var limit = await LimitAsync(app, Felony);
        var body = new
        {
            version = limit.Version,
            months = 0,
            days = 0,
            law = limit.Law,
            article = limit.Article,
            codeVersion = limit.CodeVersion,
            verified = true,
            sourceUrl = "javascript:alert(1)",
            note = "x",
        };
        var refused = await client.PutAsJsonAsync($"/api/v1/time-limits/{limit.Id}", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("months", out _));
        Assert.True(errors.TryGetProperty("sourceUrl", out _));
        Assert.Equal(limit.Months, (await LimitAsync(app, Felony)).Months);

        var ok = await client.PutAsJsonAsync(
            $"/api/v1/time-limits/{limit.Id}",
            body with
            {
                months = 20,
                sourceUrl = "https://example.org/ccp",
            }
        );
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(20, (await LimitAsync(app, Felony)).Months);
        var conflict = await client.PutAsJsonAsync($"/api/v1/time-limits/{limit.Id}", body with { months = 3, sourceUrl = "" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ThePage_RefusesBothZero_ABadAddress_AndABadCountry_InKhmer(string provider)
    {
        await using var app = await StartAsync(provider);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");
        var limit = await LimitAsync(app, Felony);

        var zero = await TestApp.PostFormAsync(client, $"/admin/time-limits/{limit.Id}", Form(limit, 0, 0, "ftp://example.org/x"));
        Assert.False(Saved(zero));
        var html = WebUtility.HtmlDecode(await zero.Content.ReadAsStringAsync());
        Assert.Contains("រយៈពេល៖ 0 ខែ និង 0 ថ្ងៃ មិនមែនជារយៈពេលកំណត់ទេ", html, StringComparison.Ordinal);
        Assert.Contains("ប្រភព៖ អាសយដ្ឋានដែលចាប់ផ្តើមដោយ http:// ឬ https://", html, StringComparison.Ordinal);
        Assert.Equal(limit.Version, (await LimitAsync(app, Felony)).Version);

        var added = await TestApp.PostFormAsync(
            client,
            "/admin/time-limits/new",
            new()
            {
                ["Input.Code"] = "vn-test-limit",
                ["Input.Country"] = "vn",
                ["Input.Kind"] = "appeal",
                ["Input.Months"] = "0",
                ["Input.Days"] = "15",
                ["Input.Law"] = "Criminal Procedure Code",
                ["Input.Article"] = "333",
                ["Input.CodeVersion"] = "2015",
            }
        );
        Assert.False(Saved(added));
        Assert.Contains(
            "លេខកូដប្រទេស៖ អក្សរធំពីរ",
            WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync()),
            StringComparison.Ordinal
        );

        var good = await TestApp.PostFormAsync(
            client,
            "/admin/time-limits/new",
            new()
            {
                ["Input.Code"] = "vn-test-limit",
                ["Input.Country"] = "VN",
                ["Input.Kind"] = "appeal",
                ["Input.OffenceClass"] = "",
                ["Input.Months"] = "0",
                ["Input.Days"] = "15",
                ["Input.Law"] = "Criminal Procedure Code",
                ["Input.Article"] = "333",
                ["Input.CodeVersion"] = "2015",
            }
        );
        Assert.True(Saved(good), await good.Content.ReadAsStringAsync());
        var created = await LimitAsync(app, "vn-test-limit");
        Assert.Equal(("VN", 15, (string?)null), (created.Country, created.Days, created.OffenceClass));
        Assert.Contains("15 ថ្ងៃ", WebUtility.HtmlDecode(await client.GetStringAsync("/admin/time-limits")), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitor_Gets403_OnThePagesAndThePut_ButReadsTheList(string provider)
    {
        await using var app = await StartAsync(provider);
        var monitor = await app.AccountAsync(Roles.Monitor);
        var limit = await LimitAsync(app, Felony);
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.Client.GetAsync("/admin/time-limits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.Client.GetAsync($"/admin/time-limits/{limit.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.Client.GetAsync("/admin/time-limits/new")).StatusCode);
        var put = await monitor.Client.PutAsJsonAsync(
            $"/api/v1/time-limits/{limit.Id}",
            new
            {
                version = limit.Version,
                months = 1,
                days = 0,
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await monitor.Client.GetAsync("/api/v1/time-limits")).StatusCode);
        Assert.Equal(limit.Months, (await LimitAsync(app, Felony)).Months);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task APlacesCode_RoundTripsThroughTheApi_AndABadOneIsRefused(string provider)
    {
        await using var app = await StartAsync(provider);
        var client = app.CreateClient();
        var id = await IdOf(
            await client.PostAsJsonAsync(
                "/api/v1/places",
                new
                {
                    names = new { en = "Thailand" },
                    kind = "country",
                    code = "TH",
                }
            )
        );
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/places/{id}");
        Assert.Equal("TH", read.GetProperty("code").GetString());
        var version = read.GetProperty("version").GetInt32();

        var bad = await client.PutAsJsonAsync(
            $"/api/v1/places/{id}",
            new
            {
                names = new { en = "Thailand" },
                kind = "country",
                code = "tha",
                version,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));

        var cleared = await client.PutAsJsonAsync(
            $"/api/v1/places/{id}",
            new
            {
                names = new { en = "Thailand" },
                kind = "country",
                version,
            }
        );
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/places/{id}");
        Assert.False(after.TryGetProperty("code", out var code) && code.ValueKind != JsonValueKind.Null);
    }
}
