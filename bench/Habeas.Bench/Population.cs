using System.Globalization;
using System.Text;
using Habeas.Core.Names;

namespace Habeas.Bench;

public enum Culture
{
    Khmer,
    Thai,
    Burmese,
    Vietnamese,
    Chinese,
    Russian,
    Western,
}

/// <summary>One word of a name, made of one or more table entries (សុ + ខា = សុខា, Sokha; 晓 + 波 = 晓波, Xiaobo).</summary>
public sealed class NameWord(Word[] parts, bool chineseGiven = false)
{
    public Word[] Parts { get; } = parts;

    public string Native => Parts.Length == 1 ? Parts[0].Native : string.Concat(Parts.Select(p => p.Native));

    /// <summary>How many Latin spellings the word has: every combination of its parts' spellings (a Chinese given
    /// name: pinyin, Xiaobo, or Wade–Giles, Hsiao-po).</summary>
    public int Variants
    {
        get
        {
            if (chineseGiven)
            {
                return Parts.Any(p => p.Latin.Length > 1) ? 2 : 1;
            }
            var count = 1;
            foreach (var part in Parts)
            {
                count *= part.Latin.Length;
            }
            return count;
        }
    }

    /// <summary>Spelling <paramref name="variant"/> (0: the most common).</summary>
    public string Latin(int variant)
    {
        if (chineseGiven)
        {
            return Capitalize(
                variant == 0 ? string.Concat(Parts.Select(p => p.Latin[0])) : string.Join('-', Parts.Select(p => p.Latin[^1]))
            );
        }
        if (Parts.Length == 1)
        {
            return Parts[0].Latin[variant];
        }
        // Parts run together as one word (Sok + heng = Sokheng, Lert + wilai = Lertwilai); a letter written three
        // times at a joint is written twice (Chann + neang = Channeang).
        var builder = new StringBuilder();
        foreach (var part in Parts)
        {
            foreach (var c in part.Latin[variant % part.Latin.Length])
            {
                var lower = builder.Length == 0 ? c : char.ToLowerInvariant(c);
                if (builder.Length >= 2 && builder[^1] == lower && builder[^2] == lower)
                {
                    continue;
                }
                builder.Append(lower);
            }
            variant /= part.Latin.Length;
        }
        return Capitalize(builder.ToString());
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}

/// <summary>A person's name: its words in the order they are written, and which is the family name (−1: none).</summary>
public sealed record NameSpec(Culture Culture, NameWord[] Words, int Family)
{
    /// <summary>Written in the culture's own script: words apart, or run together in Burmese and Chinese.</summary>
    public string Native() => string.Join(NativeSeparator, Words.Select(w => w.Native));

    public string Latin(int[] spelling) => string.Join(' ', Words.Select((w, i) => w.Latin(spelling[i])));

    public string NativeSeparator => Culture is Culture.Burmese or Culture.Chinese ? "" : " ";

    /// <summary>Whether the culture has a writing of its own besides the Latin one (for Vietnamese: with diacritics).</summary>
    public bool HasNative => Culture != Culture.Western;

    /// <summary>The same name whatever the spelling or script: for counting the people who bear it.</summary>
    public ulong Identity() =>
        Fnv.Hash(((int)Culture).ToString(CultureInfo.InvariantCulture) + ":" + string.Join(' ', Words.Select(w => w.Native)));
}

/// <summary>A name as stored in person_names.</summary>
public readonly record struct StoredName(string Text, string Kind);

/// <summary>One generated person: their name, the spelling of it their record uses, and the names stored.</summary>
public sealed class Person
{
    public required long Index { get; init; }
    public required NameSpec Name { get; init; }

    /// <summary>The Latin spelling of each word in the stored Latin name.</summary>
    public required int[] Spelling { get; init; }
    public required bool NativeStored { get; init; }
    public required bool LatinStored { get; init; }
    public required List<StoredName> Stored { get; init; }

    public Culture Culture => Name.Culture;

    /// <summary>Identical for people whose stored names are the same strings (namesakes no search can tell apart).</summary>
    public ulong NameSetHash()
    {
        var hashes = Stored.Select(s => Fnv.Hash(s.Text)).Order().ToArray();
        var hash = 14695981039346656037UL;
        foreach (var h in hashes)
        {
            hash = (hash ^ h) * 1099511628211UL;
        }
        return hash;
    }
}

/// <summary>
/// The population: person i is made from its own random stream, so the same seed gives the same people, and one
/// person can be made again without the others (the query set does that). The mix is a Southeast Asian rights
/// group's: 40% Khmer, 20% Thai, 10% each Burmese, Vietnamese and Chinese, 5% each Russian and Western.
/// </summary>
public sealed class Population(ulong seed)
{
    private const ulong PeopleStream = 1;

    private static readonly (Culture Culture, double Share)[] Mix =
    [
        (Culture.Khmer, 0.40),
        (Culture.Thai, 0.20),
        (Culture.Burmese, 0.10),
        (Culture.Vietnamese, 0.10),
        (Culture.Chinese, 0.10),
        (Culture.Russian, 0.05),
        (Culture.Western, 0.05),
    ];

    private static readonly Word[] Vietnamese = [.. NameTables.VietnameseFamily.Select(Viet)];
    private static readonly Word[] VietnameseMiddle = [.. NameTables.VietnameseMiddle.Select(Viet)];
    private static readonly Word[] VietnameseGiven = [.. NameTables.VietnameseGiven.Select(Viet)];
    private static readonly Word[] VietnameseMiddleOrGiven = [.. VietnameseMiddle, .. VietnameseGiven];

    public ulong Seed => seed;

    public Person Generate(long index)
    {
        var rng = Rng.For(seed, PeopleStream, index);
        var culture = PickCulture(ref rng);
        var name = MakeName(ref rng, culture, null);
        var spelling = StoredSpelling(ref rng, name);
        bool native,
            latin;
        if (culture == Culture.Western)
        {
            (native, latin) = (false, true);
        }
        else
        {
            var r = rng.NextDouble();
            (native, latin) =
                culture == Culture.Vietnamese
                    ? (r < 0.70, r >= 0.50) // 50% with diacritics only, 20% both, 30% without only
                    : (r < 0.70, r >= 0.25); // 25% own script only, 45% both, 30% Latin only
        }
        var stored = new List<StoredName>(3);
        if (native)
        {
            stored.Add(new StoredName(name.Native(), "primary"));
        }
        if (latin)
        {
            stored.Add(new StoredName(name.Latin(spelling), "primary"));
        }
        // Sometimes another name the person is known by (another given name), sometimes another spelling of theirs.
        var r2 = rng.NextDouble();
        if (r2 < 0.15)
        {
            var alias = MakeName(ref rng, culture, name);
            var aliasSpelling = StoredSpelling(ref rng, alias);
            var text = alias.HasNative && rng.Chance(0.3) ? alias.Native() : alias.Latin(aliasSpelling);
            if (stored.All(s => s.Text != text))
            {
                stored.Add(new StoredName(text, "alias"));
            }
        }
        else if (r2 < 0.23 && latin && name.Words.Any(w => w.Variants > 1))
        {
            var other = (int[])spelling.Clone();
            var words = Enumerable.Range(0, name.Words.Length).Where(i => name.Words[i].Variants > 1).ToList();
            var w = rng.Pick(words);
            other[w] = OtherVariant(ref rng, name.Words[w].Variants, spelling[w]);
            stored.Add(new StoredName(name.Latin(other), "alias"));
        }
        return new Person
        {
            Index = index,
            Name = name,
            Spelling = spelling,
            NativeStored = native,
            LatinStored = latin,
            Stored = stored,
        };
    }

    private static Culture PickCulture(ref Rng rng)
    {
        var r = rng.NextDouble();
        foreach (var (culture, share) in Mix)
        {
            if (r < share)
            {
                return culture;
            }
            r -= share;
        }
        return Culture.Western;
    }

    /// <summary>A name of the culture; given <paramref name="sameFamily"/>, another name of that person (their family name, other given
    /// names).</summary>
    private static NameSpec MakeName(ref Rng rng, Culture culture, NameSpec? sameFamily)
    {
        NameWord One(Word[] table, double skew, ref Rng r) => new([table[r.Skewed(table.Length, skew)]]);
        NameWord Family(Word[] table, double skew, ref Rng r) =>
            sameFamily is { Family: >= 0 } s ? s.Words[s.Family] : One(table, skew, ref r);
        switch (culture)
        {
            case Culture.Khmer:
            {
                var words = new List<NameWord> { Family(NameTables.KhmerFamily, 1.6, ref rng) };
                var given = rng.Chance(0.28) ? 2 : 1;
                for (var i = 0; i < given; i++)
                {
                    words.Add(
                        rng.Chance(0.45)
                            ? One(NameTables.KhmerGiven, 1.2, ref rng)
                            : new NameWord([
                                NameTables.KhmerGivenStart[rng.Skewed(NameTables.KhmerGivenStart.Length, 1.2)],
                                NameTables.KhmerGivenEnd[rng.Skewed(NameTables.KhmerGivenEnd.Length, 1.2)],
                            ])
                    );
                }
                return new NameSpec(culture, [.. words], 0);
            }
            case Culture.Thai:
            {
                var given = One(NameTables.ThaiGiven, 1.2, ref rng);
                NameWord family;
                if (sameFamily is not null)
                {
                    family = sameFamily.Words[sameFamily.Family];
                }
                else if (rng.Chance(0.25))
                {
                    family = One(NameTables.ThaiFamily, 1.2, ref rng);
                }
                else
                {
                    var parts = new List<Word> { rng.Pick(NameTables.ThaiFamilyStart) };
                    if (rng.Chance(0.4))
                    {
                        parts.Add(rng.Pick(NameTables.ThaiFamilyStart));
                    }
                    parts.Add(rng.Pick(NameTables.ThaiFamilyEnd));
                    family = new NameWord([.. parts.DistinctBy(p => p.Native)]); // no part twice (ศรีศรี…)
                }
                return new NameSpec(culture, [given, family], 1);
            }
            case Culture.Burmese:
            {
                var r = rng.NextDouble();
                var count =
                    r < 0.35 ? 2
                    : r < 0.80 ? 3
                    : 4;
                var words = new NameWord[count];
                for (var i = 0; i < count; i++)
                {
                    words[i] = One(NameTables.BurmeseSyllables, 1.2, ref rng);
                }
                return new NameSpec(culture, words, -1);
            }
            case Culture.Chinese:
            {
                var family = Family(NameTables.ChineseFamily, 1.6, ref rng);
                var length = rng.Chance(0.7) ? 2 : 1;
                var chars = new Word[length];
                for (var i = 0; i < length; i++)
                {
                    chars[i] = NameTables.ChineseGiven[rng.Skewed(NameTables.ChineseGiven.Length, 1.1)];
                }
                return new NameSpec(culture, [family, new NameWord(chars, chineseGiven: true)], 0);
            }
            case Culture.Russian:
            {
                var female = sameFamily is not null
                    ? Array.Exists(NameTables.RussianFamily, f => ReferenceEquals(f.Female, sameFamily.Words[sameFamily.Family].Parts[0]))
                    : rng.Chance(0.4);
                var given = One(female ? NameTables.RussianGivenFemale : NameTables.RussianGivenMale, 1.2, ref rng);
                var words = new List<NameWord> { given };
                if (rng.Chance(0.35))
                {
                    words.Add(One(female ? NameTables.RussianPatronymicFemale : NameTables.RussianPatronymicMale, 1.3, ref rng));
                }
                if (sameFamily is not null)
                {
                    words.Add(sameFamily.Words[sameFamily.Family]);
                }
                else
                {
                    var (male, woman) = NameTables.RussianFamily[rng.Skewed(NameTables.RussianFamily.Length, 1.2)];
                    words.Add(new NameWord([female ? woman : male]));
                }
                return new NameSpec(culture, [.. words], words.Count - 1);
            }
            case Culture.Vietnamese:
            {
                var words = new List<NameWord> { Family(Vietnamese, 1.6, ref rng), One(VietnameseMiddle, 1.3, ref rng) };
                if (rng.Chance(0.3))
                {
                    words.Add(One(VietnameseMiddleOrGiven, 1.0, ref rng));
                }
                words.Add(One(VietnameseGiven, 1.1, ref rng));
                return new NameSpec(culture, [.. words], 0);
            }
            default:
            {
                var words = new List<NameWord> { One(NameTables.WesternGiven, 1.2, ref rng) };
                if (rng.Chance(0.35))
                {
                    words.Add(One(NameTables.WesternGiven, 1.2, ref rng));
                }
                words.Add(Family(NameTables.WesternFamily, 1.2, ref rng));
                return new NameSpec(culture, [.. words], words.Count - 1);
            }
        }
    }

    /// <summary>The spelling a record uses: mostly the common one, word by word.</summary>
    private static int[] StoredSpelling(ref Rng rng, NameSpec name)
    {
        var spelling = new int[name.Words.Length];
        for (var i = 0; i < spelling.Length; i++)
        {
            spelling[i] = UserVariant(ref rng, name.Words[i].Variants);
        }
        return spelling;
    }

    /// <summary>A spelling someone would type: the common one 60% of the time, else any other.</summary>
    public static int UserVariant(ref Rng rng, int variants) => variants <= 1 || rng.Chance(0.6) ? 0 : 1 + rng.Next(variants - 1);

    public static int OtherVariant(ref Rng rng, int variants, int current)
    {
        var v = rng.Next(variants - 1);
        return v >= current ? v + 1 : v;
    }

    /// <summary>Vietnamese with diacritics, and without them (Nguyễn, Nguyen).</summary>
    private static Word Viet(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(
                    c switch
                    {
                        'Đ' => 'D',
                        'đ' => 'd',
                        _ => c,
                    }
                );
            }
        }
        return new Word(name, [builder.ToString().Normalize(NormalizationForm.FormC)]);
    }
}

/// <summary>The kinds of query, each reported apart.</summary>
public static class QueryKinds
{
    public const string Variant = "variant";
    public const string Script = "script";
    public const string Typo = "typo";
    public const string Reordered = "reordered";
    public const string Partial = "partial";

    public static readonly string[] All = [Variant, Script, Typo, Reordered, Partial];
}

/// <summary>A query with its known answer.</summary>
public sealed record Query(int Number, string Kind, Culture Culture, string Text, long Target);

/// <summary>
/// The queries: for each, a person drawn at random and a way a searcher might write their name that differs from
/// what is stored (another spelling, another script, a typo, the other name order, a word left out). A person that
/// cannot be asked for that way (no Latin name stored for a typo, one word only for a partial query …) is passed
/// over for another.
/// </summary>
public sealed class QuerySet(Population population, long people)
{
    private const ulong QueryStream = 2;
    private const ulong WarmupStream = 3;

    public List<Query> Make(int count, bool warmup)
    {
        var queries = new List<Query>(count);
        for (var q = 0; q < count; q++)
        {
            var rng = Rng.For(population.Seed, warmup ? WarmupStream : QueryStream, q);
            var kind = QueryKinds.All[q % QueryKinds.All.Length];
            for (var attempt = 0; attempt < 10_000; attempt++)
            {
                var person = population.Generate((long)(rng.NextDouble() * people));
                if (Ask(ref rng, person, kind) is { } text)
                {
                    queries.Add(new Query(q, kind, person.Culture, text, person.Index));
                    break;
                }
            }
        }
        return queries;
    }

    private static string? Ask(ref Rng rng, Person person, string kind)
    {
        var name = person.Name;
        switch (kind)
        {
            case QueryKinds.Variant:
            {
                var words = Enumerable.Range(0, name.Words.Length).Where(i => name.Words[i].Variants > 1).ToList();
                if (!person.LatinStored || words.Count == 0)
                {
                    return null;
                }
                var spelling = (int[])person.Spelling.Clone();
                var changed = false;
                foreach (var w in words)
                {
                    if (rng.Chance(0.5))
                    {
                        spelling[w] = Population.OtherVariant(ref rng, name.Words[w].Variants, spelling[w]);
                        changed = true;
                    }
                }
                if (!changed)
                {
                    var w = rng.Pick(words);
                    spelling[w] = Population.OtherVariant(ref rng, name.Words[w].Variants, spelling[w]);
                }
                var text = name.Latin(spelling);
                var folded = NameFolding.Fold(text);
                return person.Stored.Any(s => NameFolding.Fold(s.Text) == folded) ? null : text;
            }
            case QueryKinds.Script:
            {
                if (!name.HasNative || person.NativeStored == person.LatinStored)
                {
                    return null;
                }
                if (person.LatinStored)
                {
                    return name.Native();
                }
                var spelling = new int[name.Words.Length];
                for (var i = 0; i < spelling.Length; i++)
                {
                    spelling[i] = Population.UserVariant(ref rng, name.Words[i].Variants);
                }
                return name.Latin(spelling);
            }
            case QueryKinds.Typo:
            {
                if (!person.LatinStored)
                {
                    return null;
                }
                var text = name.Latin(person.Spelling);
                var letters = Enumerable.Range(0, text.Length).Where(i => char.IsLetter(text[i])).ToList();
                if (letters.Count < 5)
                {
                    return null;
                }
                var at = rng.Pick(letters);
                var letter = (char)('a' + rng.Next(26));
                var typo = rng.Next(3) switch
                {
                    0 => text.Insert(at + rng.Next(2), letter.ToString()),
                    1 => text.Remove(at, 1),
                    _ => char.ToLowerInvariant(text[at]) == letter
                        ? null
                        : string.Concat(
                            text.AsSpan(0, at),
                            (char.IsUpper(text[at]) ? char.ToUpperInvariant(letter) : letter).ToString(),
                            text.AsSpan(at + 1)
                        ),
                };
                return typo is null || string.Equals(typo.Trim(), text, StringComparison.OrdinalIgnoreCase) ? null : typo.Trim();
            }
            case QueryKinds.Reordered:
            {
                if (name.Family < 0 || name.Words.Length < 2)
                {
                    return null;
                }
                var words = WordsOf(ref rng, person);
                if (words is null)
                {
                    return null;
                }
                var family = words[name.Family];
                words.RemoveAt(name.Family);
                if (name.Family == 0)
                {
                    words.Add(family);
                }
                else
                {
                    words.Insert(0, family);
                }
                return string.Join(' ', words);
            }
            case QueryKinds.Partial:
            {
                if (name.Words.Length < 3)
                {
                    return null;
                }
                var words = WordsOf(ref rng, person);
                if (words is null)
                {
                    return null;
                }
                // Searchers keep the family name and leave out a given name (a patronymic, a middle name); in a
                // Vietnamese name they also keep the given name, the last, and leave out a middle one. Burmese names
                // have no family name: any syllable may be left out.
                var droppable = Enumerable
                    .Range(0, words.Count)
                    .Where(i => i != name.Family && !(person.Culture == Culture.Vietnamese && i == words.Count - 1))
                    .ToList();
                words.RemoveAt(rng.Pick(droppable));
                return string.Join(' ', words);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>The words of a stored primary name, written apart: its Latin spelling, or its own script where that puts
    /// spaces between words (not Chinese or Burmese).</summary>
    private static List<string>? WordsOf(ref Rng rng, Person person)
    {
        var name = person.Name;
        var nativeUsable = person.NativeStored && name.NativeSeparator == " ";
        if (person.LatinStored && (!nativeUsable || rng.Chance(0.75)))
        {
            return [.. name.Words.Select((w, i) => w.Latin(person.Spelling[i]))];
        }
        return nativeUsable ? [.. name.Words.Select(w => w.Native)] : null;
    }
}
