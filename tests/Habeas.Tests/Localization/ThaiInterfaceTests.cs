using System.Net;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Platform.Localization;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Pages;

namespace Habeas.Tests.Localization;

/// <summary>
/// Issue 18: the whole interface works in Thai from its PO file alone. An administrator reading Thai walks every page
/// the form walk opens (the demonstration data and sixty records of each kind): each is in Thai, with no key missing;
/// /admin/translations lists nothing missing for Khmer and Thai.
/// </summary>
public sealed partial class ThaiInterfaceTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task EveryPage_InThai_HasNoMissingKey(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var ids = await FormWalkTests.PlantAsync(app);
        var admin = app.CreateAnonymousClient();
        await app.SignInAsync(admin, await app.CreateUserAsync(Roles.Administrator));
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("th");

        var routes = Endpoints
            .All(app.Services)
            .Where(o => o.Method == "GET" && !o.IsApi && !FormWalkTests.NotPages.ContainsKey(o.Route))
            .Select(o => o.Route)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var walked = new List<string>();
        var problems = new List<string>();
        foreach (var route in routes)
        {
            var path = FormWalkTests.Fill(route, ids);
            using var response = await admin.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var html = await response.Content.ReadAsStringAsync();
            walked.Add(route);
            if (!html.Contains("<html lang=\"th\"", StringComparison.Ordinal))
            {
                problems.Add($"{path}: not in Thai");
            }
            if (!html.Any(c => c is >= '\u0E00' and <= '\u0E7F'))
            {
                problems.Add($"{path}: no Thai text");
            }
            foreach (Match missing in MissingKey().Matches(html))
            {
                problems.Add($"{path}: {missing.Value}");
            }
        }
        Assert.True(walked.Count >= 80, $"only {walked.Count} pages walked");
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var translations = await admin.GetStringAsync("/admin/translations");
        Assert.Equal(2, NothingMissing().Count(translations));
        Assert.Empty(Texts.Missing("km"));
        Assert.Empty(Texts.Missing("th"));
    }

    /// <summary>The page shows a language with nothing missing as "ไม่มี" in its third column.</summary>
    [GeneratedRegex("<td[^>]*>ไม่มี</td>")]
    private static partial Regex NothingMissing();

    /// <summary>How a key no language has is shown: "[some.key]".</summary>
    [GeneratedRegex(@"\[[a-z][\w-]*\.[\w.-]+\]")]
    private static partial Regex MissingKey();
}
