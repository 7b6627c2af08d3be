using System.Net;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Records.Organisations;
using Habeas.Records.Places;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Places;

/// <summary>The place and organisation pages: forms that create and edit, keep what was typed on an error or a search
/// step, and never offer more than 50 places to choose from.</summary>
public sealed partial class PlacesPageTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ThePlaceForm_CreatesAPlaceInsideItsParent_AndTheDetailsShowTheChain(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Guid province;
        await using (var db = app.OpenDb())
        {
            var country = new Place
            {
                Kind = "country",
                Names = new() { ["en"] = "Cambodia" },
            };
            var speu = new Place
            {
                Kind = "province",
                Names = new() { ["en"] = "Kampong Speu" },
                Parent = country,
            };
            db.Places.AddRange(country, speu);
            await db.SaveChangesAsync();
            province = speu.Id;
        }

        var response = await TestApp.PostFormAsync(
            client,
            "/places/new",
            new()
            {
                ["Input.Names[en]"] = "Oudong",
                ["Input.Names[km]"] = "ឧដុង្គ",
                ["Input.Kind"] = "district",
                ["Input.ParentId"] = province.ToString(),
            }
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var check = app.OpenDb();
        var oudong = await check.Places.SingleAsync(p => p.Kind == "district");
        Assert.Equal($"/places/{oudong.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("ឧដុង្គ", oudong.Names["km"]);
        Assert.Equal(province, oudong.ParentId);
        Assert.Equal(1, await check.RecordVersions.CountAsync(v => v.RecordType == "place" && v.RecordId == oudong.Id));
        var details = await client.GetStringAsync($"/places/{oudong.Id}");
        Assert.True(
            ChainPattern().IsMatch(details),
            details[details.IndexOf("<dl", StringComparison.Ordinal)..details.IndexOf("</dl>", StringComparison.Ordinal)]
        );
        Assert.Contains($"/history/place/{oudong.Id}", details);
        Assert.Contains($"href=\"/places/{oudong.Id}\">Oudong</a>", await client.GetStringAsync($"/places/{province}"));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnEditWithAnError_SavesNothing_KeepsWhatWasTyped_AndNamesTheFieldInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        Guid id;
        await using (var db = app.OpenDb())
        {
            var place = new Place
            {
                Kind = "province",
                Names = new() { ["en"] = "Kampong Speu" },
            };
            db.Places.Add(place);
            await db.SaveChangesAsync();
            id = place.Id;
        }

        var response = await TestApp.PostFormAsync(
            client,
            $"/places/{id}/edit?lang=km",
            new()
            {
                ["Input.Names[en]"] = "Kampong Speu typed",
                ["Input.Names[km]"] = "កំពង់ស្ពឺ",
                ["Input.Kind"] = "",
                ["Input.Version"] = "1",
            }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Kampong Speu typed\"", html);
        Assert.Contains("value=\"កំពង់ស្ពឺ\"", html);
        Assert.Contains("ប្រភេទ៖ សូមជ្រើសរើសប្រភេទ។", html);
        await using var check = app.OpenDb();
        var stored = await check.Places.SingleAsync();
        Assert.Equal("Kampong Speu", stored.Names["en"]);
        Assert.Equal(1, stored.Version);

        // An organisation with no name: the field named, in English.
        var organisation = await TestApp.PostFormAsync(
            client,
            "/organisations/new",
            new() { ["Input.Kind"] = "court", ["Input.Acronym"] = "KSPC" }
        );
        var organisationHtml = await organisation.Content.ReadAsStringAsync();
        Assert.Contains("Names: write the name in at least one language.", organisationHtml);
        Assert.Contains("value=\"KSPC\"", organisationHtml);
        Assert.Equal(0, await check.Organisations.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheParentSearchStep_OffersAtMost50Places_AndKeepsWhatWasTyped(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var client = app.CreateClient();
        await using (var db = app.OpenDb())
        {
            for (var i = 1; i <= 70; i++)
            {
                db.Places.Add(
                    new Place
                    {
                        Kind = "commune",
                        Names = new() { ["en"] = $"Sangkat {i:00}", ["km"] = $"សង្កាត់ {i:00}" },
                    }
                );
            }
            db.Places.Add(
                new Place
                {
                    Kind = "province",
                    Names = new() { ["en"] = "Kampong Speu", ["km"] = "កំពង់ស្ពឺ" },
                }
            );
            await db.SaveChangesAsync();
        }

        var form = await client.GetStringAsync("/places/new");
        Assert.DoesNotContain("<select name=\"Input.ParentId\"", form);
        Assert.Single(ParentOptions().Matches(form));

        var many = await TestApp.PostFormAsync(
            client,
            "/places/new?handler=Find",
            new()
            {
                ["Input.Names[en]"] = "Typed village",
                ["Input.Kind"] = "commune",
                ["ParentQuery"] = "sangkat",
            },
            formPage: "/places/new"
        );
        Assert.Equal(HttpStatusCode.OK, many.StatusCode);
        var manyHtml = await many.Content.ReadAsStringAsync();
        Assert.Equal(51, ParentOptions().Count(manyHtml)); // "none" and 50 places
        Assert.Contains("value=\"Typed village\"", manyHtml);
        Assert.Contains("value=\"sangkat\"", manyHtml);
        Assert.Contains("<option value=\"commune\" selected=\"selected\">", manyHtml);
        Assert.Contains("70 places found; the first 50 are shown above.", manyHtml);
        Assert.DoesNotContain("validation-summary-errors\"><ul>", manyHtml);

        var khmer = await TestApp.PostFormAsync(
            client,
            "/places/new?handler=Find&lang=km",
            new() { ["Input.Names[km]"] = "ភូមិ", ["ParentQuery"] = "ស្ពឺ" },
            formPage: "/places/new"
        );
        var khmerHtml = await khmer.Content.ReadAsStringAsync();
        Assert.Equal(2, ParentOptions().Count(khmerHtml));
        Assert.Contains("កំពង់ស្ពឺ", khmerHtml);
        Assert.Contains("value=\"ភូមិ\"", khmerHtml);
        await using var check = app.OpenDb();
        Assert.Equal(71, await check.Places.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AViewer_SeesNoButtonToWrite_AndCannotOpenTheForms(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true, role: Roles.Viewer);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await using var db = app.OpenDb();
        var place = await db.Places.Select(p => p.Id).FirstAsync();
        var organisation = await db.Organisations.Select(o => o.Id).FirstAsync();

        foreach (var language in new[] { "en", "km" })
        {
            foreach (var page in new[] { "/places", $"/places/{place}", "/organisations", $"/organisations/{organisation}" })
            {
                var response = await client.GetAsync($"{page}?lang={language}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("/new\"", html);
                Assert.DoesNotContain("/edit\"", html);
                Assert.DoesNotMatch(MissingKey(), html);
            }
        }
        Assert.Contains("Phnom Penh", await client.GetStringAsync("/places?q=phnom"));
        Assert.Contains("ADHOC", await client.GetStringAsync("/organisations?q=adhoc"));
        foreach (var form in new[] { "/places/new", $"/places/{place}/edit", "/organisations/new", $"/organisations/{organisation}/edit" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(form)).StatusCode);
        }
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitor_SeesTheButtons_AndTheFormsAnswerInBothLanguages(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true, role: Roles.Monitor);
        var client = app.CreateClient();
        await using var db = app.OpenDb();
        var place = await db.Places.Select(p => p.Id).FirstAsync();
        var organisation = await db.Organisations.Select(o => o.Id).FirstAsync();
        Assert.Contains("href=\"/places/new\"", await client.GetStringAsync("/places"));
        Assert.Contains("href=\"/organisations/new\"", await client.GetStringAsync("/organisations"));
        Assert.Contains("href=\"/places\"", await client.GetStringAsync("/"));
        foreach (var language in new[] { "en", "km" })
        {
            foreach (
                var page in new[] { "/places/new", $"/places/{place}/edit", "/organisations/new", $"/organisations/{organisation}/edit" }
            )
            {
                var response = await client.GetAsync($"{page}?lang={language}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotMatch(MissingKey(), await response.Content.ReadAsStringAsync());
            }
        }
    }

    [GeneratedRegex(@"Kampong Speu</a>,\s*<a href=""/places/[0-9a-f-]+"">Cambodia</a>")]
    private static partial Regex ChainPattern();

    [GeneratedRegex("<input type=\"radio\" name=\"Input.ParentId\"")]
    private static partial Regex ParentOptions();

    [GeneratedRegex(@"\[[a-z]+\.[a-zA-Z.-]+\]")]
    private static partial Regex MissingKey();
}
