using System.Net;
using System.Text.Json;
using Habeas.Campaigns.Actions;
using Habeas.Host.Demo;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Shared;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Organisations;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Pages;

/// <summary>
/// Cases, sources, places and organisations are chosen by a search step (Records/Pickers): a form sends none the reader
/// did not ask for; "find" brings back at most ten that the reader may see, with everything typed kept; the JSON the
/// pickers' script reads offers the same.
/// </summary>
public sealed class RecordPickerTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheEventForm_FindsItsCasePlaceAndActor_TenAtMost_NeverAHiddenCase_AndSavesTheChoice(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var sok = await TestApp.CreatePersonAsync(admin, "Sok Yoeun");
        Guid landCase;
        Guid court;
        Guid prison;
        await using (var db = app.OpenDb())
        {
            for (var i = 0; i < 15; i++)
            {
                db.Cases.Add(new Case { Title = $"Land dispute {i:00}", CourtCaseNumber = $"KS-{i:00}" });
            }
            var land = new Case { Title = "Boeung Kak land case" };
            db.Cases.Add(land);
            db.Cases.Add(new Case { Title = "Land secret case", Level = RecordLevels.Restricted });
            var place = new Place { Kind = "prison", Names = LocalizedText.Of("en", "Prey Sar prison") };
            db.Places.Add(place);
            var organisation = new Organisation { Kind = "court", Names = LocalizedText.Of("en", "Phnom Penh Municipal Court") };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            (landCase, prison, court) = (land.Id, place.Id, organisation.Id);
        }
        var monitor = app.CreateAnonymousClient();
        await app.SignInAsync(monitor, await app.CreateUserAsync(Roles.Monitor));

        var blank = await monitor.GetStringAsync($"/events/new?personId={sok}");
        Assert.DoesNotContain("Land dispute", blank, StringComparison.Ordinal);
        Assert.DoesNotContain("Prey Sar", blank, StringComparison.Ordinal);
        Assert.DoesNotContain("Municipal Court", blank, StringComparison.Ordinal);

        // The script's JSON: ten at most, "type more", never the restricted case.
        using (var json = JsonDocument.Parse(await monitor.GetStringAsync("/pickers/case?q=land")))
        {
            var labels = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()!).ToList();
            Assert.Equal(10, labels.Count);
            Assert.DoesNotContain(labels, l => l.Contains("secret", StringComparison.Ordinal));
            Assert.Contains("More than 10", json.RootElement.GetProperty("status").GetString(), StringComparison.Ordinal);
        }
        using (var json = JsonDocument.Parse(await monitor.GetStringAsync("/pickers/case?q=secret")))
        {
            Assert.Empty(json.RootElement.GetProperty("items").EnumerateArray());
        }
        using (var json = JsonDocument.Parse(await monitor.GetStringAsync("/pickers/case?q=boeung%20la")))
        {
            Assert.Equal(landCase, Assert.Single(json.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await monitor.GetAsync("/pickers/vehicle?q=x")).StatusCode);

        var found = await TestApp.PostFormAsync(
            monitor,
            "/events/new?handler=Find",
            new()
            {
                ["Input.Type"] = "arrest",
                ["Input.Date"] = "2024-03-05",
                ["Input.PersonIds"] = sok.ToString(),
                ["CaseQuery"] = "boeung",
                ["PlaceQuery"] = "prey sar",
                ["ActorQuery"] = "municipal",
            },
            formPage: "/events/new"
        );
        var page = await found.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains($"type=\"radio\" name=\"Input.CaseId\" value=\"{landCase}\"", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"Input.PlaceId\" value=\"{prison}\"", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"Input.ActorOrganisationId\" value=\"{court}\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"2024-03-05\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"boeung\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Land dispute", page, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.Events.AnyAsync());
        }

        var saved = await TestApp.PostFormAsync(
            monitor,
            "/events/new",
            new()
            {
                ["Input.Type"] = "arrest",
                ["Input.Date"] = "2024-03-05",
                ["Input.PersonIds"] = sok.ToString(),
                ["Input.CaseId"] = landCase.ToString(),
                ["Input.PlaceId"] = prison.ToString(),
                ["Input.ActorOrganisationId"] = court.ToString(),
                ["Input.ActorRole"] = "court",
            },
            formPage: "/events/new"
        );
        var after = await saved.Content.ReadAsStringAsync();
        Assert.True(
            TestApp.WentTo(saved, $"/cases/{landCase}"),
            System
                .Text.RegularExpressions.Regex.Match(
                    after,
                    "validation-summary-errors.{0,600}",
                    System.Text.RegularExpressions.RegexOptions.Singleline
                )
                .Value
        );
        await using (var db = app.OpenDb())
        {
            var e = await db.Events.Include(e => e.Actors).SingleAsync();
            Assert.Equal(landCase, e.CaseId);
            Assert.Equal(prison, e.PlaceId);
            Assert.Equal(court, Assert.Single(e.Actors).OrganisationId);
            // Editing it shows the choices made, still no list of every case.
            var edit = await monitor.GetStringAsync($"/events/{e.Id}/edit");
            Assert.Contains($"value=\"{landCase}\" checked", edit, StringComparison.Ordinal);
            Assert.DoesNotContain("Land dispute", edit, StringComparison.Ordinal);
            Assert.Contains($"/citations/new?targetType=event&targetId={e.Id}", edit, StringComparison.Ordinal);
        }
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task CitingAndActionsAndSearch_ChooseSourcesCasesAndPlacesBySearch_SeveralCasesByCheckBoxes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var sok = await TestApp.CreatePersonAsync(admin, "Sok Yoeun");
        Guid report;
        Guid first;
        Guid second;
        Guid district;
        await using (var db = app.OpenDb())
        {
            for (var i = 0; i < 12; i++)
            {
                db.Sources.Add(new Source { Title = $"Press cutting {i:00}" });
                db.Places.Add(new Place { Kind = "commune", Names = LocalizedText.Of("en", $"Commune {i:00}") });
            }
            var source = new Source { Title = "LICADHO report on Prey Sar", Publisher = "LICADHO" };
            db.Sources.Add(source);
            var a = new Case { Title = "Adhoc five" };
            var b = new Case { Title = "Adhoc staff trial" };
            db.Cases.AddRange(a, b);
            var place = new Place { Kind = "district", Names = LocalizedText.Of("en", "Samraong Tong") };
            db.Places.Add(place);
            await db.SaveChangesAsync();
            (report, first, second, district) = (source.Id, a.Id, b.Id, place.Id);
        }
        var coordinator = app.CreateAnonymousClient();
        await app.SignInAsync(coordinator, await app.CreateUserAsync(Roles.Coordinator));

        // A citation's source.
        var cite = $"/citations/new?targetType=person&targetId={sok}";
        Assert.DoesNotContain("Press cutting", await coordinator.GetStringAsync(cite), StringComparison.Ordinal);
        var found = await TestApp.PostFormAsync(
            coordinator,
            "/citations/new?handler=Find",
            new()
            {
                ["Input.TargetType"] = "person",
                ["Input.TargetId"] = sok.ToString(),
                ["Input.Quote"] = "He was taken at night.",
                ["SourceQuery"] = "licadho",
            },
            formPage: cite
        );
        var page = await found.Content.ReadAsStringAsync();
        Assert.Contains($"type=\"radio\" name=\"Input.SourceId\" value=\"{report}\"", page, StringComparison.Ordinal);
        Assert.Contains("He was taken at night.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Press cutting", page, StringComparison.Ordinal);

        // An action's cases: several, ticked, no Ctrl-click.
        Assert.DoesNotContain("Adhoc five", await coordinator.GetStringAsync("/actions/new"), StringComparison.Ordinal);
        found = await TestApp.PostFormAsync(
            coordinator,
            "/actions/new?handler=Find",
            new()
            {
                ["Input.Code"] = "UA 1/26",
                ["Input.Title"] = "Free the Adhoc five",
                ["Input.Kind"] = "urgent-action",
                ["CaseQuery"] = "adhoc",
            },
            formPage: "/actions/new"
        );
        page = await found.Content.ReadAsStringAsync();
        Assert.Contains($"type=\"checkbox\" name=\"Input.CaseIds\" value=\"{first}\"", page, StringComparison.Ordinal);
        Assert.Contains($"type=\"checkbox\" name=\"Input.CaseIds\" value=\"{second}\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Free the Adhoc five\"", page, StringComparison.Ordinal);

        // The search's place filter: found, then applied, without a list of every place.
        var search = await coordinator.GetStringAsync("/search");
        Assert.DoesNotContain("Commune 01", search, StringComparison.Ordinal);
        search = await coordinator.GetStringAsync("/search?q=sok&placeQuery=samraong&findPlace=true");
        Assert.Contains($"type=\"radio\" name=\"place\" value=\"{district}\"", search, StringComparison.Ordinal);
        Assert.Contains("value=\"sok\"", search, StringComparison.Ordinal);
        search = await coordinator.GetStringAsync($"/search?q=sok&place={district}");
        Assert.Contains($"value=\"{district}\" checked", search, StringComparison.Ordinal);
        Assert.DoesNotContain("Commune 01", search, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheChargeTheOfficialAndTheChargeFilter_AreFoundBySearch_NeverListedWhole(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true, settings: TestApp.OwnHost);
        Guid land;
        Guid governor;
        Guid action;
        await using (var db = app.OpenDb())
        {
            for (var i = 0; i < 60; i++)
            {
                db.LegalProvisions.Add(new LegalProvision { Code = "Penal Code", Article = $"{100 + i}" });
                db.CampaignTargets.Add(new CampaignTarget { Title = "Deputy", Name = $"Official {i:00}" });
            }
            var provision = new LegalProvision
            {
                Code = "Land Law",
                Article = "259",
                Title = LocalizedText.Of("en", "Unlawful occupation"),
            };
            var target = new CampaignTarget { Title = "Governor", Organisation = "Kampong Speu Provincial Hall" };
            db.LegalProvisions.Add(provision);
            db.CampaignTargets.Add(target);
            await db.SaveChangesAsync();
            (land, governor) = (provision.Id, target.Id);
            action = await db.CampaignActions.Select(a => a.Id).FirstAsync();
        }
        var admin = app.CreateAnonymousClient();
        await app.SignInAsync(admin, await app.CreateUserAsync(Roles.Administrator));
        var chargePage = $"/cases/{DemoData.AdhocFiveCaseId}/charges/new";

        Assert.DoesNotContain("Penal Code", await admin.GetStringAsync(chargePage), StringComparison.Ordinal);
        var found = await (
            await TestApp.PostFormAsync(
                admin,
                chargePage + "?handler=Find",
                new() { ["Input.Description"] = "Occupying the land", ["ProvisionQuery"] = "land unlawful" },
                chargePage
            )
        ).Content.ReadAsStringAsync();
        Assert.Contains($"name=\"Input.ProvisionId\" value=\"{land}\"", found, StringComparison.Ordinal);
        Assert.Contains("value=\"Occupying the land\"", found, StringComparison.Ordinal);
        Assert.DoesNotContain("Penal Code", found, StringComparison.Ordinal);
        var saved = await TestApp.PostFormAsync(
            admin,
            chargePage,
            new()
            {
                ["Input.Description"] = "Occupying the land",
                ["Input.State"] = "pending",
                ["Input.ProvisionId"] = land.ToString(),
            },
            chargePage
        );
        Assert.True(TestApp.WentTo(saved, $"/cases/{DemoData.AdhocFiveCaseId}"), await saved.Content.ReadAsStringAsync());
        await using (var db = app.OpenDb())
        {
            Assert.True(await db.Charges.AnyAsync(c => c.CaseId == DemoData.AdhocFiveCaseId && c.ProvisionId == land));
        }

        var targetPage = $"/actions/{action}/targets/new";
        Assert.DoesNotContain("Official 0", await admin.GetStringAsync(targetPage), StringComparison.Ordinal);
        var officials = await (
            await TestApp.PostFormAsync(admin, targetPage + "?handler=Find", new() { ["TargetQuery"] = "governor kampong" }, targetPage)
        ).Content.ReadAsStringAsync();
        Assert.Contains($"name=\"Input.TargetId\" value=\"{governor}\"", officials, StringComparison.Ordinal);
        Assert.DoesNotContain("Official 0", officials, StringComparison.Ordinal);
        var added = await TestApp.PostFormAsync(admin, targetPage, new() { ["Input.TargetId"] = governor.ToString() }, targetPage);
        Assert.True(TestApp.WentTo(added, $"/actions/{action}"), await added.Content.ReadAsStringAsync());
        await using (var db = app.OpenDb())
        {
            Assert.Contains(
                governor,
                await db.CampaignActions.Where(a => a.Id == action).SelectMany(a => a.Targets).Select(t => t.TargetId).ToListAsync()
            );
        }

        var search = await admin.GetStringAsync("/search?q=&chargeQuery=unlawful");
        Assert.Contains($"name=\"charge\" value=\"{land}\"", search, StringComparison.Ordinal);
        Assert.DoesNotContain("Penal Code", search, StringComparison.Ordinal);
        Assert.Contains($"value=\"{land}\" checked", await admin.GetStringAsync($"/search?q=&charge={land}"), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await admin.GetStringAsync("/pickers/provision?q=259"));
        Assert.Equal(land, Assert.Single(json.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }
}
