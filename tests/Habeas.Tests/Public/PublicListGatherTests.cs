using Habeas.Platform.Access;
using Habeas.Platform.Shared;
using Habeas.Publishing.Public;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Public;

/// <summary>
/// The public list's two ways to a page (PublicList.PageAsync): each filter checked person by person along the order, or
/// the most selective filter's people gathered first from its own index (migration 0021). Both must give the same people
/// in the same order for every filter kind, sort and page; and the filter choices are filled once however many ask.
/// </summary>
public sealed class PublicListGatherTests
{
    private const int Walk = 0;
    private const int Gather = 1_000_000;

    private sealed record World(
        Guid Country,
        Guid ProvinceA,
        Guid DistrictB1,
        Guid ProvisionByName,
        Guid ProvisionCaseWide,
        Guid InternalOnlyPlace
    );

    private static readonly string[] Families = ["Chan", "Sok", "Kim", "Heng", "Meas", "Phan", "Lim"];
    private static readonly string[] Givens = ["Dara", "Vanna", "Sophea", "Bopha", "Rithy"];

    /// <summary>
    /// 160 people, one in ten internal; names repeat (ties go by id); half journalists, a few monks; detained at one of three
    /// districts of two provinces (some by an internal event), some released; charged by name or by a charge naming no one,
    /// in public and internal cases.
    /// </summary>
    private static async Task<World> WorldAsync(TestApp app)
    {
        await using var db = app.OpenDb();
        var country = new Place { Kind = "country", Names = LocalizedText.Of("en", "Gatherland") };
        var provinceA = new Place
        {
            Kind = "province",
            Names = LocalizedText.Of("en", "Province A"),
            ParentId = country.Id,
        };
        var provinceB = new Place
        {
            Kind = "province",
            Names = LocalizedText.Of("en", "Province B"),
            ParentId = country.Id,
        };
        var districts = new[]
        {
            new Place
            {
                Kind = "district",
                Names = LocalizedText.Of("en", "District A1"),
                ParentId = provinceA.Id,
            },
            new Place
            {
                Kind = "district",
                Names = LocalizedText.Of("en", "District A2"),
                ParentId = provinceA.Id,
            },
            new Place
            {
                Kind = "district",
                Names = LocalizedText.Of("en", "District B1"),
                ParentId = provinceB.Id,
            },
        };
        var internalOnly = new Place
        {
            Kind = "district",
            Names = LocalizedText.Of("en", "District Internal"),
            ParentId = provinceB.Id,
        };
        var byName = new LegalProvision
        {
            Code = "Test Code",
            Article = "1",
            Title = LocalizedText.Of("en", "By name"),
        };
        var caseWide = new LegalProvision
        {
            Code = "Test Code",
            Article = "2",
            Title = LocalizedText.Of("en", "Case-wide"),
        };
        db.AddRange(country, provinceA, provinceB, internalOnly, byName, caseWide);
        db.AddRange(districts);
        var people = new List<Person>();
        for (var i = 0; i < 160; i++)
        {
            var tags = new List<string>();
            if (i % 2 == 0)
            {
                tags.Add("journalist");
            }
            if (i % 11 == 0)
            {
                tags.Add("monk");
            }
            var person = PublicSiteTests.NewPerson(
                $"{Families[i % Families.Length]} {Givens[i % Givens.Length]}",
                i % 10 == 3 ? RecordLevels.Internal : RecordLevels.Public,
                [.. tags]
            );
            people.Add(person);
        }
        db.AddRange(people);
        for (var i = 0; i < people.Count; i += 5)
        {
            var c = new Case { Title = $"Case {i}", Level = i % 20 == 5 ? RecordLevels.Internal : RecordLevels.Public };
            c.Participants.Add(
                new CaseParticipant
                {
                    CaseId = c.Id,
                    PersonId = people[i].Id,
                    Role = "defendant",
                }
            );
            c.Participants.Add(
                new CaseParticipant
                {
                    CaseId = c.Id,
                    PersonId = people[(i + 1) % people.Count].Id,
                    Role = "defendant",
                }
            );
            c.Charges.Add(
                i % 2 == 0
                    ? new Charge
                    {
                        CaseId = c.Id,
                        PersonId = people[i].Id,
                        ProvisionId = byName.Id,
                        Description = "By name",
                        State = "pending",
                    }
                    : new Charge
                    {
                        CaseId = c.Id,
                        ProvisionId = caseWide.Id,
                        Description = "Case-wide",
                        State = "pending",
                    }
            );
            db.Add(c);
        }
        await db.SaveChangesAsync();
        for (var i = 0; i < people.Count; i += 2)
        {
            var arrested = new DateOnly(2020, 1, 1).AddDays(i * 7 % 365);
            db.Add(
                PublicSiteTests.NewEvent(
                    "pre-trial-detention-order",
                    arrested.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    i % 8 == 0 ? RecordLevels.Internal : RecordLevels.Public,
                    null,
                    districts[i % 3].Id,
                    $"Arrest {i}",
                    people[i].Id
                )
            );
            if (i % 4 == 2)
            {
                db.Add(
                    PublicSiteTests.NewEvent(
                        "release",
                        arrested.AddDays(100).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        RecordLevels.Public,
                        null,
                        null,
                        $"Release {i}",
                        people[i].Id
                    )
                );
            }
        }
        db.Add(
            PublicSiteTests.NewEvent(
                "pre-trial-detention-order",
                "2021-01-01",
                RecordLevels.Internal,
                null,
                internalOnly.Id,
                "Internal arrest",
                people[1].Id
            )
        );
        await db.SaveChangesAsync();
        return new World(country.Id, provinceA.Id, districts[2].Id, byName.Id, caseWide.Id, internalOnly.Id);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task GatheringAFiltersPeopleFirst_GivesTheSamePeopleInTheSameOrder_AsCheckingEachAlongTheOrder(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        var today = new DateOnly(2026, 1, 1);
        var filters = new (string Name, PublicList.Query Query)[]
        {
            ("tag", Q(today) with { Tag = "journalist" }),
            ("rare tag", Q(today) with { Tag = "monk" }),
            ("unknown tag", Q(today) with { Tag = "none-such" }),
            ("status today", Q(today) with { Status = "pre-trial-detention" }),
            ("status on a day", Q(today) with { Status = "pre-trial-detention", Day = new DateOnly(2020, 5, 1) }),
            ("free", Q(today) with { Status = "free", Day = new DateOnly(2020, 5, 1) }),
            ("country", Q(today) with { Place = w.Country }),
            ("province", Q(today) with { Place = w.ProvinceA }),
            ("district", Q(today) with { Place = w.DistrictB1 }),
            ("place of internal events only", Q(today) with { Place = w.InternalOnlyPlace }),
            ("charged by name", Q(today) with { Provision = w.ProvisionByName }),
            ("charged case-wide", Q(today) with { Provision = w.ProvisionCaseWide }),
            ("status, tag and province", Q(today) with { Status = "pre-trial-detention", Tag = "journalist", Place = w.ProvinceA }),
            ("tag and charge", Q(today) with { Tag = "journalist", Provision = w.ProvisionByName }),
        };
        var shown = 0;
        foreach (var (name, filter) in filters)
        {
            foreach (var sort in PublicList.Sorts)
            {
                foreach (var page in new[] { 1, 2 })
                {
                    var query = filter with { Sort = sort, Page = page };
                    var walked = await PageAsync(app, query, Walk);
                    var gathered = await PageAsync(app, query, Gather);
                    var what = $"{name}, {sort}, page {page}";
                    Assert.True(walked.Rows.Select(r => r.Id).SequenceEqual(gathered.Rows.Select(r => r.Id)), what);
                    Assert.True(walked.HasNext == gathered.HasNext, what);
                    Assert.True(
                        walked
                            .Rows.Select(r => (r.Name, r.Status, r.FirstDetained))
                            .SequenceEqual(gathered.Rows.Select(r => (r.Name, r.Status, r.FirstDetained))),
                        what
                    );
                    shown += gathered.Rows.Count;
                }
            }
        }
        // The comparison means something: the filters find people, a page 2 exists, and what must be absent is.
        Assert.True(shown > 1000, $"{shown} rows shown in all");
        var journalists = await PageAsync(app, Q(today) with { Tag = "journalist" }, Gather);
        Assert.True(journalists.HasNext);
        Assert.Equal(30, (await PageAsync(app, Q(today) with { Tag = "journalist", Page = 2 }, Gather)).Rows.Count);
        Assert.Empty((await PageAsync(app, Q(today) with { Place = w.InternalOnlyPlace }, Gather)).Rows);
        Assert.Equal(13, (await PageAsync(app, Q(today) with { Tag = "monk" }, Gather)).Rows.Count);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheChoices_AreFilledOnce_WhenManyAskTogether_AndShowPublishedPlacesOnly(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var w = await WorldAsync(app);
        var time = new ManualTime();
        using var choices = new PublicChoices(app.Services.GetRequiredService<IServiceScopeFactory>(), time);

        // Before the first fill, fifty visitors together: one read, all get it.
        var first = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => choices.GetAsync(CancellationToken.None))));
        Assert.Equal(1, choices.Fills);
        Assert.All(first, c => Assert.Same(first[0], c));
        Assert.Contains(first[0].Places, c => c.Id == w.DistrictB1);
        Assert.DoesNotContain(first[0].Places, c => c.Id == w.InternalOnlyPlace);
        Assert.Equal(2, first[0].Provisions.Count);

        // The internal-only place published: not shown within the minute; after it, fifty together cause one read, and
        // those that did not read are given the previous choices meanwhile.
        await using (var db = app.OpenDb())
        {
            foreach (var e in db.Events.Where(e => e.PlaceId == w.InternalOnlyPlace))
            {
                e.Level = RecordLevels.Public;
            }
            await db.SaveChangesAsync();
        }
        Assert.Same(first[0], await choices.GetAsync(CancellationToken.None));
        time.Now += PublicChoices.Lifetime;
        var later = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => choices.GetAsync(CancellationToken.None))));
        Assert.Equal(2, choices.Fills);
        Assert.All(later, c => Assert.True(ReferenceEquals(c, first[0]) || c.Places.Any(p => p.Id == w.InternalOnlyPlace)));
        Assert.Contains((await choices.GetAsync(CancellationToken.None)).Places, c => c.Id == w.InternalOnlyPlace);
        Assert.Equal(2, choices.Fills);
    }

    private static PublicList.Query Q(DateOnly today) => new(null, today, null, null, null, PublicList.ByName, 1);

    private static async Task<PublicList.Result> PageAsync(TestApp app, PublicList.Query query, int gatherLimit)
    {
        await using var db = app.OpenDb();
        return await PublicList.PageAsync(db, query, "en", CancellationToken.None, gatherLimit);
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
