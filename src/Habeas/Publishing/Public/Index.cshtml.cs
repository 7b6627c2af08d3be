using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Search;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Public;

/// <summary>/public, open to all: the published list, filtered, sorted and paged with plain links (no script).</summary>
public sealed class IndexModel(HabeasDb db, PublicChoices choices, TimeProvider time, PeopleNameIndex index) : PageModel
{
    public PublicList.Query Query { get; private set; } = null!;
    public PublicList.Result Result { get; private set; } = null!;
    public PublicChoices.All Choices { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = time.Today();
        Query = PublicList.Parse(Request.Query, Today);
        IReadOnlyList<Guid>? named = null;
        if (Query.Name is { } name)
        {
            await index.SyncAsync(db, cancellationToken);
            named = index.Index.Search(name, PublicList.NameMatches).Select(m => m.PersonId).Distinct().ToList();
        }
        Result = await PublicList.PageAsync(db, Query, Habeas.Platform.Localization.Texts.CurrentLanguage, cancellationToken, named: named);
        Choices = await choices.GetAsync(cancellationToken);
    }

    /// <summary>This list's address with one value changed (a page link, a sort); the page goes back to 1 unless given.</summary>
    public string Link(string? sort = null, int? page = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values.Add(new(key, value));
            }
        }
        Add("q", Query.Name);
        Add("status", Query.Status);
        if (Query.Day != Today)
        {
            Add("on", Query.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        Add("tag", Query.Tag);
        Add("place", Query.Place?.ToString());
        Add("charge", Query.Provision?.ToString());
        var s = sort ?? Query.Sort;
        Add("sort", s == PublicList.ByName ? null : s);
        var p = page ?? 1;
        Add("page", p == 1 ? null : p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/public" + Microsoft.AspNetCore.Http.QueryString.Create(values);
    }
}
