using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Deadlines;

/// <summary>
/// The legal time limits Habeas ships, with their sources (docs/deadlines.md): Cambodia's Code of Criminal Procedure
/// (2007) first, Thailand's Criminal Procedure Code second. Verified is false where the article or the period comes from a
/// secondary source and waits to be checked against the code's text. Seeded at every start (a limit whose code is missing
/// is added; one an administrator edited is left as it is).
/// </summary>
public static class ShippedLimits
{
    public static IReadOnlyList<LegalTimeLimit> All() =>
        [
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000001"),
                Code = "kh-ccp-96-police-custody",
                Country = "KH",
                Kind = "police-custody",
                OffenceClass = null,
                Months = 0,
                Days = 2,
                Law = "Code of Criminal Procedure of the Kingdom of Cambodia",
                Article = "96",
                CodeVersion = "2007 (Royal Kram NS/RKM/0807/024)",
                Verified = true,
                SourceUrl = "https://cjad.nottingham.ac.uk/en/legislation/243/keyword/252",
                Note =
                    "48 hours from arrival at the police or Royal Gendarmerie unit; for a felony the police may extend it with the prosecutor's written approval (the extension's length is not recorded here).",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000002"),
                Code = "kh-ccp-208-order-felony",
                Country = "KH",
                Kind = "detention-order",
                OffenceClass = "felony",
                Months = 6,
                Days = 0,
                Law = "Code of Criminal Procedure of the Kingdom of Cambodia",
                Article = "208",
                CodeVersion = "2007 (Royal Kram NS/RKM/0807/024)",
                Verified = false,
                SourceUrl = "https://www.icj.org/south-east-asia-security-laws/cambodia-southeast-asia-security-laws/",
                Note = "Each detention order or extension for a felony: six months. From secondary sources; check against the code's text.",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000003"),
                Code = "kh-ccp-208-maximum-felony",
                Country = "KH",
                Kind = "pre-trial-maximum",
                OffenceClass = "felony",
                Months = 18,
                Days = 0,
                Law = "Code of Criminal Procedure of the Kingdom of Cambodia",
                Article = "208",
                CodeVersion = "2007 (Royal Kram NS/RKM/0807/024)",
                Verified = false,
                SourceUrl = "https://www.icj.org/south-east-asia-security-laws/cambodia-southeast-asia-security-laws/",
                Note =
                    "Pre-trial detention for a felony: at most 18 months (ICJ's summary of art. 208); longer for crimes against humanity, genocide and war crimes.",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000004"),
                Code = "kh-ccp-209-order-misdemeanour",
                Country = "KH",
                Kind = "detention-order",
                OffenceClass = "misdemeanour",
                Months = 4,
                Days = 0,
                Law = "Code of Criminal Procedure of the Kingdom of Cambodia",
                Article = "209",
                CodeVersion = "2007 (Royal Kram NS/RKM/0807/024)",
                Verified = true,
                SourceUrl = "https://cjad.nottingham.ac.uk/en/state/25/keyword/328",
                Note = "\"For an adult accused of a misdemeanor, the pre-trial detention shall not exceed 4 (four) months.\"",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000005"),
                Code = "kh-ccp-209-maximum-misdemeanour",
                Country = "KH",
                Kind = "pre-trial-maximum",
                OffenceClass = "misdemeanour",
                Months = 6,
                Days = 0,
                Law = "Code of Criminal Procedure of the Kingdom of Cambodia",
                Article = "209",
                CodeVersion = "2007 (Royal Kram NS/RKM/0807/024)",
                Verified = false,
                SourceUrl = "https://cjad.nottingham.ac.uk/en/state/25/keyword/328",
                Note =
                    "Four months, extended by the investigating judge \"only one time\"; the two months of that extension come from secondary sources.",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000006"),
                Code = "kh-ccp-382-appeal",
                Country = "KH",
                Kind = "appeal",
                OffenceClass = null,
                Months = 1,
                Days = 0,
                Law = "Code of Criminal Procedure of the Kingdom of Cambodia",
                Article = "382",
                CodeVersion = "2007 (Royal Kram NS/RKM/0807/024)",
                Verified = false,
                SourceUrl = null,
                Note =
                    "One month from the pronouncement of the judgment to appeal to the Court of Appeal. Article number and period not yet checked against the code's text.",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000007"),
                Code = "th-cpc-87-police-custody",
                Country = "TH",
                Kind = "police-custody",
                OffenceClass = null,
                Months = 0,
                Days = 2,
                Law = "Criminal Procedure Code",
                Article = "87",
                CodeVersion = "B.E. 2477 (1935), as amended",
                Verified = true,
                SourceUrl = "https://online.flipbuilder.com/trjb/zbuk/files/basic-html/page143.html",
                Note = "48 hours from arrival at the inquiry official's office.",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000008"),
                Code = "th-cpc-87-order",
                Country = "TH",
                Kind = "detention-order",
                OffenceClass = null,
                Months = 0,
                Days = 12,
                Law = "Criminal Procedure Code",
                Article = "87",
                CodeVersion = "B.E. 2477 (1935), as amended",
                Verified = true,
                SourceUrl = "https://thanaiphorn.com/boards/index.php?topic=1005.msg1565",
                Note = "Each court detention order during the inquiry: at most 12 days.",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000009"),
                Code = "th-cpc-87-maximum-felony",
                Country = "TH",
                Kind = "pre-trial-maximum",
                OffenceClass = "felony",
                Months = 0,
                Days = 84,
                Law = "Criminal Procedure Code",
                Article = "87",
                CodeVersion = "B.E. 2477 (1935), as amended",
                Verified = true,
                SourceUrl = "https://thanaiphorn.com/boards/index.php?topic=1005.msg1565",
                Note = "Offences punishable by ten years or more: successive orders of at most 12 days, 84 days in all.",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000010"),
                Code = "th-cpc-87-maximum-misdemeanour",
                Country = "TH",
                Kind = "pre-trial-maximum",
                OffenceClass = "misdemeanour",
                Months = 0,
                Days = 48,
                Law = "Criminal Procedure Code",
                Article = "87",
                CodeVersion = "B.E. 2477 (1935), as amended",
                Verified = true,
                SourceUrl = "https://thanaiphorn.com/boards/index.php?topic=1005.msg1565",
                Note = "Offences punishable by more than six months and less than ten years: 48 days in all.",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000011"),
                Code = "th-cpc-198-appeal",
                Country = "TH",
                Kind = "appeal",
                OffenceClass = null,
                Months = 1,
                Days = 0,
                Law = "Criminal Procedure Code",
                Article = "198",
                CodeVersion = "B.E. 2477 (1935), as amended",
                Verified = true,
                SourceUrl =
                    "https://deka.law3s.com/details.php?type=keyword&word=%E0%B8%82%E0%B8%A2%E0%B8%B2%E0%B8%A2%E0%B9%80%E0%B8%A7%E0%B8%A5%E0%B8%B2%E0%B8%AD%E0%B8%B8%E0%B8%97%E0%B8%98%E0%B8%A3%E0%B8%93%E0%B9%8C",
                Note = "One month from the day the judgment is read (Supreme Court 848/2549); a calendar month (806/2525).",
            },
            new()
            {
                Id = Guid.Parse("0194f5a0-0034-7000-8000-000000000012"),
                Code = "th-cpc-216-dika",
                Country = "TH",
                Kind = "cassation",
                OffenceClass = null,
                Months = 1,
                Days = 0,
                Law = "Criminal Procedure Code",
                Article = "216",
                CodeVersion = "B.E. 2477 (1935), as amended",
                Verified = true,
                SourceUrl = "http://tamanoon.biz/procrime/section/section216.htm",
                Note = "One month from the day the Appeal Court's judgment is read, to appeal to the Supreme Court (Dika).",
            },
        ];

    /// <summary>
    /// Adds the shipped limits whose codes are not stored yet, through the one write path (each gets its first history
    /// version and audit entry, by the server); returns how many. A limit an administrator edited is left as it is.
    /// </summary>
    public static async Task<int> SeedAsync(HabeasDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = (await db.TimeLimits.Select(l => l.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var missing = All().Where(l => !stored.Contains(l.Code)).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }
        db.TimeLimits.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }
}
