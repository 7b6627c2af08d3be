using System.Net;
using System.Text.RegularExpressions;
using Habeas.Host.Demo;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Pages;

public sealed partial class PageTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task PersonPage_ShowsNamesTimelineAndDerivedCustody(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var html = await app.CreateClient().GetStringAsync($"/people/{DemoData.SokYoeunId}");

        Assert.Contains("សុខ យឿន", html);
        Assert.Contains("Sok Yoeurn", html);
        Assert.Contains("<svg class=\"custody\"", html);
        Assert.Contains("Immigration or extradition detention", html);
        Assert.Contains("June 2000", html);
        Assert.Contains("26 February 2004", html);
        Assert.Contains("about December 1999", html);
        Assert.Contains("Reunited with his family in Finland", html);
        Assert.Contains("Sok Yoeun, PoC, Thailand, 2004", html);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task PersonPage_InKhmer_UsesKhmerLabelsAndLanguage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var html = await app.CreateClient().GetStringAsync($"/people/{DemoData.SokYoeunId}?lang=km");

        Assert.Contains("<html lang=\"km\">", html);
        await using var db = app.OpenDb();
        var khmerLabel = (
            await db.VocabularyTerms.SingleAsync(t => t.Vocabulary == "custody-status" && t.Code == "administrative-detention")
        ).Labels["km"];
        Assert.Contains(khmerLabel, html);
        Assert.DoesNotContain("Immigration or extradition detention", html);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task EveryPage_Answers200_InBothLanguages(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient();
        await using var db = app.OpenDb();
        var source = await db.Sources.Select(s => s.Id).FirstAsync();
        var ev = await db.Events.Select(e => e.Id).FirstAsync();
        var citation = await db.Citations.Select(c => c.Id).FirstAsync();
        var pages = new[]
        {
            "/",
            "/people",
            "/people/new",
            $"/people/{DemoData.SokYoeunId}",
            $"/people/{DemoData.SokYoeunId}/edit",
            "/people?status=exile",
            "/cases",
            "/cases/new",
            $"/cases/{DemoData.AdhocFiveCaseId}",
            $"/cases/{DemoData.AdhocFiveCaseId}/edit",
            $"/cases/{DemoData.AdhocFiveCaseId}/charges/new",
            "/events/new",
            $"/events/{ev}/edit",
            "/sources",
            "/sources/new",
            $"/sources/{source}",
            $"/sources/{source}/edit",
            $"/citations/new?targetType=case&targetId={DemoData.AdhocFiveCaseId}",
            $"/history/person/{DemoData.SokYoeunId}",
            "/statistics?on=2003-01-01",
            $"/citations/{citation}/edit",
            "/admin/users",
            "/admin/teams",
            "/admin/audit",
            "/admin/audit?page=2&action=created",
            "/account/tokens",
        };
        foreach (var language in new[] { "en", "km" })
        {
            foreach (var page in pages)
            {
                var response = await client.GetAsync(page + (page.Contains('?') ? "&" : "?") + "lang=" + language);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} in {language}: {(int)response.StatusCode}");
                var html = await response.Content.ReadAsStringAsync();
                Assert.DoesNotMatch(MissingKey(), html);
            }
        }
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task PersonForm_WithABadDate_ExplainsIt_AndKeepsWhatWasTyped_SavingNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var form = await client.GetStringAsync("/people/new");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;

        var response = await client.PostAsync(
            "/people/new",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Input.Names[0].Text"] = "ឡុង សុគន្ធី",
                    ["Input.BirthDate"] = "1971-13",
                    ["Input.Occupation"] = "Farmer",
                }
            )
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("the month must be 1–12", html);
        Assert.Contains("value=\"ឡុង សុគន្ធី\"", html);
        Assert.Contains("value=\"Farmer\"", html);
        Assert.Contains("value=\"1971-13\"", html);
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.People.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task CitationForm_EditsTheQuote_AndKeepsTheEarlierVersion(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        Guid id,
            source;
        await using (var before = app.OpenDb())
        {
            var first = await before
                .Citations.Where(c => c.TargetType == "person" && c.TargetId == DemoData.SokYoeunId)
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.SourceId })
                .FirstAsync();
            (id, source) = (first.Id, first.SourceId);
        }
        var form = await client.GetStringAsync($"/citations/{id}/edit");
        // The last form on the page is the citation's (the first is the language switch).
        var fields = Inputs()
            .Matches(form)
            .GroupBy(m => m.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => System.Net.WebUtility.HtmlDecode(g.Last().Groups["value"].Value));
        fields.Remove("returnUrl");
        fields["Input.SourceId"] = source.ToString();

        fields["Input.Quote"] = "Born in 1972 in Prey Veng province";
        fields["Input.Page"] = "2";
        var response = await client.PostAsync($"/citations/{id}/edit", new FormUrlEncodedContent(fields));

        // Saved, then back to the page of the record the source supports.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/people/{DemoData.SokYoeunId}", response.Headers.Location?.OriginalString);
        await using var db = app.OpenDb();
        var citation = await db.Citations.SingleAsync(c => c.Id == id);
        Assert.Equal("Born in 1972 in Prey Veng province", citation.Quote);
        Assert.Equal(2, citation.Version);
        Assert.Equal(2, await db.RecordVersions.CountAsync(v => v.RecordId == id));
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Forms_WithoutTheAntiforgeryToken_AreRejected(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var response = await app.CreateClient()
            .PostAsync("/people/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Names[0].Text"] = "Sok Yoeun" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.People.CountAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<input[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Inputs();

    [GeneratedRegex(@"\[[a-z]+\.[a-zA-Z.-]+\]")]
    private static partial Regex MissingKey();
}
