using System.Text.Json;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Supporters;

/// <summary>Everything kept about the supporter whose link this is, as a JSON file to download.</summary>
public sealed class ExportModel(HabeasDb db) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var supporter = await SupporterRecords.ByPageTokenAsync(db, token, cancellationToken);
        if (supporter is null)
        {
            return NotFound();
        }
        var data = await SupporterRecords.GatherAsync(db, supporter, cancellationToken);
        db.LogAction("supporter-exported", "supporter", supporter.Id);
        await db.SaveChangesAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json", "habeas-supporter-data.json");
    }
}
