using System.Text.RegularExpressions;

namespace Habeas.Tests.Admin;

/// <summary>Posting a page's form as a browser would: read the page for its antiforgery token, then post to a handler.</summary>
internal static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client,
        string page,
        string handler,
        Dictionary<string, string> fields
    ) => await (await PrepareAsync(client, page, handler, fields))();

    /// <summary>Reads the form now and posts it when called: for tests that race two posts.</summary>
    public static async Task<Func<Task<HttpResponseMessage>>> PrepareAsync(
        HttpClient client,
        string page,
        string handler,
        Dictionary<string, string> fields
    )
    {
        var form = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Antiforgery().Matches(form).Last().Groups[1].Value;
        return () => client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
