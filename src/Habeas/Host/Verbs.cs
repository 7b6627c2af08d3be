using System.CommandLine;
using Habeas.Platform.Cli;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Publishing.Export;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Host;

/// <summary>The command-line verbs. Each opens the same storage the web application uses.</summary>
public static class Verbs
{
    private static readonly string[] Names =
    [
        "serve",
        "migrate",
        "demo",
        "audit",
        "users",
        "tokens",
        "keys",
        "schema-script",
        "backup",
        "restore",
        "export",
        "import",
        "migrate-to",
    ];

    public static bool IsVerb(string arg) => Names.Contains(arg, StringComparer.Ordinal);

    private static readonly Option<string?> Data = new("--data")
    {
        Description = "The data folder (SQLite database, keys, files). Default: ./data, or HABEAS_DATA.",
    };

    private static readonly Option<string?> Database = new("--database")
    {
        Description =
            "A PostgreSQL connection string; without it the embedded SQLite database in the data folder is used. Or HABEAS_DATABASE.",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Habeas: documents the cases of prisoners of conscience and runs the campaigns that free them.");
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(Migrate());
        root.Subcommands.Add(LoadDemo());
        root.Subcommands.Add(AuditVerbs.Command(Data, Database, OpenDatabase));
        root.Subcommands.Add(KeyVerbs.Command(Data, Database, OpenDatabase));
        foreach (var command in AccountVerbs.Commands(Data, Database))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(SchemaScript());
        foreach (var command in Habeas.Platform.Backups.BackupVerbs.Commands(Data, Database, OpenDatabase))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(Habeas.Publishing.Export.ExportVerb.Command(Data, Database, OpenDatabase));
        root.Subcommands.Add(Habeas.Publishing.Import.ImportVerb.Command(Data, Database, OpenDatabase));
        root.Subcommands.Add(MigrateToVerb.Command(Data, Database, OpenDatabase));
        return await root.Parse(args).InvokeAsync();
    }

    private static Command Serve()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'. Default: http://127.0.0.1:5000.",
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "Load the demonstration data on first start (when the database holds no people).",
        };
        var command = new Command("serve", "Run the web application and the API.") { urls, Data, Database, demo };
        command.SetAction(
            async (result, cancellationToken) =>
            {
                var app = HabeasApp.Build([], builder =>
                {
                    ApplyStorage(builder.Configuration, result);
                    builder.Configuration[StartupTasks.DemoKey] = result.GetValue(demo) ? "true" : "false";
                    builder.WebHost.UseUrls(result.GetValue(urls) ?? builder.Configuration["urls"] ?? "http://127.0.0.1:5000");
                });
                await app.RunAsync(cancellationToken);
                return 0;
            }
        );
        return command;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", "Create or update the database schema, then exit.") { Data, Database };
        command.SetAction(
            async (result, cancellationToken) =>
            {
                await using var db = OpenDatabase(result, out var storage);
                var applied = await Migrator.MigrateAsync(db, cancellationToken);
                await Vocabularies.SeedAsync(db, cancellationToken);
                await Habeas.Records.Deadlines.ShippedLimits.SeedAsync(db, cancellationToken);
                Console.WriteLine(
                    applied.Count == 0
                        ? $"The database is up to date ({storage.Describe()})."
                        : $"Applied {string.Join(", ", applied)} to {storage.Describe()}."
                );
                return 0;
            }
        );
        return command;
    }

    private static Command LoadDemo()
    {
        var command = new Command("demo", "Load the demonstration data (the seed stories) into the current database.") { Data, Database };
        command.SetAction(
            async (result, cancellationToken) =>
            {
                await using var db = OpenDatabase(result, out var storage);
                await Migrator.MigrateAsync(db, cancellationToken);
                await Vocabularies.SeedAsync(db, cancellationToken);
                await Habeas.Records.Deadlines.ShippedLimits.SeedAsync(db, cancellationToken);
                if (await db.People.AnyAsync(cancellationToken))
                {
                    await Console.Error.WriteLineAsync(
                        $"The database already holds people ({storage.Describe()}); the demonstration data goes into an empty database only."
                    );
                    return 2;
                }
                var counts = await Demo.DemoData.LoadAsync(db, cancellationToken);
                Console.WriteLine($"Loaded the demonstration data into {storage.Describe()}: {counts}.");
                return 0;
            }
        );
        return command;
    }

    private static Command SchemaScript()
    {
        var provider = new Option<string>("--provider") { Description = "sqlite or postgres", DefaultValueFactory = _ => "sqlite" };
        var command = new Command("schema-script", "For developers: print the schema the data model describes, to write a migration from.")
        {
            provider,
        };
        command.Hidden = true;
        command.SetAction(result =>
        {
            var isPostgres = result.GetValue(provider) == "postgres";
            var storage = new StorageOptions(Path.GetTempPath(), isPostgres ? "Host=localhost" : null);
            var options = new DbContextOptionsBuilder<HabeasDb>();
            storage.Configure(options);
            using var db = new HabeasDb(options.Options, TimeProvider.System);
            Console.WriteLine(db.Database.GenerateCreateScript());
            return 0;
        });
        return command;
    }

    private static void ApplyStorage(IConfiguration configuration, ParseResult result)
    {
        if (result.GetValue(Data) is { } data)
        {
            configuration[StorageOptions.DataKey] = data;
        }
        if (result.GetValue(Database) is { } database)
        {
            configuration[StorageOptions.DatabaseKey] = database;
        }
    }

    internal static HabeasDb OpenDatabase(ParseResult result, out StorageOptions storage)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        ApplyStorage(configuration, result);
        storage = StorageOptions.FromConfiguration(configuration);
        if (CliDatabase.NewDatabaseNotice(storage) is { } notice)
        {
            Console.Error.WriteLine(notice);
        }
        return CliDatabase.Open(storage);
    }
}
