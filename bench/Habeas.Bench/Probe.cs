using System.Diagnostics;
using Habeas.Core.Names;

namespace Habeas.Bench;

/// <summary>
/// "names-probe": Habeas's in-memory NameIndex alone over the generated population (no database), and for each
/// query not found in the top 10, whether the target would have ranked there had it been scored (NameIndex.Compare,
/// word weights all 1): a miss that scores at least as well as the tenth hit was lost before scoring (candidate
/// pruning, or ties), one that scores lower was lost by the scoring or the reading of the name.
/// </summary>
public static class Probe
{
    /// <summary>How many matches PeopleSearch.SearchAsync asks NameIndex.Search for, to show <paramref name="limit"/>
    /// (src/Habeas/Search/PeopleSearch.cs: limit * 2 + 10, at most 1000). Candidate pruning depends on it.</summary>
    public static int ServerLimit(int limit) => Math.Min(1000, limit * 2 + 10);

    public static int Run(Options options)
    {
        var population = new Population(options.Seed);
        var queries = new QuerySet(population, options.People).Make(options.Queries, warmup: false);
        using var index = new NameIndex();
        var watch = Stopwatch.StartNew();
        var batch = new List<IndexedPerson>(20_000);
        var nameSets = new Dictionary<ulong, List<long>>();
        var targetSets = queries.Select(q => population.Generate(q.Target).NameSetHash()).ToHashSet();
        for (long i = 0; i < options.People; i++)
        {
            var person = population.Generate(i);
            if (targetSets.Contains(person.NameSetHash()))
            {
                if (!nameSets.TryGetValue(person.NameSetHash(), out var list))
                {
                    nameSets[person.NameSetHash()] = list = [];
                }
                list.Add(i);
            }
            batch.Add(new IndexedPerson(IdOf(i), 1, [.. person.Stored.Select((s, n) => (IdOf(i * 4 + n + (1L << 40)), s.Text))]));
            if (batch.Count == batch.Capacity)
            {
                index.Upsert(batch);
                batch.Clear();
            }
        }
        index.Upsert(batch);
        Console.WriteLine(
            $"In-memory NameIndex of {index.People:N0} people, {index.Names:N0} names in {watch.Elapsed.TotalSeconds:F1} s; heap {GC.GetTotalMemory(true) / 1048576.0:F0} MB."
        );

        var lostBeforeScoring = 0;
        var lostByScore = 0;
        var found = 0;
        var latencies = new List<double>();
        var byQuarter = new (int Asked, int Missed)[4];
        foreach (var query in queries)
        {
            var target = population.Generate(query.Target);
            var correct = nameSets[target.NameSetHash()].Select(IdOf).ToHashSet();
            var started = Stopwatch.GetTimestamp();
            var hits = index.Search(query.Text, ServerLimit(10)).Take(10).ToList();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var quarter = (int)(query.Target * 4 / options.People);
            byQuarter[quarter].Asked++;
            if (hits.Any(h => correct.Contains(h.PersonId)))
            {
                found++;
                continue;
            }
            byQuarter[quarter].Missed++;
            var words = NameReading.Words(query.Text);
            var targetScore = target.Stored.Max(s => NameIndex.Compare(words, NameReading.Words(s.Text)).Score);
            var tenth = hits.Count < 10 ? 0 : hits[^1].Score / 100.0;
            var pruned = targetScore >= tenth && targetScore > 0;
            if (pruned)
            {
                lostBeforeScoring++;
            }
            else
            {
                lostByScore++;
            }
            Console.WriteLine(
                $"{query.Kind, -9} {query.Culture, -10} \"{query.Text}\" [{string.Join(' ', words)}] → {string.Join(" · ", target.Stored.Select(s => $"{s.Text} [{string.Join(' ', NameReading.Words(s.Text))}]"))}: "
                    + $"target {targetScore * 100:F0} (unweighted), {hits.Count} hits, tenth {tenth * 100:F0}{(pruned ? "  ← lost before scoring" : "")}; keys {string.Join(' ', words.Select(PhoneticKey.Of))} vs {string.Join(" · ", target.Stored.Select(s => string.Join(' ', NameReading.Words(s.Text).Select(PhoneticKey.Of))))}"
            );
        }
        latencies.Sort();
        Console.WriteLine(
            $"Found {found}/{queries.Count}; misses lost before scoring (the target scores at least the tenth hit) {lostBeforeScoring}, lost by score {lostByScore}. "
                + $"NameIndex.Search p50 {Report.Percentile([.. latencies], 50):F1} ms, p95 {Report.Percentile([.. latencies], 95):F1} ms."
        );
        Console.WriteLine(
            "Misses (recall@10) by when the target was added (first quarter of the people indexed … last): "
                + string.Join(
                    ", ",
                    byQuarter.Select((q, i) => $"Q{i + 1} {q.Missed}/{q.Asked} ({100.0 * q.Missed / Math.Max(1, q.Asked):F1}%)")
                )
                + "."
        );
        return 0;
    }

    private static Guid IdOf(long i)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, i);
        return new Guid(bytes);
    }
}

/// <summary>
/// "names-tables": each table entry written in its own script, read by Habeas (NameReading), against its Latin
/// spellings: the entries whose reading meets none of their spellings' phonetic keys (PhoneticKey) can only be
/// found across scripts through typo tolerance, if at all. Chinese: the entries whose reading is not the table's pinyin.
/// </summary>
public static class TableCheck
{
    public static int Run()
    {
        foreach (var word in NameTables.ChineseFamily.Concat(NameTables.ChineseGiven))
        {
            var read = string.Join(' ', NameReading.Words(word.Native));
            if (!string.Equals(read, word.Latin[0], StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine($"Chinese {word.Native}: pinyin {word.Latin[0]}, Habeas reads \"{read}\"");
            }
        }
        var tables = new (string Name, Word[] Words)[]
        {
            ("Khmer family", NameTables.KhmerFamily),
            ("Khmer given", NameTables.KhmerGiven),
            ("Thai given", NameTables.ThaiGiven),
            ("Thai family", NameTables.ThaiFamily),
            ("Burmese", NameTables.BurmeseSyllables),
            ("Russian given (m)", NameTables.RussianGivenMale),
            ("Russian given (f)", NameTables.RussianGivenFemale),
            ("Russian family", [.. NameTables.RussianFamily.Select(f => f.Male)]),
        };
        static string Keys(string text) => string.Join(' ', NameReading.Words(text).Select(PhoneticKey.Of));
        foreach (var (name, words) in tables)
        {
            var misses = 0;
            foreach (var word in words)
            {
                var key = Keys(word.Native);
                var latin = word.Latin.Select(Keys).ToList();
                if (!latin.Contains(key))
                {
                    misses++;
                    Console.WriteLine(
                        $"{name}: {word.Native} → \"{string.Join(' ', NameReading.Words(word.Native))}\" [{key}]; {string.Join(" / ", word.Latin)} [{string.Join(" / ", latin)}]"
                    );
                }
            }
            Console.WriteLine(
                $"== {name}: {misses} of {words.Length} entries read from their script meet none of their Latin spellings' keys"
            );
        }
        return 0;
    }
}
