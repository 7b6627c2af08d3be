using Habeas.Core.Dates;
using Habeas.Core.Names;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;

namespace Habeas.Host.Demo;

/// <summary>
/// The demonstration data: the cases in the two seed stories (shared/seeds), with their sources. Only facts
/// the seeds or public reporting state are recorded; where a date is known only roughly it is entered as
/// such (a month, a year, "~" approximate, "?" uncertain), and nothing private is invented. None of it is confidential.
/// </summary>
public static class DemoData
{
    public static readonly Guid SokYoeunId = Guid.Parse("0190f5a0-0000-7000-8000-000000000001");
    public static readonly Guid NySokhaId = Guid.Parse("0190f5a0-0000-7000-8000-000000000002");
    public static readonly Guid AdhocFiveCaseId = Guid.Parse("0190f5a0-0000-7000-8000-000000000101");

    public static async Task<string> LoadAsync(HabeasDb db, CancellationToken cancellationToken = default)
    {
        var places = AddPlaces(db);
        var organisations = AddOrganisations(db, places);
        var sources = AddSources(db);
        var people = AddPeople(db, organisations);
        var provisions = AddLegalProvisions(db);
        await db.SaveChangesAsync(cancellationToken);

        var common = new Common(places, organisations, sources, people, provisions);
        var events = new List<CitedEvent>();
        var sokYoeunCase = AddSokYoeun(db, common, events);
        var adhocFive = AddAdhocFive(db, common, events);
        AddRongChhun(db, common, events);
        AddLongSokunthy(db, common, events);
        AddThunSaray(db, common, events);
        PublishAdhocFive(common, adhocFive, events);

        db.Events.AddRange(events.Select(e => e.Event));
        await db.SaveChangesAsync(cancellationToken);
        var sokYoeunRelease = events.Single(e => e.Event.CaseId == sokYoeunCase.Id && e.Event.Type == "release").Event;

        AddCitations(db, common, events);
        await db.SaveChangesAsync(cancellationToken);
        await DemoCampaign.LoadAsync(db, sokYoeunCase, sokYoeunRelease, cancellationToken);

        return $"{db.People.Local.Count} people, {db.Cases.Local.Count} cases, {events.Count} events, {db.Sources.Local.Count} sources";
    }

    /// <summary>The places the stories happen in.</summary>
    private sealed record KnownPlaces(
        Place Cambodia,
        Place PhnomPenh,
        Place PreyVeng,
        Place PeaReang,
        Place BanteayMeanchey,
        Place Thailand,
        Place Finland,
        Place Canada
    );

    /// <summary>The organisations that act in the stories.</summary>
    private sealed record KnownOrganisations(
        Organisation Adhoc,
        Organisation Amnesty,
        Organisation Unhcr,
        Organisation ThaiAuthorities,
        Organisation PhnomPenhCourt,
        Organisation SupremeCourt,
        Organisation Nec,
        Organisation Ccu
    );

    /// <summary>The two seed stories and the public reporting on Sok Yoeun's case.</summary>
    private sealed record KnownSources(Source AmnestyStory, Source Camboja, Source FurtherInformation, Source AhrcUpdate);

    /// <summary>The people in the stories.</summary>
    private sealed record KnownPeople(
        Person SokYoeun,
        Person NySokha,
        Person NayVanda,
        Person YiSoksan,
        Person LimMony,
        Person NyChakrya,
        Person RongChhun,
        Person LongSokunthy,
        Person ThunSaray
    )
    {
        /// <summary>The Adhoc five: four Adhoc staff members and a former one who had become an election official.</summary>
        public Person[] AdhocFive => [NySokha, NayVanda, YiSoksan, LimMony, NyChakrya];
    }

    /// <summary>The legal provisions the charges cite.</summary>
    private sealed record Provisions(LegalProvision Bribery, LegalProvision Incitement);

    /// <summary>What the stories share: saved before any of them is told.</summary>
    private sealed record Common(
        KnownPlaces Places,
        KnownOrganisations Organisations,
        KnownSources Sources,
        KnownPeople People,
        Provisions Provisions
    );

    /// <summary>An event, with the source it is cited from and the words quoted.</summary>
    private sealed record CitedEvent(Event Event, Source Source, string? Quote);

    private static KnownPlaces AddPlaces(HabeasDb db)
    {
        // Countries carry their ISO code, which finds their legal time limits (docs/deadlines.md).
        var cambodia = Place("country", "Cambodia", "កម្ពុជា", code: "KH");
        var phnomPenh = Place("province", "Phnom Penh", "ភ្នំពេញ", cambodia);
        var preyVeng = Place("province", "Prey Veng", "ព្រៃវែង", cambodia);
        var peaReang = Place("district", "Pea Reang", "ពារាំង", preyVeng);
        var banteayMeanchey = Place("province", "Banteay Meanchey", "បន្ទាយមានជ័យ", cambodia);
        var thailand = Place("country", "Thailand", "ថៃ", code: "TH");
        var finland = Place("country", "Finland", "ហ្វាំងឡង់", code: "FI");
        var canada = Place("country", "Canada", "កាណាដា", code: "CA");
        db.Places.AddRange(cambodia, phnomPenh, preyVeng, peaReang, banteayMeanchey, thailand, finland, canada);
        return new KnownPlaces(cambodia, phnomPenh, preyVeng, peaReang, banteayMeanchey, thailand, finland, canada);
    }

    private static KnownOrganisations AddOrganisations(HabeasDb db, KnownPlaces places)
    {
        var (cambodia, thailand) = (places.Cambodia, places.Thailand);
        var adhoc = Organisation("ngo", "Cambodian Human Rights and Development Association (Adhoc)", "សមាគមអាដហុក", "ADHOC", cambodia);
        var amnesty = Organisation("ngo", "Amnesty International", "អង្គការលើកលែងទោសអន្តរជាតិ", "AI", null);
        var unhcr = Organisation(
            "un-body",
            "UN Refugee Agency (UNHCR)",
            "ឧត្តមស្នងការអង្គការសហប្រជាជាតិទទួលបន្ទុកជនភៀសខ្លួន",
            "UNHCR",
            null
        );
        var thaiAuthorities = Organisation("government", "Thai authorities", "អាជ្ញាធរថៃ", null, thailand);
        var phnomPenhCourt = Organisation("court", "Phnom Penh Municipal Court", "សាលាដំបូងរាជធានីភ្នំពេញ", null, cambodia);
        var supremeCourt = Organisation("court", "Supreme Court of Cambodia", "តុលាការកំពូល", null, cambodia);
        var nec = Organisation("government", "National Election Committee", "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត", "NEC", cambodia);
        var ccu = Organisation("union", "Cambodian Confederation of Unions", "សហព័ន្ធសហជីពកម្ពុជា", "CCU", cambodia);
        db.Organisations.AddRange(adhoc, amnesty, unhcr, thaiAuthorities, phnomPenhCourt, supremeCourt, nec, ccu);
        return new KnownOrganisations(adhoc, amnesty, unhcr, thaiAuthorities, phnomPenhCourt, supremeCourt, nec, ccu);
    }

    /// <summary>The two seed stories, and public reporting on Sok Yoeun's extradition case and the campaign for him.</summary>
    private static KnownSources AddSources(HabeasDb db)
    {
        var amnestyStory = new Source
        {
            Title = "Sok Yoeun, PoC, Thailand, 2004 (Stories of Success)",
            Kind = "ngo-report",
            Publisher = "Amnesty International",
            Date = FuzzyDate.OfYear(2004),
            Url = "https://adam.amnesty.org/asset-bank/action/search?attribute_603=Stories+of+Success+%2F+Sok+Yoeun",
            Language = "en",
            Reliability = "probably-true",
            Excerpt =
                "Prisoner of conscience Sok Yoeun was freed from a Thai jail on 26 February 2004, "
                + "after spending more than four traumatic years behind bars.",
        };
        var camboja = new Source
        {
            Title = "New Adhoc president urges government to release all political prisoners before commune election",
            Kind = "news-article",
            Publisher = "Cambodian Journalists Alliance Association (CamboJA)",
            Date = FuzzyDate.OfMonth(2021, 7),
            Language = "en",
            Reliability = "probably-true",
            Excerpt = "Sentenced to five years in prison, Sokha and the others served 14 months before their sentences were suspended.",
        };
        // Public reporting on Sok Yoeun's extradition case and the campaign for him
        var furtherInformation = new Source
        {
            Title =
                "Further Information on UA 309/02: Fear of imminent forcible return / Prisoner of conscience / "
                + "Health concern (AI Index ASA 39/014/2003)",
            Kind = "ngo-report",
            Publisher = "Amnesty International",
            Date = FuzzyDate.OfDay(2003, 11, 28),
            Url = "https://docslib.org/doc/11870175/public-ai-index-asa-39-014-2003-28",
            Language = "en",
            Reliability = "probably-true",
            Excerpt = "On 28 November, the Thai appeal court rejected Sok Yoeun's appeal against the decision to extradite him.",
        };
        var ahrcUpdate = new Source
        {
            Title = "UPDATE (Thailand/Cambodia): Sok Yoeun won't be extradited to Cambodia (UP-05-2004)",
            Kind = "ngo-report",
            Publisher = "Asian Human Rights Commission",
            Date = FuzzyDate.OfYear(2004),
            Url = "http://www.humanrights.asia/news/urgent-appeals/UP-05-2004/",
            Language = "en",
            Reliability = "probably-true",
            Excerpt =
                "On 16 January 2004, the Cambodian Prime Minister Hun Sen has agreed to Thailand's decision to send "
                + "Mr. Sok Yoeun to join his family in Finland instead of extraditing him.",
        };
        foreach (var source in new[] { amnestyStory, furtherInformation, ahrcUpdate })
        {
            source.Level = Habeas.Platform.Access.RecordLevels.Public;
        }
        db.Sources.AddRange(amnestyStory, camboja, furtherInformation, ahrcUpdate);
        return new KnownSources(amnestyStory, camboja, furtherInformation, ahrcUpdate);
    }

    /// <summary>The people, their organisations, and Amnesty International's designation of Sok Yoeun.</summary>
    private static KnownPeople AddPeople(HabeasDb db, KnownOrganisations organisations)
    {
        var (adhoc, nec, ccu) = (organisations.Adhoc, organisations.Nec, organisations.Ccu);
        var sokYoeun = Person(
            SokYoeunId,
            [("Sok Yoeun", "primary"), ("សុខ យឿន", "primary"), ("Sok Yeun", "romanization"), ("Sok Yoeurn", "romanization")],
            ["opposition-member", "refugee"],
            "Cambodian",
            "A member of a Cambodian opposition party, falsely accused of involvement in a 1998 rocket attack; "
                + "he fled to Thailand to escape arrest, unfair trial and possible torture."
        );
        var nySokha = Person(
            NySokhaId,
            [("Ny Sokha", "primary"), ("នី សុខា", "primary")],
            ["human-rights-defender"],
            "Cambodian",
            "Adhoc volunteer from 1992, later head of its human rights monitoring unit; elected president of Adhoc in 2021."
        );
        nySokha.BirthDate = FuzzyDate.OfYear(1972);
        nySokha.Occupation = "President of Adhoc";
        nySokha.Affiliations.Add(
            new Affiliation
            {
                PersonId = nySokha.Id,
                OrganisationId = adhoc.Id,
                Role = "President",
                From = FuzzyDate.OfDay(2021, 7, 1),
            }
        );
        var nayVanda = Person(
            Guid.CreateVersion7(),
            [("Nay Vanda", "primary"), ("ណៃ វ៉ាន់ដា", "primary")],
            ["human-rights-defender"],
            "Cambodian",
            "Adhoc staff member."
        );
        var yiSoksan = Person(
            Guid.CreateVersion7(),
            [("Yi Soksan", "primary"), ("យី សុខសាន្ត", "primary")],
            ["human-rights-defender"],
            "Cambodian",
            "Adhoc staff member."
        );
        var limMony = Person(
            Guid.CreateVersion7(),
            [("Lim Mony", "primary"), ("លឹម មុន្នី", "primary")],
            ["human-rights-defender"],
            "Cambodian",
            "Adhoc staff member."
        );
        var nyChakrya = Person(
            Guid.CreateVersion7(),
            [("Ny Chakrya", "primary"), ("នី ចរិយា", "primary")],
            ["human-rights-defender"],
            "Cambodian",
            "Former Adhoc staff member who became an election official."
        );
        nyChakrya.Affiliations.Add(
            new Affiliation
            {
                PersonId = nyChakrya.Id,
                OrganisationId = nec.Id,
                Role = "Election official",
            }
        );
        foreach (var staff in new[] { nySokha, nayVanda, yiSoksan, limMony })
        {
            staff.Affiliations.Add(
                new Affiliation
                {
                    PersonId = staff.Id,
                    OrganisationId = adhoc.Id,
                    Role = "Staff",
                }
            );
        }
        var rongChhun = Person(
            Guid.CreateVersion7(),
            [("Rong Chhun", "primary"), ("រ៉ុង ឈុន", "primary")],
            ["unionist", "human-rights-defender"],
            "Cambodian",
            "Union leader."
        );
        rongChhun.Affiliations.Add(
            new Affiliation
            {
                PersonId = rongChhun.Id,
                OrganisationId = ccu.Id,
                Role = "President",
            }
        );
        var longSokunthy = Person(
            Guid.CreateVersion7(),
            [("Long Sokunthy", "primary")],
            ["land-activist"],
            "Cambodian",
            "A resident of Banteay Meanchey province who, with hundreds of neighbours, protested after a tycoon laid claim "
                + "to 1,430 hectares of their land."
        );
        longSokunthy.ReportedAge = 50;
        longSokunthy.ReportedAgeOn = FuzzyDate.OfMonth(2021, 7);
        var thunSaray = Person(
            Guid.CreateVersion7(),
            [("Thun Saray", "primary"), ("ថុន សារ៉ាយ", "primary")],
            ["human-rights-defender"],
            "Cambodian",
            "Founder and long-time president of Adhoc; the idea for the organisation came to him during 17 months in prison "
                + "in the early 1990s."
        );
        thunSaray.Affiliations.Add(
            new Affiliation
            {
                PersonId = thunSaray.Id,
                OrganisationId = adhoc.Id,
                Role = "President",
                To = FuzzyDate.OfMonth(2021, 6),
            }
        );
        db.People.AddRange(sokYoeun, nySokha, nayVanda, yiSoksan, limMony, nyChakrya, rongChhun, longSokunthy, thunSaray);
        db.Designations.Add(
            new Designation
            {
                PersonId = sokYoeun.Id,
                OrganisationId = organisations.Amnesty.Id,
                Category = "prisoner-of-conscience",
                Rationale = "Detained in Thailand for his political beliefs; Amnesty International members campaigned for his release.",
            }
        );
        return new KnownPeople(sokYoeun, nySokha, nayVanda, yiSoksan, limMony, nyChakrya, rongChhun, longSokunthy, thunSaray);
    }

    private static Provisions AddLegalProvisions(HabeasDb db)
    {
        var criminalCode = "Criminal Code of the Kingdom of Cambodia (2009)";
        var bribery = new LegalProvision
        {
            Code = criminalCode,
            Article = "548",
            Title = new LocalizedText { ["en"] = "Bribery of a witness" },
            Jurisdiction = "Cambodia",
        };
        var incitement = new LegalProvision
        {
            Code = criminalCode,
            Article = "494–495",
            Title = new LocalizedText { ["en"] = "Incitement to commit a felony or to disturb social security" },
            Jurisdiction = "Cambodia",
        };
        db.LegalProvisions.AddRange(bribery, incitement);
        return new Provisions(bribery, incitement);
    }

    /// <summary>
    /// Sok Yoeun's case in Thailand, from the seed story and Amnesty International's further information.
    /// His case was published by Amnesty International at the time: public records, on the public action page.
    /// </summary>
    private static Case AddSokYoeun(HabeasDb db, Common common, List<CitedEvent> events)
    {
        var (thailand, finland) = (common.Places.Thailand, common.Places.Finland);
        var (unhcr, thaiAuthorities) = (common.Organisations.Unhcr, common.Organisations.ThaiAuthorities);
        var (amnestyStory, furtherInformation) = (common.Sources.AmnestyStory, common.Sources.FurtherInformation);
        var sokYoeun = common.People.SokYoeun;
        sokYoeun.Level = Habeas.Platform.Access.RecordLevels.Public;
        var sokYoeunCase = new Case
        {
            Title = "Sok Yoeun: illegal entry and extradition detention (Thailand)",
            JurisdictionId = thailand.Id,
            Level = Habeas.Platform.Access.RecordLevels.Public,
        };
        sokYoeunCase.Participants.Add(
            new CaseParticipant
            {
                CaseId = sokYoeunCase.Id,
                PersonId = sokYoeun.Id,
                Role = "defendant",
            }
        );
        sokYoeunCase.Charges.Add(
            new Charge
            {
                CaseId = sokYoeunCase.Id,
                PersonId = sokYoeun.Id,
                Description = "Illegal entry into Thailand",
                State = "convicted",
            }
        );
        db.Cases.Add(sokYoeunCase);
        void SokYoeun(
            string type,
            FuzzyDate? date,
            string text,
            Guid? actor = null,
            string? role = null,
            Place? place = null,
            Action<Event>? more = null,
            string? quote = null,
            Source? source = null
        )
        {
            var e = NewEvent(type, date, text, sokYoeunCase.Id, place ?? thailand, [sokYoeun.Id], actor, role);
            e.Level = Habeas.Platform.Access.RecordLevels.Public;
            more?.Invoke(e);
            events.Add(new(e, source ?? amnestyStory, quote));
        }
        SokYoeun(
            "refugee-status-granted",
            FuzzyDate.OfMonth(1999, 11),
            "Granted refugee status by UNHCR.",
            unhcr.Id,
            "official",
            quote: "He was granted refugee status by the United Nations Refugee Agency (UNHCR) in November 1999"
        );
        SokYoeun(
            "arrest",
            FuzzyDate.OfMonth(1999, 12),
            "Arrested by the Thai authorities, believed to be under pressure from the Cambodian authorities.",
            thaiAuthorities.Id,
            "police",
            quote: "Sok Yoeun was arrested in Thailand in December 1999"
        );
        SokYoeun(
            "verdict",
            FuzzyDate.Parse("1999-12~"),
            "Sentenced to six months' imprisonment for entering the country illegally. "
                + "The date is inferred: the sentence expired in June 2000.",
            more: e =>
            {
                e.Decision = "convicted";
                e.SentenceMonths = 6;
            },
            quote: "sentenced to six months' imprisonment for entering the country illegally"
        );
        SokYoeun(
            "administrative-detention",
            FuzzyDate.OfMonth(2000, 6),
            "Kept in detention when the sentence expired, pending the outcome of Cambodia's request for his extradition; "
                + "held in harsh, overcrowded conditions and his health seriously deteriorated.",
            thaiAuthorities.Id,
            "immigration",
            quote: "When the six-month sentence expired in June 2000, Sok Yoeun remained in detention pending the outcome of a request "
                + "for his extradition to Cambodia."
        );
        SokYoeun(
            "extradition-decision",
            FuzzyDate.OfMonth(2002, 11),
            "A Thai court decided, after protracted extradition hearings, that he should be returned to Cambodia; "
                + "the judge rejected the claim that Cambodia's request was politically motivated. He appealed.",
            source: furtherInformation,
            quote: "a decision taken by a Thai court in November 2002, to return him to Cambodia, "
                + "following protracted extradition hearings"
        );
        SokYoeun(
            "appeal-filed",
            FuzzyDate.Parse("2002-11~"),
            "Appealed against the decision to extradite him. The date is inferred: after the decision of November 2002.",
            source: furtherInformation,
            quote: "a decision taken by a Thai court in November 2002, to return him to Cambodia, following protracted extradition hearings"
        );
        SokYoeun(
            "hearing",
            FuzzyDate.OfDay(2003, 11, 28),
            "The appeal court heard his appeal against extradition; his lawyer had not been formally told of the hearing.",
            more: e => e.State = Habeas.Records.Events.EventStates.Held,
            source: furtherInformation,
            quote: "On 28 November, the Thai appeal court rejected Sok Yoeun's appeal against the decision to extradite him."
        );
        SokYoeun(
            "appeal-decision",
            FuzzyDate.OfDay(2003, 11, 28),
            "The appeal court rejected his appeal against extradition; his lawyer had not been formally told of the hearing. "
                + "He could be returned to Cambodia within days.",
            source: furtherInformation,
            more: e => e.Decision = "upheld",
            quote: "On 28 November, the Thai appeal court rejected Sok Yoeun's appeal against the decision to extradite him."
        );
        SokYoeun(
            "release",
            FuzzyDate.OfDay(2004, 2, 26),
            "Freed from a Thai jail after more than four years, following a sustained Amnesty International campaign.",
            more: e => e.ReleaseReason = "other",
            quote: "Prisoner of conscience Sok Yoeun was freed from a Thai jail on 26 February 2004"
        );
        SokYoeun(
            "exile",
            FuzzyDate.OfDay(2004, 2, 27),
            "Reunited with his family in Finland, one day after his release.",
            place: finland,
            quote: "Sok Yoeun was finally reunited with his family in Finland, one day after his release."
        );
        return sokYoeunCase;
    }

    /// <summary>The Adhoc five: the bribery case against four Adhoc staff members and a former one.</summary>
    private static Case AddAdhocFive(HabeasDb db, Common common, List<CitedEvent> events)
    {
        var phnomPenh = common.Places.PhnomPenh;
        var phnomPenhCourt = common.Organisations.PhnomPenhCourt;
        var camboja = common.Sources.Camboja;
        var people = common.People;
        var adhocFive = new Case
        {
            Id = AdhocFiveCaseId,
            Title = "The Adhoc five: bribery of a witness",
            JurisdictionId = phnomPenh.Id,
            Summary = new LocalizedText
            {
                ["en"] =
                    "Four Adhoc staff members and a former staff member who had become an election official were accused of "
                    + "bribing a witness to lie about her relationship with CNRP president Kem Sokha. Adhoc had given the witness "
                    + "legal and financial assistance at her request. The case was widely condemned as politically motivated and "
                    + "is still open at the Appeal Court.",
            },
        };
        foreach (var defendant in people.AdhocFive)
        {
            adhocFive.Participants.Add(
                new CaseParticipant
                {
                    CaseId = adhocFive.Id,
                    PersonId = defendant.Id,
                    Role = "defendant",
                }
            );
            adhocFive.Charges.Add(
                new Charge
                {
                    CaseId = adhocFive.Id,
                    PersonId = defendant.Id,
                    ProvisionId = common.Provisions.Bribery.Id,
                    Description = defendant == people.NyChakrya ? "Accomplice to bribery of a witness" : "Bribery of a witness",
                    State = "convicted",
                }
            );
        }
        db.Cases.Add(adhocFive);
        var staffIds = new[] { people.NySokha.Id, people.NayVanda.Id, people.YiSoksan.Id, people.LimMony.Id };
        var allFive = staffIds.Append(people.NyChakrya.Id).ToArray();
        events.Add(
            new(
                NewEvent(
                    "arrest",
                    FuzzyDate.OfDay(2016, 4, 28),
                    "Four Adhoc staff members arrested in the bribery case.",
                    adhocFive.Id,
                    phnomPenh,
                    staffIds,
                    null,
                    null
                ),
                camboja,
                "Sokha and four other rights workers arrested in a bribery case"
            )
        );
        events.Add(
            new(
                NewEvent(
                    "arrest",
                    FuzzyDate.Parse("2016-05~"),
                    "Ny Chakrya, then an election official, arrested in the same case.",
                    adhocFive.Id,
                    phnomPenh,
                    [people.NyChakrya.Id],
                    null,
                    null
                ),
                camboja,
                null
            )
        );
        events.Add(
            new(
                NewEvent(
                    "pre-trial-detention-order",
                    FuzzyDate.Parse("2016-05~"),
                    "Placed in pre-trial detention.",
                    adhocFive.Id,
                    phnomPenh,
                    allFive,
                    phnomPenhCourt.Id,
                    "court"
                ),
                camboja,
                null
            )
        );
        events.Add(
            new(
                NewEvent(
                    "release",
                    FuzzyDate.OfDay(2017, 6, 29),
                    "Released on bail after 14 months in detention.",
                    adhocFive.Id,
                    phnomPenh,
                    allFive,
                    null,
                    null,
                    e => e.ReleaseReason = "bail"
                ),
                camboja,
                "served 14 months"
            )
        );
        events.Add(
            new(
                NewEvent(
                    "verdict",
                    FuzzyDate.OfYear(2018),
                    "Convicted and sentenced to five years in prison; the sentences were suspended beyond the 14 months already served.",
                    adhocFive.Id,
                    phnomPenh,
                    allFive,
                    phnomPenhCourt.Id,
                    "court",
                    e =>
                    {
                        e.Decision = "convicted";
                        e.SentenceYears = 5;
                        e.SuspendedYears = 3;
                        e.SuspendedMonths = 10;
                    }
                ),
                camboja,
                "Sentenced to five years in prison, Sokha and the others served 14 months before their sentences were suspended."
            )
        );
        events.Add(
            new(
                NewEvent(
                    "appeal-filed",
                    FuzzyDate.Parse("2018~"),
                    "Appealed after the 2018 verdict (the day is not reported). The case is still open at the Appeal Court, leaving "
                        + "the five in legal limbo (Ny Sokha, July 2021): no decision on the appeal is recorded since.",
                    adhocFive.Id,
                    phnomPenh,
                    allFive,
                    null,
                    null
                ),
                camboja,
                "Even though the sentence has been suspended our case is still kept at the appeal court"
            )
        );
        return adhocFive;
    }

    /// <summary>Rong Chhun: incitement.</summary>
    private static void AddRongChhun(HabeasDb db, Common common, List<CitedEvent> events)
    {
        var phnomPenh = common.Places.PhnomPenh;
        var camboja = common.Sources.Camboja;
        var rongChhun = common.People.RongChhun;
        var rongChhunCase = new Case { Title = "Rong Chhun: incitement", JurisdictionId = phnomPenh.Id };
        rongChhunCase.Participants.Add(
            new CaseParticipant
            {
                CaseId = rongChhunCase.Id,
                PersonId = rongChhun.Id,
                Role = "defendant",
            }
        );
        rongChhunCase.Charges.Add(
            new Charge
            {
                CaseId = rongChhunCase.Id,
                PersonId = rongChhun.Id,
                ProvisionId = common.Provisions.Incitement.Id,
                Description = "Incitement",
                State = "convicted",
            }
        );
        db.Cases.Add(rongChhunCase);
        events.Add(
            new(
                NewEvent(
                    "arrest",
                    FuzzyDate.OfDay(2020, 7, 31),
                    "Arrested in Phnom Penh.",
                    rongChhunCase.Id,
                    phnomPenh,
                    [rongChhun.Id],
                    null,
                    null
                ),
                camboja,
                null
            )
        );
        events.Add(
            new(
                NewEvent(
                    "hearing",
                    FuzzyDate.OfDay(2020, 11, 11),
                    "Appeared before the Supreme Court (photograph: CamboJA/ Panha Chhorpoan).",
                    rongChhunCase.Id,
                    phnomPenh,
                    [rongChhun.Id],
                    common.Organisations.SupremeCourt.Id,
                    "court"
                ),
                camboja,
                "Rong Chhun leaves the Supreme court on November 11, 2020."
            )
        );
        events.Add(
            new(
                NewEvent(
                    "verdict",
                    FuzzyDate.OfMonth(2021, 8),
                    "Convicted of incitement and sentenced to two years in prison.",
                    rongChhunCase.Id,
                    phnomPenh,
                    [rongChhun.Id],
                    common.Organisations.PhnomPenhCourt.Id,
                    "court",
                    e =>
                    {
                        e.Decision = "convicted";
                        e.SentenceYears = 2;
                    }
                ),
                camboja,
                null
            )
        );
    }

    /// <summary>Long Sokunthy's land dispute, and Adhoc's support.</summary>
    private static void AddLongSokunthy(HabeasDb db, Common common, List<CitedEvent> events)
    {
        var banteayMeanchey = common.Places.BanteayMeanchey;
        var adhoc = common.Organisations.Adhoc;
        var longSokunthy = common.People.LongSokunthy;
        var landCase = new Case { Title = "Long Sokunthy: land dispute over 1,430 hectares", JurisdictionId = banteayMeanchey.Id };
        landCase.Participants.Add(
            new CaseParticipant
            {
                CaseId = landCase.Id,
                PersonId = longSokunthy.Id,
                Role = "defendant",
            }
        );
        landCase.Charges.Add(
            new Charge
            {
                CaseId = landCase.Id,
                PersonId = longSokunthy.Id,
                Description = "Invasion of privacy",
                State = "convicted",
            }
        );
        landCase.Charges.Add(
            new Charge
            {
                CaseId = landCase.Id,
                PersonId = longSokunthy.Id,
                Description = "Damage to private property",
                State = "convicted",
            }
        );
        db.Cases.Add(landCase);
        events.Add(
            new(
                NewEvent(
                    "verdict",
                    null,
                    "Sentenced to a year in prison after protesting a tycoon's claim to the land.",
                    landCase.Id,
                    banteayMeanchey,
                    [longSokunthy.Id],
                    null,
                    null,
                    e =>
                    {
                        e.Decision = "convicted";
                        e.SentenceYears = 1;
                    }
                ),
                common.Sources.Camboja,
                "she was sentenced to a year in prison for invasion of privacy and private property damage"
            )
        );
        db.Interventions.Add(
            new Intervention
            {
                Kind = "mediation",
                PersonId = longSokunthy.Id,
                CaseId = landCase.Id,
                OrganisationId = adhoc.Id,
                Status = "completed",
                Description = LocalizedText.Of("en", "Adhoc helped mediate the land dispute between the residents and the tycoon."),
            }
        );
        db.Interventions.Add(
            new Intervention
            {
                Kind = "legal-representation",
                PersonId = longSokunthy.Id,
                CaseId = landCase.Id,
                OrganisationId = adhoc.Id,
                Status = "completed",
                Description = LocalizedText.Of("en", "Free legal support at the provincial court."),
            }
        );
    }

    /// <summary>Thun Saray: his imprisonment in the early 1990s and his exile.</summary>
    private static void AddThunSaray(HabeasDb db, Common common, List<CitedEvent> events)
    {
        var (cambodia, canada) = (common.Places.Cambodia, common.Places.Canada);
        var camboja = common.Sources.Camboja;
        var thunSaray = common.People.ThunSaray;
        var thunSarayCase = new Case { Title = "Thun Saray: imprisonment in the early 1990s", JurisdictionId = cambodia.Id };
        thunSarayCase.Participants.Add(
            new CaseParticipant
            {
                CaseId = thunSarayCase.Id,
                PersonId = thunSaray.Id,
                Role = "defendant",
            }
        );
        db.Cases.Add(thunSarayCase);
        events.Add(
            new(
                NewEvent(
                    "arrest",
                    FuzzyDate.Parse("1990?"),
                    "Imprisoned after advocating for human rights; he spent 17 months in prison.",
                    thunSarayCase.Id,
                    cambodia,
                    [thunSaray.Id],
                    null,
                    null
                ),
                camboja,
                "the 17 months he spent in prison after advocating for human rights in the early 1990s"
            )
        );
        events.Add(
            new(
                NewEvent(
                    "release",
                    FuzzyDate.Parse("1991?"),
                    "Released after 17 months in prison.",
                    thunSarayCase.Id,
                    cambodia,
                    [thunSaray.Id],
                    null,
                    null,
                    e => e.ReleaseReason = "other"
                ),
                camboja,
                null
            )
        );
        events.Add(
            new(
                NewEvent(
                    "exile",
                    FuzzyDate.OfMonth(2016, 5),
                    "Left the country amid arrest threats for his work to free the Adhoc five; in self-exile in Canada.",
                    null,
                    canada,
                    [thunSaray.Id],
                    null,
                    null
                ),
                camboja,
                "In May 2016, the Adhoc chief left the country amid arrest threats"
            )
        );
    }

    /// <summary>
    /// Publicly reported at the time (CamboJA, among others): the Adhoc five, their case and its events, and the article
    /// about them are on the public site too (docs/demo.md).
    /// </summary>
    private static void PublishAdhocFive(Common common, Case adhocFive, List<CitedEvent> events)
    {
        common.Sources.Camboja.Level = Habeas.Platform.Access.RecordLevels.Public;
        foreach (var person in common.People.AdhocFive)
        {
            person.Level = Habeas.Platform.Access.RecordLevels.Public;
        }
        adhocFive.Level = Habeas.Platform.Access.RecordLevels.Public;
        foreach (var (e, _, _) in events.Where(x => x.Event.CaseId == adhocFive.Id))
        {
            e.Level = Habeas.Platform.Access.RecordLevels.Public;
        }
    }

    /// <summary>Each event cited from its source, and two facts about people cited from theirs.</summary>
    private static void AddCitations(HabeasDb db, Common common, List<CitedEvent> events)
    {
        foreach (var (e, source, quote) in events)
        {
            db.Citations.Add(
                new Citation
                {
                    SourceId = source.Id,
                    TargetType = "event",
                    TargetId = e.Id,
                    Quote = quote,
                }
            );
        }
        db.Citations.Add(
            new Citation
            {
                SourceId = common.Sources.Camboja.Id,
                TargetType = "person",
                TargetId = common.People.NySokha.Id,
                Field = "birthDate",
                Quote = "Born in 1972 in Prey Veng province’s Pea Raing district",
            }
        );
        db.Citations.Add(
            new Citation
            {
                SourceId = common.Sources.AmnestyStory.Id,
                TargetType = "person",
                TargetId = common.People.SokYoeun.Id,
                Quote = "A member of a Cambodian opposition political party, he was accused of involvement in a 1998 rocket attack",
            }
        );
    }

    private static Place Place(string kind, string en, string km, Place? parent = null, string? code = null) =>
        new()
        {
            Kind = kind,
            Names = new LocalizedText { ["en"] = en, ["km"] = km },
            ParentId = parent?.Id,
            Code = code,
        };

    private static Organisation Organisation(string kind, string en, string km, string? acronym, Place? country) =>
        new()
        {
            Kind = kind,
            Names = new LocalizedText { ["en"] = en, ["km"] = km },
            Acronym = acronym,
            CountryId = country?.Id,
        };

    private static Person Person(Guid id, (string Text, string Kind)[] names, string[] tags, string nationality, string biography)
    {
        var person = new Person
        {
            Id = id,
            Nationality = nationality,
            Biography = LocalizedText.Of("en", biography),
        };
        for (var i = 0; i < names.Length; i++)
        {
            var (text, kind) = names[i];
            person.Names.Add(
                new PersonName
                {
                    PersonId = id,
                    Text = text,
                    Kind = kind,
                    Script = ScriptDetector.Detect(text),
                    SortOrder = i,
                    SearchText = NameFolding.Fold(text),
                    Language = ScriptDetector.Detect(text) == "Khmr" ? "km" : null,
                }
            );
        }
        person.Tags.AddRange(tags.Select(t => new PersonTag { PersonId = id, Tag = t }));
        return person;
    }

    private static Event NewEvent(
        string type,
        FuzzyDate? date,
        string text,
        Guid? caseId,
        Place? place,
        IEnumerable<Guid> people,
        Guid? actor,
        string? role,
        Action<Event>? more = null
    )
    {
        var e = new Event
        {
            Type = type,
            Date = date,
            CaseId = caseId,
            PlaceId = place?.Id,
            Description = LocalizedText.Of("en", text),
        };
        e.People.AddRange(people.Select(p => new EventPerson { EventId = e.Id, PersonId = p }));
        if (actor is not null)
        {
            e.Actors.Add(
                new EventActor
                {
                    EventId = e.Id,
                    OrganisationId = actor,
                    Role = role ?? "other",
                }
            );
        }
        more?.Invoke(e);
        return e;
    }
}
