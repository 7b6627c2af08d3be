using Habeas.Bench;

// dotnet run -c Release --project bench/Habeas.Bench -- names [--people N] [--queries Q] [--postgres CONNSTRING] [--out FILE]
// dotnet run -c Release --project bench/Habeas.Bench -- statistics [--people N] [--runs R] [--postgres CONNSTRING] [--out FILE]
// dotnet run -c Release --project bench/Habeas.Bench -- public-list [--people N] [--runs R] [--postgres CONNSTRING] [--out FILE]
// (bench/README.md). "names-search" is the same program run by "names" for one system in a process of its own.

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    return args.FirstOrDefault() switch
    {
        "names" => await NamesBenchmark.RunAsync(Options.Parse(args[1..]), string.Join(' ', args), cancel.Token),
        "names-search" => await NamesBenchmark.SearchAsync(Options.Parse(args[1..]), cancel.Token),
        "names-sample" => NamesBenchmark.Sample(Options.Parse(args[1..])),
        "names-probe" => Probe.Run(Options.Parse(args[1..])),
        "names-tables" => TableCheck.Run(),
        "import" => await ImportBenchmark.RunAsync(args[1..], cancel.Token),
        "statistics" => await StatisticsBenchmark.RunAsync(args[1..], string.Join(' ', args), cancel.Token),
        "public-list" => await PublicListBenchmark.RunAsync(args[1..], string.Join(' ', args), cancel.Token),
        "pickers" => await PickersBenchmark.RunAsync(args[1..], string.Join(' ', args), cancel.Token),
        "load-prepare" => await LoadPrepare.RunAsync(args[1..], cancel.Token),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine(
        """
        Usage: Habeas.Bench names [--people N] [--queries Q] [--postgres CONNSTRING] [--out FILE]
                                  [--seed S] [--threshold T] [--no-postgres] [--keep]
          --people N       people to generate (default 1000000)
          --queries Q      queries to measure, after 100 warm-up queries (default 2000)
          --postgres CS    a PostgreSQL server that may create databases
                           (default Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres)
          --out FILE       also write the report there
          --seed S         the population's seed (default 20240501)
          --threshold T    pg_trgm.similarity_threshold (default 0.3, pg_trgm's own default)
          --no-postgres    SQLite only (no PostgreSQL rows, no pg_trgm baseline)
          --keep           keep the databases (they are dropped at the end otherwise)
        Habeas.Bench names-sample [--people N] [--queries Q] [--seed S]
          prints the first people and some queries, with how Habeas reads them (NameReading)
        Habeas.Bench names-probe [--people N] [--queries Q] [--seed S]
          Habeas's NameIndex alone, in memory, and why each query it misses is missed
        Habeas.Bench import [--people N] [--out FILE] [--keep]
          the import of N people (default 100000) with two events each from CSV, beside the sqlite3 shell's .import
        Habeas.Bench names-tables
          the table entries whose own-script reading meets none of their Latin spellings' keys
        Habeas.Bench statistics [--people N] [--runs R] [--postgres CONNSTRING | --no-postgres] [--out FILE] [--seed S]
          the daily detained series over ten years (target: under 500 ms at 1,000,000 people)
        Habeas.Bench public-list [--people N] [--runs R] [--postgres CONNSTRING | --no-postgres] [--out FILE] [--keep]
                                 [--reuse DIR [--reuse-database NAME]] [--gather-limit N]
          the queries of the public list (/public) for the default list, each filter and each sort
          (target: under 50 ms at 1,000,000 people);
          --keep leaves the population in place and prints the --reuse options that time a later build on it;
          --gather-limit 0 times the list with every filter checked along the order (PublicList.GatherLimit otherwise)
        Habeas.Bench pickers [--people N] [--runs R] [--out FILE]
          each picker's search step (person, case, source, place, organisation) on SQLite at N people
          (default 1000000), with a case per four people and a source per eight (target: under 100 ms)
        Habeas.Bench load-prepare --data DIR [--people N] [--postgres CONNSTRING | --no-postgres] [--database NAME] [--seed S]
          N people (default 1000000, one in ten public) in a SQLite data folder and a PostgreSQL database
          (default habeas_load, dropped and made again) for bench/load.sh, with ids.txt and queries.txt in DIR
        """
    );
    return 2;
}
