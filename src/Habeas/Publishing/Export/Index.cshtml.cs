using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Export;

/// <summary>/export: the formats a reader may download, each what they may see (never confidential values).</summary>
public sealed class IndexModel(HabeasDb db, StorageOptions storage) : PageModel
{
    [BindProperty]
    public string? Format { get; set; }

    public string? Problem { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Format is null || !ExportRequest.Formats.Contains(Format))
        {
            Problem = "export.chooseFormat";
            return Page();
        }
        var (content, type, name) = await ExportApi.DownloadAsync(db, storage, Format, db.Time, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(content, type, name);
    }
}
