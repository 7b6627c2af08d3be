using Habeas.Cases;
using Habeas.Events;
using Habeas.People;
using Habeas.Places;
using Habeas.Sources;
using Habeas.Statistics;
using Habeas.Vocabulary;

namespace Habeas.Api;

/// <summary>The JSON API under /api/v1; each feature maps its own operations.</summary>
public static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        // Reading needs a signed-in role; every operation that writes names the write policy.
        var api = app.MapGroup("/api/v1").RequireAuthorization(Accounts.Policies.Read);
        PeopleApi.Map(api);
        Search.SearchApi.Map(api);
        Duplicates.DuplicatesApi.Map(api);
        Campaigns.ActionsApi.Map(api);
        Supporters.SupportersApi.Map(api);
        Letters.LettersApi.Map(api);
        Cards.CardsApi.Map(api);
        CasesApi.Map(api);
        EventsApi.Map(api);
        SourcesApi.Map(api);
        PlacesApi.Map(api);
        StatisticsApi.Map(api);
        VocabularyApi.Map(api);
        Access.AccessApi.Map(api);
        Confidential.ConfidentialApi.Map(api);
        Accounts.TokensApi.Map(api);
        Admin.AuditApi.Map(api);
        // Export (Export/ExportApi.cs).
        Export.ExportApi.Map(api);
        Import.ImportApi.Map(api);
    }
}
