using System.Net;
using System.Text.RegularExpressions;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Admin;

/// <summary>
/// B22 of the user trial: inviting an account with an email already in use gave two raw Identity messages ("Username …
/// is already taken." and "Email … is already taken."). It gives one, in the reader's language.
/// </summary>
public sealed partial class DuplicateEmailTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AnExistingEmail_GivesOneMessage_InTheReadersLanguage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var existing = await app.CreateUserAsync(Roles.Viewer);
        var client = app.CreateClient();

        foreach (
            var (language, expected) in new[]
            {
                ("en", "An account with this email address already exists."),
                ("km", "មានគណនីដែលប្រើអាសយដ្ឋានអ៊ីមែលនេះរួចហើយ។"),
            }
        )
        {
            var form = await client.GetStringAsync($"/admin/users?lang={language}");
            var token = Antiforgery().Matches(form).Last().Groups[1].Value;
            var refused = await client.PostAsync(
                $"/admin/users?handler=Invite&lang={language}",
                new FormUrlEncodedContent(
                    new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token,
                        ["Email"] = existing.Email!,
                        ["Name"] = "Twice",
                        ["NewRole"] = Roles.Viewer,
                    }
                )
            );
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.DoesNotContain("is already taken", page, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(page, Regex.Escape(expected)));
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
