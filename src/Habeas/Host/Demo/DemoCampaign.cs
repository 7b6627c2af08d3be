using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Letters;
using Habeas.Campaigns.Stories;
using Habeas.Core.Campaigns;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;

namespace Habeas.Host.Demo;

/// <summary>
/// The campaign for Sok Yoeun, from the seed story and Amnesty International's public Urgent Action documents:
/// UA 309/02 (AI Index ASA 39/007/2002, 17 October 2002) and its further information of 29 November 2002
/// (ASA 39/008/2002), 17 November 2003 (ASA 39/012/2003) and 28 November 2003 (ASA 39/014/2003); closed by his
/// release on 26 February 2004. What those documents do not say is not invented: the medical and postcard
/// actions have no known reference or dates, and "thousands" of letters and cards are counted as 2,000, the least
/// the word means (docs/demo.md).
/// </summary>
public static class DemoCampaign
{
    public static readonly Guid UrgentActionId = Guid.Parse("0190f5a0-0000-7000-8000-000000000201");
    public static readonly Guid ThaiPrimeMinisterId = Guid.Parse("0190f5a0-0000-7000-8000-000000000301");
    public static readonly Guid ThaiForeignMinisterId = Guid.Parse("0190f5a0-0000-7000-8000-000000000302");
    public static readonly Guid CambodianPrimeMinisterId = Guid.Parse("0190f5a0-0000-7000-8000-000000000303");

    public static async Task LoadAsync(HabeasDb db, Case sokYoeunCase, Event release, CancellationToken cancellationToken)
    {
        var targets = AddTargets(db);
        var ua = AddUrgentAction(db, targets, sokYoeunCase, release);
        AddLetterTemplates(db, ua);
        AddStory(db, ua);
        var greetingCards = AddOtherActions(db, targets, sokYoeunCase, release);
        AddOutreach(db, targets, ua, greetingCards);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The officials the letters are written to.</summary>
    private sealed record Targets(
        CampaignTarget ThaiPrimeMinister,
        CampaignTarget ThaiForeignMinister,
        CampaignTarget CambodianPrimeMinister
    );

    /// <summary>The Thai Prime Minister and Minister of Foreign Affairs of the time, and the Cambodian Prime Minister.</summary>
    private static Targets AddTargets(HabeasDb db)
    {
        var thaiPrimeMinister = new CampaignTarget
        {
            Id = ThaiPrimeMinisterId,
            Title = "Prime Minister",
            Name = "Thaksin Shinawatra",
            Organisation = "Office of the Prime Minister",
            PostalAddress = "Government House\nThanon Phitsanulok, Dusit\nBangkok 10300\nThailand",
            Salutation = "เรียน ฯพณฯ นายกรัฐมนตรี",
            Language = "th",
        };
        var thaiForeignMinister = new CampaignTarget
        {
            Id = ThaiForeignMinisterId,
            Title = "Minister of Foreign Affairs",
            Name = "Surakiart Sathirathai",
            Organisation = "Ministry of Foreign Affairs",
            PostalAddress = "Ministry of Foreign Affairs\nSri Ayudhya Road\nBangkok 10400\nThailand",
            Salutation = "เรียน ฯพณฯ รัฐมนตรีว่าการกระทรวงการต่างประเทศ",
            Language = "th",
        };
        var cambodianPrimeMinister = new CampaignTarget
        {
            Id = CambodianPrimeMinisterId,
            Title = "Prime Minister",
            Name = "Hun Sen",
            Organisation = "Office of the Council of Ministers",
            PostalAddress = "Office of the Council of Ministers\nRussian Federation Boulevard\nPhnom Penh\nCambodia",
            Salutation = "សូមគោរពជូន សម្តេចនាយករដ្ឋមន្ត្រី",
            Language = "km",
        };
        db.CampaignTargets.AddRange(thaiPrimeMinister, thaiForeignMinister, cambodianPrimeMinister);
        return new Targets(thaiPrimeMinister, thaiForeignMinister, cambodianPrimeMinister);
    }

    /// <summary>UA 309/02, its concerns, its targets and its further information.</summary>
    private static CampaignAction AddUrgentAction(HabeasDb db, Targets targets, Case sokYoeunCase, Event release)
    {
        var ua = new CampaignAction
        {
            Id = UrgentActionId,
            Code = "UA 309/02",
            Kind = "urgent-action",
            Title = "Thailand: Sok Yoeun — fear of forcible return, prisoner of conscience, health concern",
            Status = ActionLifecycle.Closed,
            IssuedOn = new DateOnly(2002, 10, 17),
            ClosedOn = new DateOnly(2004, 2, 26),
            Outcome = "released",
            OutcomeNote =
                "Freed from a Thai jail on 26 February 2004 and reunited with his family in Finland the next day, after the Thai government decided on humanitarian grounds to let him join them instead of extraditing him.",
            OutcomeEventId = release.Id,
            // Published at the time: its public page shows the outcome and the story (letters and cards are closed).
            Public = true,
            CardGuidance = new LocalizedText
            {
                ["en"] =
                    "Prison mail is read by the authorities. Write a short, warm greeting: wish him and his family well. Do not mention the case, the charges, the extradition, politics, the campaign or Amnesty International, and send no money, photographs or other enclosures.",
                ["km"] =
                    "សំបុត្រក្នុងពន្ធនាគារត្រូវបានអាជ្ញាធរអាន។ សូមសរសេរការជូនពរខ្លីៗ និងកក់ក្តៅ៖ ជូនពរគាត់ និងគ្រួសារ។ កុំនិយាយអំពីរឿងក្តី ការចោទប្រកាន់ ការធ្វើបត្យាប័ន នយោបាយ យុទ្ធនាការ ឬអង្គការលើកលែងទោសអន្តរជាតិ ហើយកុំផ្ញើលុយ រូបថត ឬរបស់ផ្សេងទៀតភ្ជាប់មកជាមួយ។",
            },
            RecommendedActions = new LocalizedText
            {
                ["en"] =
                    "Write to the Thai authorities: urge them not to return Sok Yoeun to Cambodia, where he would face an unfair trial and possible torture; remind them that he is recognised as a refugee by UNHCR and that no one may be returned to a country where they face serious human rights violations; call for his immediate and unconditional release as a prisoner of conscience, for the medical care he needs, and for him to be allowed to join his family in a third country. Write to the Cambodian Prime Minister to withdraw the request for his extradition.",
                ["km"] =
                    "សូមសរសេរទៅអាជ្ញាធរថៃ៖ ជំរុញកុំឱ្យបញ្ជូនលោក សុខ យឿន ត្រឡប់ទៅកម្ពុជាវិញ ជាកន្លែងដែលគាត់នឹងប្រឈមនឹងការជំនុំជម្រះមិនយុត្តិធម៌ និងអាចរងការធ្វើទារុណកម្ម។ រំលឹកថា គាត់ត្រូវបាន UNHCR ទទួលស្គាល់ជាជនភៀសខ្លួន។ ទាមទារឱ្យដោះលែងគាត់ភ្លាមៗ និងដោយគ្មានលក្ខខណ្ឌ ជាអ្នកទោសមនសិការ ឱ្យគាត់ទទួលបានការព្យាបាល និងឱ្យគាត់បានទៅរស់នៅជាមួយគ្រួសារនៅប្រទេសទីបី។ សូមសរសេរទៅនាយករដ្ឋមន្ត្រីកម្ពុជា ដើម្បីដកសំណើសុំធ្វើបត្យាប័ន។",
            },
            AppealText = new LocalizedText
            {
                ["en"] =
                    "I am writing about Sok Yoeun, a refugee recognised by UNHCR and a prisoner of conscience, held in Thailand since December 1999. I urge you not to return him to Cambodia, where he would face an unfair trial and possible torture, to release him at once and to allow him to join his family.",
                ["th"] =
                    "ข้าพเจ้าเขียนจดหมายฉบับนี้เกี่ยวกับนาย Sok Yoeun ผู้ลี้ภัยที่ได้รับการรับรองจากสำนักงานข้าหลวงใหญ่ผู้ลี้ภัยแห่งสหประชาชาติ (UNHCR) และเป็นนักโทษทางความคิด ซึ่งถูกคุมขังในประเทศไทยตั้งแต่เดือนธันวาคม 2542 ข้าพเจ้าขอเรียกร้องให้ท่านอย่าส่งตัวเขากลับไปยังกัมพูชา ซึ่งเขาอาจถูกพิจารณาคดีอย่างไม่เป็นธรรมและอาจถูกทรมาน ขอให้ปล่อยตัวเขาโดยทันที และอนุญาตให้เขาได้ไปอยู่กับครอบครัว",
                ["km"] =
                    "ខ្ញុំសរសេរលិខិតនេះអំពីលោក សុខ យឿន ជនភៀសខ្លួនដែល UNHCR បានទទួលស្គាល់ និងជាអ្នកទោសមនសិការ ដែលត្រូវបានឃុំខ្លួននៅប្រទេសថៃតាំងពីខែធ្នូ ឆ្នាំ១៩៩៩។ ខ្ញុំសូមស្នើឱ្យរាជរដ្ឋាភិបាលដកសំណើសុំធ្វើបត្យាប័នលោក ដើម្បីឱ្យលោកត្រូវបានដោះលែង និងបានជួបជុំគ្រួសារវិញ។",
            },
        };
        ua.Cases.Add(new ActionCase { ActionId = ua.Id, CaseId = sokYoeunCase.Id });
        foreach (var tag in new[] { "fear-of-forcible-return", "prisoner-of-conscience", "health-concern" })
        {
            ua.Concerns.Add(new ActionConcern { ActionId = ua.Id, Tag = tag });
        }
        foreach (var target in new[] { targets.ThaiPrimeMinister, targets.ThaiForeignMinister, targets.CambodianPrimeMinister })
        {
            ua.Targets.Add(new ActionTarget { ActionId = ua.Id, TargetId = target.Id });
        }
        AddUpdate(
            ua,
            1,
            new DateOnly(2002, 11, 29),
            "A Thai court decided that he should be returned to Cambodia; he appealed (ASA 39/008/2002).",
            "After protracted extradition hearings a Thai court decided in November 2002 that Sok Yoeun should be returned to Cambodia, rejecting the claim that the request for his extradition was politically motivated. He has appealed. Please keep writing."
        );
        AddUpdate(
            ua,
            2,
            new DateOnly(2003, 11, 17),
            "Still awaiting the appeal court while his health deteriorates (ASA 39/012/2003).",
            "A year on, Sok Yoeun is still awaiting the result of his appeal against extradition. His health has seriously deteriorated in prison: he suffers from eye and knee problems, has difficulty walking and is said to be severely depressed."
        );
        AddUpdate(
            ua,
            3,
            new DateOnly(2003, 11, 28),
            "The appeal court rejected his appeal: he may be returned to Cambodia within days (ASA 39/014/2003).",
            "On 28 November the Thai appeal court rejected Sok Yoeun's appeal against the decision to extradite him. His lawyer was not formally told of the hearing. He may now be extradited within days, possibly within 24 hours. Please send appeals immediately."
        );
        db.CampaignActions.Add(ua);
        return ua;
    }

    /// <summary>The letter templates in English, Thai and Khmer, written from the appeal.</summary>
    private static void AddLetterTemplates(HabeasDb db, CampaignAction ua) =>
        db.LetterTemplates.AddRange(
            new Habeas.Campaigns.Letters.LetterTemplate
            {
                ActionId = ua.Id,
                Language = "en",
                Text =
                    "{{target.title}} {{target.name}}\n{{target.address}}\n\n{{date}}\n\n{{salutation}},\n\nI am writing about {{prisoner.name}}, a refugee recognised by UNHCR and a prisoner of conscience, held in Thailand since December 1999. I urge you not to return him to Cambodia, where he would face an unfair trial and possible torture, to release him at once and to allow him to join his family.\n\nYours sincerely,\n{{supporter.name}}\n{{supporter.town}}",
            },
            new Habeas.Campaigns.Letters.LetterTemplate
            {
                ActionId = ua.Id,
                Language = "th",
                Text =
                    "{{target.title}} {{target.name}}\n{{target.address}}\n\n{{date}}\n\n{{salutation}}\n\nข้าพเจ้าเขียนจดหมายฉบับนี้เกี่ยวกับนาย {{prisoner.name}} ผู้ลี้ภัยที่ได้รับการรับรองจากสำนักงานข้าหลวงใหญ่ผู้ลี้ภัยแห่งสหประชาชาติ (UNHCR) และเป็นนักโทษทางความคิด ซึ่งถูกคุมขังในประเทศไทยตั้งแต่เดือนธันวาคม 2542 ข้าพเจ้าขอเรียกร้องให้ท่านอย่าส่งตัวเขากลับไปยังกัมพูชา ซึ่งเขาอาจถูกพิจารณาคดีอย่างไม่เป็นธรรมและอาจถูกทรมาน ขอให้ปล่อยตัวเขาโดยทันที และอนุญาตให้เขาได้ไปอยู่กับครอบครัว\n\nขอแสดงความนับถือ\n{{supporter.name}}\n{{supporter.town}}",
            },
            new Habeas.Campaigns.Letters.LetterTemplate
            {
                ActionId = ua.Id,
                Language = "km",
                Text =
                    "{{target.title}} {{target.name}}\n{{target.address}}\n\n{{date}}\n\n{{salutation}}\n\nខ្ញុំសរសេរលិខិតនេះអំពីលោក {{prisoner.name}} ជនភៀសខ្លួនដែល UNHCR បានទទួលស្គាល់ និងជាអ្នកទោសមនសិការ ដែលត្រូវបានឃុំខ្លួននៅប្រទេសថៃតាំងពីខែធ្នូ ឆ្នាំ១៩៩៩។ ខ្ញុំសូមស្នើឱ្យរាជរដ្ឋាភិបាលដកសំណើសុំធ្វើបត្យាប័នលោក ដើម្បីឱ្យលោកត្រូវបានដោះលែង និងបានជួបជុំគ្រួសារវិញ។\n\nសូមទទួលនូវការគោរពដ៏ខ្ពង់ខ្ពស់\n{{supporter.name}}\n{{supporter.town}}",
            }
        );

    /// <summary>His story, with his own words as Amnesty International published them (Stories of Success).</summary>
    private static void AddStory(HabeasDb db, CampaignAction ua)
    {
        var story = new Habeas.Campaigns.Stories.Story
        {
            ActionId = ua.Id,
            Title = new LocalizedText { ["en"] = "Sok Yoeun is free", ["km"] = "លោក សុខ យឿន មានសេរីភាពហើយ" },
            Text = new LocalizedText
            {
                ["en"] =
                    "Sok Yoeun, a Cambodian opposition party member recognised as a refugee by UNHCR, was freed from a Thai jail on 26 February 2004 after more than four years behind bars, and was reunited with his family in Finland the next day. Amnesty International members campaigned for him through Urgent Actions, Medical Letter-writing Actions, publicity and lobbying; they wrote thousands of letters and sent thousands of seasonal greeting cards to him in prison, and Amnesty International Thailand coordinated a postcard campaign to the Thai authorities that members across the world took up.",
                ["km"] =
                    "លោក សុខ យឿន សមាជិកគណបក្សប្រឆាំងកម្ពុជា ដែល UNHCR បានទទួលស្គាល់ជាជនភៀសខ្លួន ត្រូវបានដោះលែងពីពន្ធនាគារថៃ នៅថ្ងៃទី២៦ ខែកុម្ភៈ ឆ្នាំ២០០៤ បន្ទាប់ពីជាប់ឃុំជាងបួនឆ្នាំ ហើយបានជួបជុំគ្រួសារនៅប្រទេសហ្វាំងឡង់នៅថ្ងៃបន្ទាប់។ សមាជិកអង្គការលើកលែងទោសអន្តរជាតិបានធ្វើយុទ្ធនាការសម្រាប់លោក តាមរយៈសកម្មភាពបន្ទាន់ ការសរសេរលិខិតផ្នែកវេជ្ជសាស្ត្រ ការផ្សព្វផ្សាយ និងការតស៊ូមតិ ដោយបានសរសេរលិខិតរាប់ពាន់ច្បាប់ និងផ្ញើកាតជូនពររាប់ពាន់សន្លឹកទៅលោកនៅក្នុងពន្ធនាគារ។",
            },
            Published = true,
            PublishedAt = new DateTimeOffset(2004, 3, 31, 0, 0, 0, TimeSpan.Zero),
            PublishedBy = "demonstration data",
        };
        story.Quotes.Add(
            new Habeas.Campaigns.Stories.StoryQuote
            {
                StoryId = story.Id,
                Position = 0,
                Speaker = "Sok Yoeun",
                SaidOn = Core.Dates.FuzzyDate.OfDay(2004, 2, 27),
                Words =
                    "I've been saved from the throes of death, I will never forget this day in my life. I now have two fatherlands. Finland is a new home. I'm so happy to be with my family and I hope that my children who are still in Thailand and Cambodia can soon join us.",
                PublishedIn = "Amnesty International, Stories of Success: Sok Yoeun (said to reporters on his arrival in Finland)",
                Consent = true,
                ConsentBy = "Said publicly to reporters and published by Amnesty International",
            }
        );
        story.Quotes.Add(
            new Habeas.Campaigns.Stories.StoryQuote
            {
                StoryId = story.Id,
                Position = 1,
                Speaker = "Sok Yoeun",
                SaidOn = Core.Dates.FuzzyDate.OfMonth(2004, 3),
                Words =
                    "I would like to express my deepest gratitude to the Amnesty International for its constant efforts for my release from prison, and to send my respect and the expression of my highest consideration to all your collaborators devoted in their difficult tasks of helping the whole world.",
                PublishedIn =
                    "Amnesty International, Stories of Success: Sok Yoeun (to Amnesty International members, a month after his release)",
                Consent = true,
                ConsentBy = "Addressed to Amnesty International members and published by Amnesty International",
            }
        );
        db.Stories.Add(story);
    }

    /// <summary>The other actions the seed names, with nothing more known of them than that they happened.</summary>
    private static CampaignAction AddOtherActions(HabeasDb db, Targets targets, Case sokYoeunCase, Event release)
    {
        var medical = new CampaignAction
        {
            Code = "Medical action: Sok Yoeun",
            Kind = "medical-action",
            Title = "Medical Letter-writing Action for Sok Yoeun",
            Status = ActionLifecycle.Closed,
            ClosedOn = new DateOnly(2004, 2, 26),
            Outcome = "released",
            OutcomeEventId = release.Id,
            OutcomeNote =
                "The seed story names Medical Letter-writing Actions among the campaign; their references and dates are not known.",
        };
        medical.Cases.Add(new ActionCase { ActionId = medical.Id, CaseId = sokYoeunCase.Id });
        medical.Concerns.Add(new ActionConcern { ActionId = medical.Id, Tag = "health-concern" });
        var postcards = new CampaignAction
        {
            Code = "AI Thailand postcards: Sok Yoeun",
            Kind = "postcard-campaign",
            Title = "Postcard campaign to the Thai authorities, coordinated by Amnesty International Thailand",
            Status = ActionLifecycle.Closed,
            ClosedOn = new DateOnly(2004, 2, 26),
            Outcome = "released",
            OutcomeEventId = release.Id,
            OutcomeNote = "Taken up by members across the world (seed story); its dates and counts are not known.",
        };
        postcards.Cases.Add(new ActionCase { ActionId = postcards.Id, CaseId = sokYoeunCase.Id });
        postcards.Targets.Add(new ActionTarget { ActionId = postcards.Id, TargetId = targets.ThaiPrimeMinister.Id });
        var greetingCards = new CampaignAction
        {
            Code = "Greeting cards: Sok Yoeun",
            Kind = "greeting-card-campaign",
            Title = "Seasonal greeting cards to Sok Yoeun in prison",
            Status = ActionLifecycle.Closed,
            ClosedOn = new DateOnly(2004, 2, 26),
            Outcome = "released",
            OutcomeEventId = release.Id,
            OutcomeNote = "Members sent thousands of seasonal greeting cards, for which he was extremely grateful (seed story).",
        };
        greetingCards.Cases.Add(new ActionCase { ActionId = greetingCards.Id, CaseId = sokYoeunCase.Id });
        db.CampaignActions.AddRange(medical, postcards, greetingCards);
        return greetingCards;
    }

    /// <summary>"Thousands of letters" and "thousands of seasonal greeting cards": 2,000 each, the least the word means.</summary>
    private static void AddOutreach(HabeasDb db, Targets targets, CampaignAction ua, CampaignAction greetingCards)
    {
        var recordedAt = new DateTimeOffset(2004, 2, 26, 0, 0, 0, TimeSpan.Zero);
        db.Outreach.Add(
            new Outreach
            {
                ActionId = ua.Id,
                Channel = "letter",
                Count = 2000,
                TargetId = targets.ThaiPrimeMinister.Id,
                Date = new DateOnly(2003, 11, 28),
                RecordedAt = recordedAt,
            }
        );
        db.Outreach.Add(
            new Outreach
            {
                ActionId = greetingCards.Id,
                Channel = "card-to-prisoner",
                Count = 2000,
                Date = new DateOnly(2003, 12, 24),
                RecordedAt = recordedAt,
            }
        );
    }

    private static void AddUpdate(CampaignAction action, int number, DateOnly issuedOn, string whatChanged, string text) =>
        action.Updates.Add(
            new ActionUpdate
            {
                ActionId = action.Id,
                Number = number,
                IssuedOn = issuedOn,
                WhatChanged = whatChanged,
                Text = LocalizedText.Of("en", text),
            }
        );
}
