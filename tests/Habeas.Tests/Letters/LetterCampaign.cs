using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Platform.Access;
using Habeas.Records.Cases;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Letters;

/// <summary>
/// A published Urgent Action for "Sok Yoeun" (Khmer name សុខ យឿន, Thai name สุข เยือน) with a Thai and a Cambodian
/// official, letter templates in Thai and Khmer, and canaries: his prison address (confidential), a non-public case of
/// the action and a non-public co-defendant in the published case.
/// </summary>
public static partial class LetterCampaign
{
    public const string PrisonCanary = "CANARYPRISON Bangkok Immigration Detention Centre";
    public const string HiddenCanary = "CANARYHIDDEN";
    public const string ThaiSentence = "ข้าพเจ้าขอเรียกร้องให้ทางการไทยไม่ส่งตัว";
    public const string KhmerSentence = "ខ្ញុំសូមស្នើឱ្យឯកឧត្តមធានាសុវត្ថិភាពរបស់";

    public const string ThaiTemplate =
        "{{target.title}} {{target.name}}\n{{target.organisation}}\n{{target.address}}\n\n{{date}}\n\n{{salutation}}\n\n"
        + ThaiSentence
        + " {{prisoner.name}} กลับไปยังกัมพูชา\n\nขอแสดงความนับถือ\n{{supporter.name}}\n{{supporter.town}}";
    public const string KhmerTemplate =
        "{{target.title}}\n{{target.organisation}}\n{{target.address}}\n\n{{salutation}}\n\n"
        + KhmerSentence
        + " {{prisoner.name}}។\n\nដោយក្តីគោរព\n{{supporter.name}}, {{supporter.town}}\n{{date}}";

    public sealed record Campaign(Guid ActionId, Guid PersonId, Guid ThaiTarget, Guid KhmerTarget, string Code);

    /// <summary>Creates it through the API as an administrator (who may publish); <paramref name="publish"/> and
    /// <paramref name="issue"/> leave it off the public site or as a draft.</summary>
    public static async Task<Campaign> CreateAsync(TestApp app, bool publish = true, bool issue = true, string code = "UA 309/02")
    {
        Guid personId,
            caseId,
            hiddenCaseId;
        await using (var db = app.OpenDb())
        {
            var person = new Person { Level = RecordLevels.Public };
            person.Names.Add(
                new PersonName
                {
                    Text = "Sok Yoeun",
                    Script = "Latn",
                    Kind = NameKinds.Primary,
                    SearchText = "sok yoeun",
                    SortOrder = 0,
                }
            );
            person.Names.Add(
                new PersonName
                {
                    Text = "សុខ យឿន",
                    Script = "Khmr",
                    Kind = NameKinds.Primary,
                    SearchText = "សុខ យឿន",
                    SortOrder = 1,
                }
            );
            person.Names.Add(
                new PersonName
                {
                    Text = "สุข เยือน",
                    Script = "Thai",
                    Kind = NameKinds.Primary,
                    SearchText = "สุข เยือน",
                    SortOrder = 2,
                }
            );
            var hiddenPerson = new Person();
            hiddenPerson.Names.Add(
                new PersonName
                {
                    Text = $"{HiddenCanary} co-defendant",
                    Script = "Latn",
                    Kind = NameKinds.Primary,
                    SearchText = "canaryhidden co-defendant",
                }
            );
            var published = new Case
            {
                Title = "Sok Yoeun",
                Level = RecordLevels.Public,
                Summary = new Habeas.Platform.Shared.LocalizedText { ["en"] = "Cambodian opposition member held in Bangkok." },
            };
            published.Participants.Add(new CaseParticipant { PersonId = person.Id, Role = "defendant" });
            published.Participants.Add(new CaseParticipant { PersonId = hiddenPerson.Id, Role = "co-defendant" });
            var hidden = new Case { Title = $"{HiddenCanary} internal case", Level = RecordLevels.Internal };
            hidden.Participants.Add(new CaseParticipant { PersonId = hiddenPerson.Id, Role = "defendant" });
            db.AddRange(person, hiddenPerson, published, hidden);
            await db.SaveChangesAsync();
            (personId, caseId, hiddenCaseId) = (person.Id, published.Id, hidden.Id);
        }
        var holder = await app.AccountAsync(Habeas.Platform.Accounts.Roles.Monitor, confidential: true);
        (
            await holder.Client.PutAsJsonAsync(
                $"/api/v1/people/{personId}/confidential",
                new { fields = new Dictionary<string, string> { ["prison-address"] = PrisonCanary }, version = 0 }
            )
        ).EnsureSuccessStatusCode();

        var admin = app.CreateClient();
        var created = await admin.PostAsJsonAsync(
            "/api/v1/actions",
            new
            {
                code,
                kind = "urgent-action",
                title = "Fear of forcible return",
                caseIds = new[] { caseId, hiddenCaseId },
                @public = publish,
                recommendedActions = new
                {
                    en = "Write to the Thai and Cambodian authorities.",
                    km = "សូមសរសេរទៅកាន់អាជ្ញាធរថៃ និងកម្ពុជា។",
                },
                appealText = new { en = "Do not return Sok Yoeun to Cambodia." },
                cardGuidance = new { en = "Do not mention politics, the party or the case.", km = "កុំនិយាយអំពីនយោបាយ គណបក្ស ឬរឿងក្តី។" },
            }
        );
        created.EnsureSuccessStatusCode();
        var actionId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (issue)
        {
            (await admin.PostAsJsonAsync($"/api/v1/actions/{actionId}/issue", new { })).EnsureSuccessStatusCode();
            (
                await admin.PostAsJsonAsync(
                    $"/api/v1/actions/{actionId}/updates",
                    new { whatChanged = "UNHCR recognises Sok Yoeun as a refugee" }
                )
            ).EnsureSuccessStatusCode();
        }
        var thai = await TargetAsync(
            admin,
            actionId,
            new
            {
                title = "นายกรัฐมนตรี",
                name = "ทักษิณ ชินวัตร",
                organisation = "ทำเนียบรัฐบาล",
                postalAddress = "ถนนพิษณุโลก กรุงเทพฯ 10300",
                salutation = "เรียน ฯพณฯ นายกรัฐมนตรี",
                fax = "+66 2 280 1589",
                language = "th",
            }
        );
        var khmer = await TargetAsync(
            admin,
            actionId,
            new
            {
                title = "រដ្ឋមន្ត្រីក្រសួងមហាផ្ទៃ",
                organisation = "ក្រសួងមហាផ្ទៃ",
                postalAddress = "មហាវិថីព្រះនរោត្តម ភ្នំពេញ",
                salutation = "គោរពជូន ឯកឧត្តមរដ្ឋមន្ត្រី",
                language = "km",
            }
        );
        (await admin.PutAsJsonAsync($"/api/v1/actions/{actionId}/letters/th", new { text = ThaiTemplate })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/actions/{actionId}/letters/km", new { text = KhmerTemplate })).EnsureSuccessStatusCode();
        return new Campaign(actionId, personId, thai, khmer, code);
    }

    private static async Task<Guid> TargetAsync(HttpClient client, Guid actionId, object target)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/actions/{actionId}/targets", target);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static string LetterPath(Campaign c, Guid target, string name = "Anna", string town = "Tampere") =>
        $"/act/{c.ActionId}/letter?target={target}&name={Uri.EscapeDataString(name)}&town={Uri.EscapeDataString(town)}";

    /// <summary>The hidden fields of the last form on a page: antiforgery, the public form's issued-at, a sent token.</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Hidden().Matches(html))
        {
            fields[m.Groups[1].Value] = System.Net.WebUtility.HtmlDecode(m.Groups[2].Value);
        }
        fields["website"] = "";
        return fields;
    }

    [GeneratedRegex("<input (?:type=\"hidden\" )?name=\"([^\"]+)\" (?:type=\"hidden\" )?value=\"([^\"]*)\"")]
    private static partial Regex Hidden();
}
