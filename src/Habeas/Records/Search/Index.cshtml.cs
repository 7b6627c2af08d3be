using Habeas.Platform.Storage;
using Habeas.Records.Places;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.Search;

/// <summary>The one search box: people, cases, events and sources, with filters and matched words marked.</summary>
public sealed class IndexModel(
    HabeasDb db,
    PeopleNameIndex index,
    Habeas.Platform.Vocabulary.Vocabularies vocabularies,
    Habeas.Platform.Localization.Texts texts
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Place { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Charge { get; set; }

    public SiteSearch.Result? Result { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The words typed in the place filter's "find" box, and whether its button was pressed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? PlaceQuery { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool FindPlace { get; set; }

    /// <summary>The place filter: chosen by a search step (Places.PlacePicker), never a list of every place.</summary>
    public PlacePicker PlacePicker { get; private set; } = null!;

    /// <summary>The words typed in the charge filter's "find" box (a GET form: any words given are looked up).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ChargeQuery { get; set; }

    /// <summary>The charge filter: a legal provision chosen by a search step (Pickers.RecordPicker), never a list of every article.</summary>
    public Pickers.RecordPicker ChargePicker { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PlacePicker = PlacePicker.Build(
            await PlaceDirectory.LoadAsync(db, cancellationToken),
            "place",
            "placeQuery",
            "search.place",
            Place,
            PlaceQuery,
            FindPlace && !string.IsNullOrWhiteSpace(PlaceQuery)
        ) with
        {
            FindField = "findPlace",
        };
        ChargePicker = await Pickers.RecordPicker.BuildAsync(
            new Pickers.ProvisionFinder(db),
            "charge",
            "chargeQuery",
            Charge is { } charge ? [charge] : [],
            ChargeQuery,
            !string.IsNullOrWhiteSpace(ChargeQuery),
            cancellationToken
        );
        var request = new SiteSearch.Request
        {
            Q = Q,
            Type = Empty(Type),
            Status = Empty(Status),
            On = On,
            Tag = Empty(Tag),
            Place = Place,
            From = From,
            To = To,
            Charge = Charge,
            Limit = 20,
        };
        if (string.IsNullOrWhiteSpace(Q) && !request.HasFilter)
        {
            return; // nothing asked yet: the form alone
        }
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            Problems = validation.Errors.SelectMany(e => e.Value).ToList();
            return;
        }
        Result = await SiteSearch.RunAsync(db, index, request, vocabularies, texts, cancellationToken);
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static string Link(SiteSearch.Item item) =>
        item.Type switch
        {
            "person" => $"/people/{item.Id}",
            "case" => $"/cases/{item.Id}",
            "event" => $"/events/{item.Id}/edit",
            _ => $"/sources/{item.Id}",
        };
}
