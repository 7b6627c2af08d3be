using System.Globalization;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Api;
using Habeas.Platform.Confidential;
using Habeas.Platform.Localization;
using Habeas.Platform.Mail;
using Habeas.Platform.Security;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Publishing.Public;
using Habeas.Publishing.Statistics;
using Habeas.Records.People;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Host;

/// <summary>Builds the web application: services, middleware, pages and the API.</summary>
public static class HabeasApp
{
    /// <summary>
    /// The program's own folder, where its settings file is: beside the assemblies. A self-contained single-file build
    /// (deploy/publish.sh) extracts them and its settings to a folder of its own at start.
    /// </summary>
    public static string Home { get; } =
        File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory
        : Path.GetDirectoryName(typeof(HabeasApp).Assembly.Location) is { Length: > 0 } extracted ? extracted
        : AppContext.BaseDirectory;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args);
        configure?.Invoke(builder);

        AddStorage(builder.Services);
        AddRequestServices(builder);
        AddAccountsAndAccess(builder.Services);
        WriteScriptsAsCharacters(builder.Services);
        AddRecordServices(builder.Services);
        AddBackgroundWork(builder);
        AddSupporterMail(builder.Services);
        builder.Services.AddHabeasHealthChecks();
        AddPages(builder.Services);
        AddErrorHandlers(builder.Services);
        builder.Services.AddSecureCookies();
        builder.Services.AddRateLimits();
        AddApi(builder.Services);

        var app = builder.Build();
        ServeEmbeddedFiles(app);
        UseMiddleware(app);
        MapEndpoints(app);
        app.Lifetime.ApplicationStarted.Register(() => PrintAddress(app));
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(
            new WebApplicationOptions
            {
                Args = args,
                // Pages and views are found in this assembly even when another program hosts it (tests).
                ApplicationName = typeof(HabeasApp).Assembly.GetName().Name,
                ContentRootPath = Home,
                WebRootPath = Path.Combine(Home, "wwwroot"),
            }
        );

    /// <summary>The storage settings, the clock and the database.</summary>
    private static void AddStorage(IServiceCollection services)
    {
        // Read when first needed, so settings given by a test host or the command line are seen.
        services.AddSingleton(sp => StorageOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<HabeasDb>((sp, options) => sp.GetRequiredService<StorageOptions>().Configure(options));
    }

    /// <summary>What every request uses: the texts, the storage fault filter, the request itself; and what is logged of it.</summary>
    private static void AddRequestServices(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Texts>();
        builder.Services.AddSingleton<StorageFaultPageFilter>();
        builder.Services.AddHttpContextAccessor();
        // Request lines carry query strings (a searched name is personal data): never logged (docs/security.md 19).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
    }

    /// <summary>The protected keys, the accounts and who may see and do what.</summary>
    private static void AddAccountsAndAccess(IServiceCollection services)
    {
        services.AddProtectedDataProtection();
        services.AddAccounts();
        services.AddAccess();
    }

    /// <summary>Khmer and Thai are written as characters in pages, not as numeric references three times their size.</summary>
    private static void WriteScriptsAsCharacters(IServiceCollection services) =>
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All)
        );

    /// <summary>The vocabularies, the letters' sent tokens, the name index and the duplicate finder.</summary>
    private static void AddRecordServices(IServiceCollection services)
    {
        services.AddSingleton<Vocabularies>();
        services.AddSingleton<Habeas.Campaigns.Letters.SentTokens>();
        services.AddSingleton<Habeas.Records.Search.PeopleNameIndex>();
        services.AddSingleton<Habeas.Records.Duplicates.DuplicateFinder>();
    }

    /// <summary>
    /// What runs beside the requests: the duplicate pairs, the name index warm-up, the start-up tasks, the scheduled
    /// backups, the audit heads and the reminders.
    /// </summary>
    private static void AddBackgroundWork(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<Habeas.Records.Duplicates.DuplicatePairsJob>();
        builder.Services.AddHostedService<Habeas.Records.Search.NameIndexWarmUp>();
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddSingleton<Habeas.Platform.Backups.ScheduledBackups>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Habeas.Platform.Backups.ScheduledBackups>());
        builder.Services.AddSingleton(Habeas.Platform.Audit.AuditHeadOptions.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<Habeas.Platform.Audit.AuditHeads>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Habeas.Platform.Audit.AuditHeads>());
        builder.Services.AddHostedService<Habeas.Work.Reminders.ReminderJob>();
    }

    /// <summary>Supporters and the email outbox.</summary>
    private static void AddSupporterMail(IServiceCollection services)
    {
        services.AddMail();
        services.AddSingleton<Habeas.Campaigns.Supporters.SupporterMail>();
    }

    /// <summary>The Razor pages, who may open each, and the stored files, public site and statistics they show.</summary>
    private static void AddPages(IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            // A form that could not be saved for a storage fault is shown again with what was typed.
            options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(StorageFaultPageFilter)));
            // Pages live in feature folders (People/, Cases/…), not under Pages/.
            options.RootDirectory = "/";
            options.Conventions.AddPageRoute("/Records/People/Edit", "people/new");
            options.Conventions.AddPageRoute("/Records/Cases/Edit", "cases/new");
            options.Conventions.AddPageRoute("/Records/Events/Edit", "events/new");
            options.Conventions.AddPageRoute("/Records/Sources/Edit", "sources/new");
            options.Conventions.AddPageRoute("/Records/Places/Edit", "places/new");
            options.Conventions.AddPageRoute("/Records/Organisations/Edit", "organisations/new");
            options.Conventions.AddPageRoute("/Records/People/DesignationEdit", "people/{id:guid}/designations/new");
            options.Conventions.AddPageRoute("/Records/People/AffiliationEdit", "people/{id:guid}/affiliations/new");
            options.Conventions.AddPageRoute("/Records/Cases/InterventionEdit", "cases/{id:guid}/interventions/new");
            options.Conventions.AddPageRoute("/Records/Sources/Cite", "citations/{id:guid}/edit");
            options.Conventions.AddPageRoute("/Records/Deadlines/LimitsEdit", "admin/time-limits/new");
            // Campaign forms (their models require the campaign policy).
            options.Conventions.AddPageRoute("/Campaigns/Actions/Edit", "actions/new");
            // Who may open each page: one table (Host/PageAccess.cs).
            PageAccess.Apply(options.Conventions);
        });
        // Links to pages are shown by the pages' own policies (PageGate asks the table above).
        services.AddScoped(sp => new Platform.Access.PageGate(
            PageAccess.PoliciesOf,
            sp.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>()
        ));
        // The audit page names the records it lists (the kinds live above Platform, so the host names them).
        services.AddScoped<Platform.Admin.IAuditRecordNames, AuditRecordNamer>();
        services.AddSingleton<Habeas.Records.Files.FileStore>();
        // What /pickers/{kind} finds, one finder per kind of record (Records/Pickers).
        services.AddScoped<Habeas.Work.Attention.WorkList>();
        services.AddScoped<Habeas.Records.Pickers.IRecordFinder, Habeas.Records.Pickers.CaseFinder>();
        services.AddScoped<Habeas.Records.Pickers.IRecordFinder, Habeas.Records.Pickers.SourceFinder>();
        services.AddScoped<Habeas.Records.Pickers.IRecordFinder, Habeas.Records.Pickers.PersonFinder>();
        services.AddScoped<Habeas.Records.Pickers.IRecordFinder, Habeas.Records.Pickers.PlaceFinder>();
        services.AddScoped<Habeas.Records.Pickers.IRecordFinder, Habeas.Records.Pickers.OrganisationFinder>();
        services.AddScoped<Habeas.Records.Pickers.IRecordFinder, Habeas.Records.Pickers.ProvisionFinder>();
        services.AddScoped<Habeas.Records.Pickers.IRecordFinder, Habeas.Campaigns.Actions.TargetFinder>();
        services.AddSingleton<Habeas.Publishing.Import.ImportUploads>();
        // The calendar's items (Work/Calendar), for its pages, its API and the iCalendar feeds.
        services.AddScoped<Habeas.Work.Calendar.CalendarItems>();
        // The public site (Public/): the published list, profiles, case pages and the Atom feed, open to all.
        services.AddPublicSite();
        // Statistics and dossiers: the figure computations and the public statistics and dossier pages.
        services.AddStatistics();
    }

    /// <summary>Problem details and the exception handlers, in the order they are tried.</summary>
    private static void AddErrorHandlers(IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // A full disk, a read-only data folder, an absent database: 503 with what is wrong (Storage/StorageFaultHandler.cs).
        services.AddExceptionHandler<StorageFaultHandler>();
        services.AddExceptionHandler<GenericExceptionHandler>();
    }

    /// <summary>The API's binding, its JSON and its OpenAPI document.</summary>
    private static void AddApi(IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOpenApi("v1", o => o.AddDocumentTransformer(
                (document, _, _) =>
                {
                    document.Info.Title = "Habeas API";
                    document.Info.Description = "People, cases, events and sources of a Habeas installation.";
                    return Task.CompletedTask;
                }
            ));
    }

    /// <summary>The stylesheets and fonts are inside the program (embedded at build), so a single-file build serves them too.</summary>
    private static void ServeEmbeddedFiles(WebApplication app) =>
        app.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.ManifestEmbeddedFileProvider(
            typeof(HabeasApp).Assembly,
            "wwwroot"
        );

    /// <summary>The middleware, in the order a request passes through it.</summary>
    private static void UseMiddleware(WebApplication app)
    {
        app.UseTrustedProxies(app.Configuration);
        app.UseSecurityHeaders();
        app.UseExceptionHandler(GenericExceptionHandler.ErrorPath);
        // An error status without a body: problem details for the API, an HTML page in the reader's language elsewhere.
        app.UseWhen(c => IsApi(c.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c.Request.Path), pages => pages.UseStatusCodePagesWithReExecute(StatusModel.Path + "/{0}"));
        app.UseRequestLimits(
            Habeas.Campaigns.Files.FilesEndpoints.BodyLimit,
            Habeas.Records.Files.RecordFilesApi.BodyLimit,
            Habeas.Publishing.Import.ImportApi.BodyLimit
        );
        app.UseSecureCookies();
        app.UseRequestLocalization(LocalizationOptions());
        app.UseReaderFormat();
        app.UseStaticFiles();
        app.UseSetupGate();
        app.UseRouting();
        app.UseAuthentication();
        app.UseCurrentViewer();
        app.UseTwoFactorGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseIdempotency();
        Platform.Retraction.RetractedRecords.UseRetractedRecords(app);
    }

    /// <summary>The pages, the health checks, the API and the other endpoints.</summary>
    private static void MapEndpoints(WebApplication app)
    {
        app.MapRazorPages();
        app.MapHabeasHealthChecks();
        app.MapOpenApi("/api/{documentName}/openapi.json").RequireAuthorization(Policies.Read);
        ApiEndpoints.Map(app);
        app.MapGet("/act/{id:guid}/letter.docx", Habeas.Campaigns.Act.LetterModel.DocxAsync).AllowAnonymous().ExcludeFromDescription();
        // Stored files, replies and success stories.
        Habeas.Campaigns.Files.FilesEndpoints.Map(app);
        Habeas.Records.Files.PublicPhoto.Map(app);
        Habeas.Campaigns.Replies.RepliesApi.Map(app);
        Habeas.Campaigns.Stories.StoriesApi.Map(app);
        Habeas.Campaigns.Stories.PublicStory.Map(app);
        // The public site's Atom feed (Public/PublicFeed.cs).
        app.MapPublicSite();
        // Statistics downloads: /statistics/{figure}.csv|.json and their public equivalents.
        app.MapStatistics();
        // The secret iCalendar links (Work/Calendar/CalendarFeeds.cs).
        Habeas.Work.Calendar.CalendarFeeds.Map(app);
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.Ordinal);

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var cultures = Texts.Languages.Select(l => new CultureInfo(l)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
            new CookieRequestCultureProvider { CookieName = LanguageCookie.Name },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    private static void PrintAddress(WebApplication app)
    {
        var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(no address)";
        var storage = app.Services.GetRequiredService<StorageOptions>();
        Console.WriteLine($"Habeas is running at {addresses} on {storage.Describe()}. Press Ctrl+C to stop.");
        using var scope = app.Services.CreateScope();
        if (
            !SetupToken
                .AdministratorExistsAsync(scope.ServiceProvider.GetRequiredService<HabeasDb>(), CancellationToken.None)
                .GetAwaiter()
                .GetResult()
        )
        {
            var first = app.Urls.FirstOrDefault() ?? "http://127.0.0.1:5000";
            Console.WriteLine(
                $"No administrator yet. Create the first one at {first}/setup?token={app.Services.GetRequiredService<SetupToken>().Value}"
            );
            Console.WriteLine("(or: habeas users add --email you@example.org --role administrator)");
        }
    }
}

/// <summary>Before the server listens: migrate the database, add missing vocabulary terms, load the demonstration data when
/// asked.</summary>
public sealed class StartupTasks(
    IServiceScopeFactory scopes,
    StorageOptions storage,
    IConfiguration configuration,
    ILogger<StartupTasks> logger
) : IHostedLifecycleService
{
    public const string DemoKey = "Habeas:Demo";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // On PostgreSQL too: the data folder holds the keys, the stored files and the outgoing mail.
        storage.EnsureDataDirectory();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        await DurabilityCheck.EnsureAsync(db, cancellationToken);
        var applied = await Migrator.MigrateAsync(db, cancellationToken);
        if (applied.Count > 0)
        {
            logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
        }
        await DataProtectionKeys.EnsureReadyAsync(scope.ServiceProvider, db, storage, cancellationToken);
        await Vocabularies.SeedAsync(db, cancellationToken);
        if (await Habeas.Records.Deadlines.ShippedLimits.SeedAsync(db, cancellationToken) > 0)
        {
            // Limits shipped by this version: every deadline is derived again with them.
            await Habeas.Records.Deadlines.DeadlineRebuild.RebuildAllAsync(db, cancellationToken);
        }
        var indexed = await Habeas.Records.Search.SearchIndexing.BackfillAsync(db, cancellationToken);
        if (indexed > 0)
        {
            logger.LogInformation("Wrote the search entries of {Count} records.", indexed);
        }
        await EnsureRolesAsync(
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>()
        );
        if (configuration.GetValue<bool>(DemoKey) && !await db.People.AnyAsync(cancellationToken))
        {
            await Demo.DemoData.LoadAsync(db, cancellationToken);
            logger.LogInformation("Loaded the demonstration data.");
        }
    }

    public static async Task EnsureRolesAsync(Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityRole(role));
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
