using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Public;

/// <summary>Registers the public site (/public): open to all, its filter choices, its Atom feed.</summary>
public static class PublicSetup
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        services.AddSingleton<PublicChoices>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AllowAnonymousToFolder("/Public"));
        return services;
    }

    public static void MapPublicSite(this WebApplication app) => PublicFeed.Map(app);
}
