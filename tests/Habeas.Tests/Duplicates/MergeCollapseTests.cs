using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Records.Events;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Duplicates;

/// <summary>A merge keeps identical names and identical events once (docs/search.md, "Identical names and events"),
/// and undoing it brings both back as they were.</summary>
public sealed class MergeCollapseTests
{
    private const string Arrests = "/api/v1/statistics/figures/arrests-releases?from=2024-01-01&to=2024-06-30";

    private sealed record Twins(
        Guid Kept,
        Guid Duplicate,
        Guid KeptArrest,
        Guid DuplicateArrest,
        Guid KeptSource,
        Guid DuplicateSource,
        Guid Police
    );

    /// <summary>Two records of one man, each with his name "Sok Yoeun" (the duplicate's with its parts) and the arrest of
    /// 12 March 2024 in Phnom Penh, each arrest cited to its own source; the duplicate also has his Khmer name.</summary>
    private static async Task<Twins> RecordTwiceAsync(TestApp app, HttpClient client, string duplicateArrestDate = "2024-03-12")
    {
        var place = new Place
        {
            Kind = "city",
            Names = new() { ["en"] = "Phnom Penh", ["km"] = "ភ្នំពេញ" },
        };
        var police = new Organisation
        {
            Kind = "police",
            Names = new() { ["en"] = "Phnom Penh Municipal Police" },
        };
        await using (var db = app.OpenDb())
        {
            db.Places.Add(place);
            db.Organisations.Add(police);
            await db.SaveChangesAsync();
        }
        var kept = await CreatedId(await client.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun" }));
        var duplicate = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/people",
                new
                {
                    names = new object[]
                    {
                        new
                        {
                            text = "Sok Yoeun",
                            familyName = "Sok",
                            givenName = "Yoeun",
                        },
                        new { text = "សុខ យឿន" },
                    },
                }
            )
        );
        var keptArrest = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2024-03-12",
                    placeId = place.Id,
                    personIds = new[] { kept },
                    description = new Dictionary<string, string> { ["en"] = "Arrested at his home by the police." },
                }
            )
        );
        var duplicateArrest = await CreatedId(
            await client.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = duplicateArrestDate,
                    placeId = place.Id,
                    personIds = new[] { duplicate },
                    description = new Dictionary<string, string> { ["km"] = "ត្រូវបានចាប់ខ្លួននៅផ្ទះ។" },
                    actorOrganisationId = police.Id,
                    actorRole = "police",
                }
            )
        );
        var keptSource = await CreatedId(await client.PostAsJsonAsync("/api/v1/sources", new { title = "Phnom Penh Post, 13 March 2024" }));
        var duplicateSource = await CreatedId(
            await client.PostAsJsonAsync("/api/v1/sources", new { title = "Amnesty International UA 12/24" })
        );
        foreach (var (source, target) in new[] { (keptSource, keptArrest), (duplicateSource, duplicateArrest) })
        {
            Assert.Equal(
                HttpStatusCode.Created,
                (
                    await client.PostAsJsonAsync(
                        "/api/v1/citations",
                        new
                        {
                            sourceId = source,
                            targetType = "event",
                            targetId = target,
                        }
                    )
                ).StatusCode
            );
        }
        return new Twins(kept, duplicate, keptArrest, duplicateArrest, keptSource, duplicateSource, police.Id);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Merge_WithAnIdenticalNameAndArrest_KeepsEachOnce_CountsTheArrestOnce_AndUndoPutsBothBackAsTheyWere(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var t = await RecordTwiceAsync(app, client);
        var keptBefore = await PersonAsync(client, t.Kept);
        var duplicateBefore = await PersonAsync(client, t.Duplicate);
        Assert.Equal(2, await ArrestsInMarchAsync(client));

        // The compare page says what will be kept once, in English and in Khmer.
        var compare = await client.GetStringAsync($"/duplicates/compare?a={t.Kept}&b={t.Duplicate}");
        Assert.Contains("1 identical name and 1 identical event will be kept once.", compare, StringComparison.Ordinal);
        var khmer = await client.GetStringAsync($"/duplicates/compare?a={t.Kept}&b={t.Duplicate}&lang=km");
        Assert.Contains("ឈ្មោះដូចគ្នាចំនួន 1 និងព្រឹត្តិការណ៍ដូចគ្នាចំនួន 1 នឹងត្រូវរក្សាទុកតែមួយ", khmer, StringComparison.Ordinal);

        Assert.Equal(
            HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/people/{t.Duplicate}/merge", new { into = t.Kept })).StatusCode
        );

        var survivor = await PersonAsync(client, t.Kept);
        Assert.Equal(
            ["Sok Yoeun", "សុខ យឿន"],
            survivor.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("text").GetString())
        );
        Assert.Equal(t.KeptArrest, Assert.Single(survivor.GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid());
        // His custody is that of one arrest: as the kept record's was before.
        Assert.Equal(keptBefore.GetProperty("custody").GetRawText(), survivor.GetProperty("custody").GetRawText());
        Assert.Equal(keptBefore.GetProperty("custodyWarnings").GetRawText(), survivor.GetProperty("custodyWarnings").GetRawText());
        Assert.Equal(1, await ArrestsInMarchAsync(client));
        // The duplicate's arrest is retracted (410, with the reason), its source now cites the arrest kept, and the
        // kept arrest has the description in Khmer the other held.
        var gone = await client.GetAsync($"/api/v1/events/{t.DuplicateArrest}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains($"the same as event {t.KeptArrest}", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(t.KeptArrest, (await db.Citations.SingleAsync(c => c.SourceId == t.DuplicateSource)).TargetId);
            var keptArrest = await db.Events.SingleAsync(e => e.Id == t.KeptArrest);
            Assert.Equal("ត្រូវបានចាប់ខ្លួននៅផ្ទះ។", keptArrest.Description["km"]);
            Assert.Equal(t.KeptArrest, (await db.EventActors.SingleAsync(a => a.OrganisationId == t.Police)).EventId);
            // The richer name (with its parts) filled in the survivor's; the duplicate's copy stayed with it.
            var name = await db.PersonNames.SingleAsync(n => n.PersonId == t.Kept && n.Text == "Sok Yoeun");
            Assert.Equal(("Sok", "Yoeun"), (name.FamilyName, name.GivenName));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "retracted" && a.RecordId == t.DuplicateArrest));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/people/{t.Duplicate}/unmerge", null)).StatusCode);

        foreach (var (id, before) in new[] { (t.Kept, keptBefore), (t.Duplicate, duplicateBefore) })
        {
            var after = await PersonAsync(client, id);
            foreach (var part in new[] { "names", "events", "custody", "custodyStatus", "custodyWarnings" })
            {
                Assert.Equal(before.GetProperty(part).GetRawText(), after.GetProperty(part).GetRawText());
            }
        }
        Assert.Equal(2, await ArrestsInMarchAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/events/{t.DuplicateArrest}")).StatusCode);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(t.DuplicateArrest, (await db.Citations.SingleAsync(c => c.SourceId == t.DuplicateSource)).TargetId);
            Assert.Equal(t.KeptArrest, (await db.Citations.SingleAsync(c => c.SourceId == t.KeptSource)).TargetId);
            Assert.False((await db.Events.SingleAsync(e => e.Id == t.KeptArrest)).Description.ContainsKey("km"));
            Assert.Equal(t.DuplicateArrest, (await db.EventActors.SingleAsync(a => a.OrganisationId == t.Police)).EventId);
            var name = await db.PersonNames.SingleAsync(n => n.PersonId == t.Kept);
            Assert.Equal(("Sok Yoeun", null, null), (name.Text, name.FamilyName, name.GivenName));
            Assert.Equal(
                ["Sok Yoeun", "សុខ យឿន"],
                await db.PersonNames.Where(n => n.PersonId == t.Duplicate).OrderBy(n => n.SortOrder).Select(n => n.Text).ToListAsync()
            );
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "restored" && a.RecordId == t.DuplicateArrest));
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Merge_OfArrestsOnDifferentDays_KeepsBoth(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var t = await RecordTwiceAsync(app, client, duplicateArrestDate: "2024-03-14");
        var compare = await client.GetStringAsync($"/duplicates/compare?a={t.Kept}&b={t.Duplicate}");
        Assert.Contains("1 identical name will be kept once.", compare, StringComparison.Ordinal);

        Assert.Equal(
            HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/people/{t.Duplicate}/merge", new { into = t.Kept })).StatusCode
        );

        var survivor = await PersonAsync(client, t.Kept);
        Assert.Equal(
            new[] { t.KeptArrest, t.DuplicateArrest },
            survivor.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetGuid())
        );
        Assert.Equal(2, await ArrestsInMarchAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/events/{t.DuplicateArrest}")).StatusCode);
        await using var db = app.OpenDb();
        Assert.Equal(t.DuplicateArrest, (await db.Citations.SingleAsync(c => c.SourceId == t.DuplicateSource)).TargetId);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Merge_KeepsAnArrestSharedWithSomeoneElse_WhenTheSurvivorsHasFewerPeople_AndRetractsTheSurvivors(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var t = await RecordTwiceAsync(app, client);
        var other = await CreatedId(await client.PostAsJsonAsync("/api/v1/people", new { name = "Rong Chhun" }));
        var shared = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{t.DuplicateArrest}");
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await client.PutAsJsonAsync(
                    $"/api/v1/events/{t.DuplicateArrest}",
                    new
                    {
                        type = "arrest",
                        date = "2024-03-12",
                        placeId = shared.GetProperty("placeId").GetGuid(),
                        personIds = new[] { t.Duplicate, other },
                        description = new Dictionary<string, string> { ["km"] = "ត្រូវបានចាប់ខ្លួននៅផ្ទះ។" },
                        version = shared.GetProperty("version").GetInt32(),
                    }
                )
            ).StatusCode
        );

        Assert.Equal(
            HttpStatusCode.OK,
            (await client.PostAsJsonAsync($"/api/v1/people/{t.Duplicate}/merge", new { into = t.Kept })).StatusCode
        );

        // The arrest the other man shares stays, now the survivor's too; the survivor's own copy is retracted.
        var survivor = await PersonAsync(client, t.Kept);
        Assert.Equal(t.DuplicateArrest, Assert.Single(survivor.GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid());
        var theOther = await PersonAsync(client, other);
        Assert.Equal(t.DuplicateArrest, Assert.Single(theOther.GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/api/v1/events/{t.KeptArrest}")).StatusCode);
        Assert.Equal(2, await ArrestsInMarchAsync(client));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/people/{t.Duplicate}/unmerge", null)).StatusCode);
        Assert.Equal(
            t.KeptArrest,
            Assert.Single((await PersonAsync(client, t.Kept)).GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid()
        );
        Assert.Equal(
            t.DuplicateArrest,
            Assert.Single((await PersonAsync(client, t.Duplicate)).GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid()
        );
        Assert.Equal(3, await ArrestsInMarchAsync(client));
    }

    private static async Task<JsonElement> PersonAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");

    /// <summary>The arrests of March 2024 the statistics count (one per person arrested).</summary>
    private static async Task<double> ArrestsInMarchAsync(HttpClient client)
    {
        var figure = await client.GetFromJsonAsync<JsonElement>(Arrests);
        return figure
            .GetProperty("rows")
            .EnumerateArray()
            .Single(r => r.GetProperty("key").GetString() == "2024-03")
            .GetProperty("values")[0]
            .GetDouble();
    }

    private static async Task<Guid> CreatedId(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }
}
