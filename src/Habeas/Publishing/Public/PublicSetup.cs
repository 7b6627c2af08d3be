namespace Habeas.Publishing.Public;

/// <summary>Registers the public site (/public): open to all, its filter choices, its Atom feed.</summary>
public static class PublicSetup
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        services.AddSingleton<PublicChoices>();
        return services;
    }

    public static void MapPublicSite(this WebApplication app) => PublicFeed.Map(app);
}
