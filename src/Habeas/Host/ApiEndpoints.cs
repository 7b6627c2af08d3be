using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Cards;
using Habeas.Campaigns.Letters;
using Habeas.Campaigns.Supporters;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Admin;
using Habeas.Platform.Confidential;
using Habeas.Platform.Vocabulary;
using Habeas.Publishing.Export;
using Habeas.Publishing.Import;
using Habeas.Publishing.Statistics;
using Habeas.Records.Cases;
using Habeas.Records.Duplicates;
using Habeas.Records.Events;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Search;
using Habeas.Records.Sources;

namespace Habeas.Host;

/// <summary>The JSON API under /api/v1; each feature maps its own operations.</summary>
public static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        // Reading needs a signed-in role; every operation that writes names the write policy.
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Read);

        // Records
        PeopleApi.Map(api);
        CasesApi.Map(api);
        InterventionsApi.Map(api);
        EventsApi.Map(api);
        SourcesApi.Map(api);
        PlacesApi.Map(api);
        Habeas.Records.Deadlines.LimitsApi.Map(api);
        OrganisationsApi.Map(api);
        DesignationsApi.Map(api);
        AffiliationsApi.Map(api);
        SearchApi.Map(api);
        DuplicatesApi.Map(api);
        Habeas.Records.Files.RecordFilesApi.Map(api);

        // Campaigns
        ActionsApi.Map(api);
        SupportersApi.Map(api);
        LettersApi.Map(api);
        CardsApi.Map(api);

        // Publishing
        StatisticsApi.Map(api);
        ExportApi.Map(api);
        ImportApi.Map(api);
        Habeas.Publishing.Publication.PublicationApi.Map(api);

        // Work
        Habeas.Work.Calendar.CalendarApi.Map(api);

        // Platform
        VocabularyApi.Map(api);
        AccessApi.Map(api);
        ConfidentialApi.Map(api);
        TokensApi.Map(api);
        AuditApi.Map(api);
        Platform.Retraction.RetractionApi.Map(api);
        Habeas.Work.Attention.AttentionApi.Map(api);
        Habeas.Work.Watches.WatchesApi.Map(api);
    }
}
