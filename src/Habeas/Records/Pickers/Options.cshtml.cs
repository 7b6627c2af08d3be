using Habeas.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.Pickers;

/// <summary>
/// What a picker's search step would offer, as JSON, for /js/picker.js to show while one types
/// (<c>/pickers/{kind}?q=…</c>, kind: person, case, source, place, organisation, provision or target): at most
/// <see cref="RecordPicker.MaxOptions"/> records the reader may see (the finders read through the record sets), and the
/// line the form shows under them, in the reader's language. Any signed-in reader may ask (the default page rule): it
/// finds no more than /search does.
/// </summary>
public sealed class OptionsModel(IEnumerable<IRecordFinder> finders, Texts texts) : PageModel
{
    public const int MaxQueryLength = 200;

    public async Task<IActionResult> OnGetAsync(string kind, string? q, CancellationToken cancellationToken)
    {
        // Each wing's finders, registered by the host (a campaign's officials live in the campaigns wing).
        var finder = finders.FirstOrDefault(f => f.Kind == kind);
        if (finder is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength)
        {
            return new JsonResult(new { items = Array.Empty<PickerOption>(), status = "" });
        }
        var hits = await finder.FindAsync(q, RecordPicker.MaxOptions + 1, cancellationToken);
        var status =
            hits.Count == 0 ? texts["pickers." + kind + ".findNone"]
            : hits.Count > RecordPicker.MaxOptions ? texts.Format("pickers.findMore", Display.Number(RecordPicker.MaxOptions))
            : texts.Format("pickers.findCount", Display.Number(hits.Count));
        return new JsonResult(new { items = hits.Take(RecordPicker.MaxOptions).Select(h => new { id = h.Id, label = h.Label }), status });
    }
}
