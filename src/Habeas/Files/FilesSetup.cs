using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Files;

/// <summary>Registers stored files, replies and success stories: the file store, who may open their pages, their routes.</summary>
public static class FilesSetup
{
    public static IServiceCollection AddFilesRepliesAndStories(this IServiceCollection services)
    {
        services.AddSingleton<FileStore>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizePage("/Replies/Index", Accounts.Policies.Campaign);
            o.Conventions.AuthorizePage("/Stories/Edit", Accounts.Policies.Campaign);
            // The public site: published stories only (Stories/PublicStory.cs).
            o.Conventions.AllowAnonymousToPage("/Stories/Index");
            o.Conventions.AllowAnonymousToPage("/Stories/Public");
        });
        return services;
    }

    public static void MapFilesRepliesAndStories(this WebApplication app)
    {
        FilesEndpoints.Map(app);
        Replies.RepliesApi.Map(app);
        Stories.StoriesApi.Map(app);
        Stories.PublicStory.Map(app);
    }
}
