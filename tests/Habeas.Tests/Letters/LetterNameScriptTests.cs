using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Letters;

/// <summary>
/// Issue 18: names in the reader's script. A person whose primary name is Khmer, with a romanization: an English letter
/// (page and .docx) names him in Latin script, a Khmer letter in Khmer script, and the public list in English shows the
/// romanization first with the Khmer name beside it (trial bug B7).
/// </summary>
public sealed class LetterNameScriptTests
{
    private const string Khmer = "ហេង សុភា";
    private const string Latin = "Heng Sophea";

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnEnglishLetter_CarriesTheRomanization_AKhmerLetterTheKhmerName(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var person = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/people",
                new
                {
                    level = "public",
                    names = new object[] { new { text = Khmer, kind = "primary" }, new { text = Latin, kind = "romanization" } },
                }
            )
        );
        var caseId = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/cases",
                new
                {
                    title = "A defender's case",
                    level = "public",
                    people = new[] { new { personId = person, role = "defendant" } },
                }
            )
        );
        var action = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA 18/26",
                    kind = "urgent-action",
                    title = "Release a defender",
                    caseIds = new[] { caseId },
                    @public = true,
                }
            )
        );
        (await admin.PostAsJsonAsync($"/api/v1/actions/{action}/issue", new { })).EnsureSuccessStatusCode();
        var english = await IdAsync(
            await admin.PostAsJsonAsync(
                $"/api/v1/actions/{action}/targets",
                new
                {
                    title = "Special Rapporteur",
                    name = "UN Special Rapporteur on human rights defenders",
                    salutation = "Dear Special Rapporteur",
                    language = "en",
                }
            )
        );
        var khmer = await IdAsync(
            await admin.PostAsJsonAsync(
                $"/api/v1/actions/{action}/targets",
                new
                {
                    title = "រដ្ឋមន្ត្រីក្រសួងយុត្តិធម៌",
                    salutation = "គោរពជូន ឯកឧត្តមរដ្ឋមន្ត្រី",
                    language = "km",
                }
            )
        );
        (
            await admin.PutAsJsonAsync(
                $"/api/v1/actions/{action}/letters/en",
                new { text = "{{salutation}},\n\nI write about {{prisoner.name}}, held for his work.\n\n{{supporter.name}}" }
            )
        ).EnsureSuccessStatusCode();
        (
            await admin.PutAsJsonAsync(
                $"/api/v1/actions/{action}/letters/km",
                new { text = "{{salutation}}\n\nខ្ញុំសរសេរអំពី {{prisoner.name}}។\n\n{{supporter.name}}" }
            )
        ).EnsureSuccessStatusCode();
        var anonymous = app.CreateAnonymousClient();

        var englishLetter = await anonymous.GetStringAsync($"/act/{action}/letter?target={english}&name=Anna&town=Oslo");
        Assert.Contains($"I write about {Latin}, held for his work.", englishLetter);
        Assert.DoesNotContain(Khmer, englishLetter);
        var englishDocx = LettersTests.DocumentXml(
            await anonymous.GetByteArrayAsync($"/act/{action}/letter.docx?target={english}&name=Anna&town=Oslo")
        );
        Assert.Contains(Latin, englishDocx);
        Assert.DoesNotContain(Khmer, englishDocx);

        var khmerLetter = await anonymous.GetStringAsync($"/act/{action}/letter?target={khmer}&name=Dara&town=Kampot");
        Assert.Contains($"ខ្ញុំសរសេរអំពី {Khmer}។", khmerLetter);
        Assert.DoesNotContain(Latin, khmerLetter);
        var khmerDocx = LettersTests.DocumentXml(
            await anonymous.GetByteArrayAsync($"/act/{action}/letter.docx?target={khmer}&name=Dara&town=Kampot")
        );
        Assert.Contains(Khmer, khmerDocx);

        // B7: the public list in English shows the romanization, and the Khmer name beside it.
        var list = await anonymous.GetStringAsync("/public?lang=en");
        Assert.Contains($">{Latin}</a>", list);
        Assert.Contains(Khmer, list);
        var listKhmer = await anonymous.GetStringAsync("/public?lang=km");
        Assert.Contains($">{Khmer}</a>", listKhmer);
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }
}
