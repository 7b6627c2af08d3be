using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Platform.Shared;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Localization;

/// <summary>
/// What the API and the pages say reaches the reader in their language: validation problems, problem details and
/// custody warnings are text keys said in the request's language (Accept-Language), English by default.
/// </summary>
public sealed partial class MessagesTests
{
    [GeneratedRegex(@"\p{IsKhmer}")]
    private static partial Regex Khmer();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    /// <summary>An empty name and an impossible date; a name of 401 characters.</summary>
    private static readonly object[] InvalidPeople = [new { name = "", birthDate = "1985-02-30" }, new { name = new string('ក', 401) }];

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task InvalidPerson_InKhmer_Is400WithEveryMessageInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");

        var fields = new List<string>();
        foreach (var body in InvalidPeople)
        {
            var response = await client.PostAsJsonAsync("/api/v1/people", body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Matches(Khmer(), problem.RootElement.GetProperty("title").GetString()!);
            var errors = problem.RootElement.GetProperty("errors");
            fields.AddRange(errors.EnumerateObject().Select(e => e.Name));
            var messages = errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()!).ToList();
            Assert.NotEmpty(messages);
            foreach (var message in messages)
            {
                Assert.Matches(Khmer(), message);
                Assert.DoesNotContain("required", message, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("too long", message, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("not a date", message, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("name", message, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.Equal(["name", "birthDate", "name"], fields);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task InvalidPerson_WithoutALanguage_Is400InEnglish(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var empty = await client.PostAsJsonAsync("/api/v1/people", InvalidPeople[0]);
        var tooLong = await client.PostAsJsonAsync("/api/v1/people", InvalidPeople[1]);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using var first = JsonDocument.Parse(await empty.Content.ReadAsStringAsync());
        using var second = JsonDocument.Parse(await tooLong.Content.ReadAsStringAsync());
        Assert.Equal("Some fields are not valid.", first.RootElement.GetProperty("title").GetString());
        var errors = first.RootElement.GetProperty("errors");
        Assert.Equal("A person needs at least one name.", errors.GetProperty("name")[0].GetString());
        Assert.StartsWith(
            "Date of birth: '1985-02-30' is not a date: February 1985 has 28 days.",
            errors.GetProperty("birthDate")[0].GetString()
        );
        Assert.Equal(
            "Name is too long: at most 400 characters, this has 401.",
            second.RootElement.GetProperty("errors").GetProperty("name")[0].GetString()
        );
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task UnknownPerson_InKhmer_Is404InKhmer_AndInEnglishWithoutALanguage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = System.Guid.CreateVersion7();

        var english = await client.GetAsync($"/api/v1/people/{id}");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");
        var khmer = await client.GetAsync($"/api/v1/people/{id}");

        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
        using (var problem = JsonDocument.Parse(await english.Content.ReadAsStringAsync()))
        {
            Assert.Equal("No such person.", problem.RootElement.GetProperty("title").GetString());
            Assert.Equal($"There is no person with id {id}.", problem.RootElement.GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, khmer.StatusCode);
        using (var problem = JsonDocument.Parse(await khmer.Content.ReadAsStringAsync()))
        {
            var title = problem.RootElement.GetProperty("title").GetString()!;
            Assert.Matches(Khmer(), title);
            Assert.Contains("បុគ្គល", title, StringComparison.Ordinal);
            Assert.DoesNotContain("No such", title, StringComparison.Ordinal);
            Assert.Matches(Khmer(), problem.RootElement.GetProperty("detail").GetString()!);
        }
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task UndatedRelease_InKhmer_IsAWarningNamingTheEventTypeInKhmer_NeverItsId(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Yi Soksan");
        var release = await client.PostAsJsonAsync("/api/v1/events", new { type = "release", personIds = new[] { id } });
        Assert.Equal(HttpStatusCode.Created, release.StatusCode);

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");
        using var person = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/people/{id}"));

        var warning = Assert.Single(person.RootElement.GetProperty("custodyWarnings").EnumerateArray());
        Assert.Equal("undated", warning.GetProperty("code").GetString());
        var message = warning.GetProperty("message").GetString()!;
        Assert.Contains("ការដោះលែង", message, StringComparison.Ordinal); // "Release"
        Assert.Matches(Khmer(), message);
        Assert.DoesNotMatch(Guid(), message);
        Assert.DoesNotContain("release", message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task UndatedRelease_OnThePersonPage_InKhmer_NamesTheEventTypeInKhmer_NeverItsId(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var api = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(api, "Yi Soksan");
        var release = await api.PostAsJsonAsync("/api/v1/events", new { type = "release", personIds = new[] { id } });
        var eventId = (await release.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        var user = await app.CreateUserAsync(Habeas.Platform.Accounts.Roles.Monitor);
        var client = app.CreateAnonymousClient();
        await app.SignInAsync(client, user);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/people/{id}"));

        var notice = html[html.IndexOf("class=\"notice\"", StringComparison.Ordinal)..];
        notice = notice[..notice.IndexOf("</div>", StringComparison.Ordinal)];
        Assert.Contains("«ការដោះលែង» គ្មានកាលបរិច្ឆេទ", notice, StringComparison.Ordinal);
        Assert.DoesNotContain(eventId.ToString(), notice, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(Guid(), notice);
    }

    [Fact]
    public void Countries_AreNamedInTheReadersLanguage()
    {
        Assert.Equal("Cambodia", Countries.Name("KH", "en"));
        Assert.Equal("កម្ពុជា", Countries.Name("KH", "km"));
        Assert.Equal("ថៃ", Countries.Name("TH", "km"));
        Assert.Equal("กัมพูชา", Countries.Name("KH", "th"));
        Assert.Equal("", Countries.Name(null, "km"));
    }

    [Fact]
    public void EveryScriptTheNamesCodeDetects_HasAName()
    {
        var texts = new Habeas.Platform.Localization.Texts();
        var samples = new[]
        {
            "Sok",
            "សុខ",
            "สมชาย",
            "Иван",
            "محمد",
            "အောင်",
            "王",
            "Σωκράτης",
            "한국",
            "ひら",
            "カタ",
            "שלום",
            "ລາວ",
            "नमस्ते",
            "ქართ",
            "Հայ",
            "བོད",
        };
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("km");
            foreach (var sample in samples)
            {
                var script = Habeas.Core.Names.ScriptDetector.Detect(sample);
                Assert.True(Habeas.Platform.Localization.Texts.Has("script." + script), script);
                Assert.Matches(Khmer(), Habeas.Platform.Localization.Display.Script(script, texts));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
