using System.Globalization;

namespace Habeas.Bench;

/// <summary>The command line of both verbs.</summary>
public sealed class Options
{
    public long People { get; private set; } = 1_000_000;
    public int Queries { get; private set; } = 2_000;
    public string Postgres { get; private set; } = "Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres";
    public bool UsePostgres { get; private set; } = true;
    public string? Out { get; private set; }
    public ulong Seed { get; private set; } = 20240501;
    public double Threshold { get; private set; } = 0.3;
    public bool Keep { get; private set; }

    // names-search (the child process)
    public string? System { get; private set; }
    public string? Data { get; private set; }
    public string? Database { get; private set; }
    public string? QueriesFile { get; private set; }
    public string? ResultsFile { get; private set; }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--people":
                    options.People = long.Parse(Value().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    break;
                case "--queries":
                    options.Queries = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--postgres":
                    options.Postgres = Value();
                    break;
                case "--no-postgres":
                    options.UsePostgres = false;
                    break;
                case "--out":
                    options.Out = Value();
                    break;
                case "--seed":
                    options.Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--threshold":
                    options.Threshold = double.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--keep":
                    options.Keep = true;
                    break;
                case "--system":
                    options.System = Value();
                    break;
                case "--data":
                    options.Data = Value();
                    break;
                case "--database":
                    options.Database = Value();
                    break;
                case "--queries-file":
                    options.QueriesFile = Value();
                    break;
                case "--results-file":
                    options.ResultsFile = Value();
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (options.People < 1000 || options.Queries < 1)
        {
            throw new ArgumentException("--people must be at least 1000 and --queries at least 1.");
        }
        return options;
    }
}
