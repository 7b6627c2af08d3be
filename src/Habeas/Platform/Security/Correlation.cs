using System.Diagnostics;

namespace Habeas.Platform.Security;

/// <summary>
/// The reference shown to the user on an error and written with the logged exception: the request's
/// W3C trace id (Activity.Id), or the server's request id when no activity is recorded.
/// </summary>
public static class Correlation
{
    private const string ItemKey = "Habeas.CorrelationId";

    public static string Id(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var value) && value is string id)
        {
            return id;
        }
        id = Activity.Current?.Id ?? context.TraceIdentifier;
        context.Items[ItemKey] = id;
        return id;
    }
}
