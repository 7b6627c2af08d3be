using System.Net.Http.Json;
using Habeas.Platform.Accounts;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Pages;

/// <summary>
/// The case form chooses its people by a search step, never a list of everyone: the form sends no person the reader
/// did not ask for; "find" comes back with what was typed and the matches (any spelling, any script), saves nothing;
/// the chosen person is saved as the case's.
/// </summary>
public sealed class PersonPickerTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheCaseForm_FindsPeopleByAnySpelling_SendsNoListOfEveryone_AndKeepsWhatWasTyped(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var sok = await TestApp.CreatePersonAsync(admin, "Sok Yoeun");
        for (var i = 0; i < 60; i++)
        {
            await TestApp.CreatePersonAsync(admin, $"Bystander {i:00}");
        }
        var province = await admin.PostAsJsonAsync("/api/v1/places", new { names = new { en = "Kampong Speu" }, kind = "province" });
        Assert.Equal(System.Net.HttpStatusCode.Created, province.StatusCode);
        var kampongSpeu = (await province.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        var monitor = app.CreateAnonymousClient();
        await app.SignInAsync(monitor, await app.CreateUserAsync(Roles.Monitor));

        var blank = await monitor.GetStringAsync("/cases/new");
        Assert.DoesNotContain("Bystander", blank, StringComparison.Ordinal);
        Assert.DoesNotContain("Sok Yoeun", blank, StringComparison.Ordinal);
        // The jurisdiction too is found, not listed.
        Assert.DoesNotContain("Kampong Speu", blank, StringComparison.Ordinal);

        var found = await TestApp.PostFormAsync(
            monitor,
            "/cases/new?handler=Find",
            new()
            {
                ["Input.Title"] = "Sok Yoeun's case",
                ["Input.People[0].Role"] = "defendant",
                ["PeopleQuery[0]"] = "sok yeun",
                ["JurisdictionQuery"] = "kampong",
            },
            formPage: "/cases/new"
        );
        var page = await found.Content.ReadAsStringAsync();
        Assert.Contains($"name=\"Input.JurisdictionId\" value=\"{kampongSpeu}\"", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, found.StatusCode);
        Assert.Contains($"name=\"Input.People[0].PersonId\" value=\"{sok}\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Sok Yoeun&#x27;s case\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"sok yeun\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Bystander", page, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.Cases.AnyAsync());
        }

        var saved = await TestApp.PostFormAsync(
            monitor,
            "/cases/new",
            new()
            {
                ["Input.Title"] = "Sok Yoeun's case",
                ["Input.People[0].PersonId"] = sok.ToString(),
                ["Input.People[0].Role"] = "defendant",
            }
        );
        Assert.True(saved.IsSuccessStatusCode || (int)saved.StatusCode == 302, saved.StatusCode.ToString());
        await using (var db = app.OpenDb())
        {
            var c = await db.Cases.Include(c => c.Participants).SingleAsync();
            Assert.Equal(sok, Assert.Single(c.Participants).PersonId);
        }
        // Editing it shows the person chosen, still without a list of everyone.
        var edit = await monitor.GetStringAsync($"/cases/{(await IdAsync(app))}/edit");
        Assert.Contains($"value=\"{sok}\" checked", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("Bystander", edit, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheEventForm_TicksSeveralPeopleFoundByName_WithoutCtrlClick_AndSendsNoListOfEveryone(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var sok = await TestApp.CreatePersonAsync(admin, "Sok Yoeun");
        var dara = await TestApp.CreatePersonAsync(admin, "ចាន់ ដារា");
        for (var i = 0; i < 20; i++)
        {
            await TestApp.CreatePersonAsync(admin, $"Bystander {i:00}");
        }
        var monitor = app.CreateAnonymousClient();
        await app.SignInAsync(monitor, await app.CreateUserAsync(Roles.Monitor));

        var form = await monitor.GetStringAsync($"/events/new?personId={sok}");
        Assert.Contains($"type=\"checkbox\" name=\"Input.PersonIds\" value=\"{sok}\" checked", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Bystander", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<select name=\"Input.PersonIds\"", form, StringComparison.Ordinal);

        var found = await TestApp.PostFormAsync(
            monitor,
            "/events/new?handler=Find",
            new()
            {
                ["Input.Type"] = "arrest",
                ["Input.Date"] = "2024-03-05",
                ["Input.PersonIds"] = sok.ToString(),
                ["PeopleQuery"] = "ចាន់ ដារា",
            },
            formPage: "/events/new"
        );
        var page = await found.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{sok}\" checked", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"Input.PersonIds\" value=\"{dara}\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"2024-03-05\"", page, StringComparison.Ordinal);

        var saved = await monitor.PostAsync(
            "/events/new",
            new FormUrlEncodedContent([
                new("__RequestVerificationToken", Token(page)),
                new("Input.Type", "arrest"),
                new("Input.Date", "2024-03-05"),
                new("Input.PersonIds", sok.ToString()),
                new("Input.PersonIds", dara.ToString()),
            ])
        );
        Assert.True((int)saved.StatusCode < 400, saved.StatusCode.ToString());
        await using var db = app.OpenDb();
        var people = await db.EventPeople.Select(p => p.PersonId).ToListAsync();
        Assert.Equal(new[] { sok, dara }.Order(), people.Order());
    }

    private static string Token(string page) =>
        System
            .Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1]
            .Value;

    private static async Task<Guid> IdAsync(TestApp app)
    {
        await using var db = app.OpenDb();
        return await db.Cases.Select(c => c.Id).SingleAsync();
    }
}
