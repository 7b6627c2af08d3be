namespace Habeas.Core.Names;

/// <summary>A name found for a query: the person, which of their names matched, and how well (0–100).</summary>
/// <param name="PersonId">The person.</param>
/// <param name="NameId">The name of theirs that matched best.</param>
/// <param name="Score">0–100: 100 when every word is spelled as held.</param>
/// <param name="Reason">How the best-matching words met: "exact" (the same spelling), "spelling" (another spelling or
/// script of the same sounds), "typo" (one sound off) or "partial" (some words of the query are not in the name).</param>
public sealed record NameMatch(Guid PersonId, Guid NameId, int Score, string Reason);

/// <summary>One person's names as the index takes them.</summary>
public sealed record IndexedPerson(Guid PersonId, long Version, IReadOnlyList<(Guid NameId, string Text)> Names);

/// <summary>
/// An in-memory index of people's names, read through <see cref="NameReading"/> (any script to Latin words) and
/// <see cref="PhoneticKey"/> (spellings of one sound to one key). A query finds candidates by key (and, when no name
/// holds every word, by keys one sound away: typos), then scores each candidate name word by word: the same spelling
/// counts 1, another spelling of the same key about 0.9, a typo about 0.6; words are weighted by how rare their key
/// is, word order is ignored (family name first or last), and name words the query lacks cost a little. Thread-safe:
/// many searches at once, one writer at a time; a changed person is findable as soon as <c>Upsert</c> returns.
/// </summary>
public sealed class NameIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    // Words: a romanized word and its key.
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly List<int> _wordKey = [];

    // Keys: each with the names holding it (posting lists; removed names stay until they are skipped).
    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly List<List<int>> _postings = [];

    // Keys one deletion away, for typos (symmetric deletion): hash of a key with one letter deleted → keys, as linked lists.
    private readonly Dictionary<ulong, int> _deletionHeads = [];
    private readonly List<int> _deletionKey = [];
    private readonly List<int> _deletionNext = [];

    // Names: owner (−1 once removed), id, and their words as a run in one flat list.
    private readonly List<int> _namePerson = [];
    private readonly List<Guid> _nameIds = [];
    private readonly List<int> _nameStart = [];
    private readonly List<byte> _nameLength = [];
    private readonly List<string> _nameScript = [];
    private readonly List<int> _nameWords = [];

    // People.
    private readonly Dictionary<Guid, int> _personIndex = [];
    private readonly List<Guid> _personIds = [];
    private readonly List<long> _personVersion = [];
    private readonly List<int[]> _personNames = [];

    private readonly ThreadLocal<Scratch> _scratch = new(() => new Scratch());

    /// <summary>How many candidate names a query reads posting lists for before checking common keys on them instead.</summary>
    private const int CandidateBudget = 5_000;

    /// <summary>A key one sound away is read for typos only when it is this rare (a common near key says little).</summary>
    private const int TypoKeyBudget = 5_000;

    /// <summary>At most this many candidates are checked for one-letter typos in short words.</summary>
    private const int TypoCheckBudget = 3_000;
    private int _liveNames;

    public void Dispose()
    {
        _lock.Dispose();
        _scratch.Dispose();
    }

    public int People
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _personIndex.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public int Names => Volatile.Read(ref _liveNames);

    /// <summary>Distinct romanized words and distinct keys held.</summary>
    public (int Words, int Keys) Vocabulary
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return (_words.Count, _keys.Count);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds or replaces a person's names; nothing changes when the same version is already held.</summary>
    public bool Upsert(IndexedPerson person) => Upsert([person]) > 0;

    /// <summary>Adds or replaces many people (reading the names in parallel first); returns how many changed.</summary>
    public int Upsert(IReadOnlyList<IndexedPerson> people)
    {
        var read = people
            .AsParallel()
            .AsOrdered()
            .Select(p => (Person: p, Words: p.Names.Select(n => NameReading.Words(n.Text)).ToList()))
            .ToList();
        _lock.EnterWriteLock();
        try
        {
            var changed = 0;
            foreach (var (person, words) in read)
            {
                if (_personIndex.TryGetValue(person.PersonId, out var existing) && _personVersion[existing] == person.Version)
                {
                    continue;
                }
                RemoveLocked(person.PersonId);
                AddLocked(person, words);
                changed++;
            }
            return changed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Remove(Guid personId)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(personId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The best-matching people for a query, best first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<NameMatch> Search(string query, int limit)
    {
        var words = NameReading.Words(query).Take(8).ToList();
        if (words.Count == 0 || limit <= 0)
        {
            return [];
        }
        _lock.EnterReadLock();
        try
        {
            // The words as typed, and with two neighbours joined ("Liu Xiao Bo" is also "Liu Xiaobo").
            var readings = new List<List<string>> { words };
            for (var i = 0; i + 1 < words.Count && readings.Count < 4; i++)
            {
                if (!_keyIds.ContainsKey(PhoneticKey.Of(words[i] + words[i + 1])))
                {
                    continue;
                }
                var joined = new List<string>(words);
                joined[i] += joined[i + 1];
                joined.RemoveAt(i + 1);
                readings.Add(joined);
            }
            var best = new Dictionary<int, NameMatch>();
            var script = ScriptDetector.Detect(query);
            foreach (var reading in readings)
            {
                // The joined readings only when the words as typed leave room: fewer good matches than asked for.
                if (reading != words && best.Values.Count(m => m.Score >= 90) >= limit)
                {
                    break;
                }
                foreach (var (person, match) in SearchLocked(reading, script, limit))
                {
                    if (!best.TryGetValue(person, out var held) || held.Score < match.Score)
                    {
                        best[person] = match;
                    }
                }
            }
            return best.Values.OrderByDescending(m => m.Score).ThenBy(m => m.PersonId).Take(limit).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>How well the words of a query match the words of one name (0–1), and how.</summary>
    public static (double Score, string Reason) Compare(IReadOnlyList<string> query, IReadOnlyList<string> name)
    {
        var weights = query.Select(_ => 1.0).ToArray();
        return Score(query, query.Select(PhoneticKey.Of).ToArray(), weights, name, name.Select(PhoneticKey.Of).ToArray());
    }

    private List<(int Person, NameMatch Match)> SearchLocked(List<string> words, string script, int limit)
    {
        var scratch = _scratch.Value!;
        scratch.Ensure(_namePerson.Count);
        var keys = words.Select(PhoneticKey.Of).ToArray();
        var keyIds = keys.Select(k => _keyIds.GetValueOrDefault(k, -1)).ToArray();
        var live = Math.Max(1, _liveNames);
        var weights = keyIds.Select(id => Math.Log(1.0 + live / (1.0 + (id < 0 ? 0 : _postings[id].Count)))).ToArray();
        var total = weights.Sum();
        // A key a query holds twice ("Sok Sokha": SK, SK) counts twice only on a name holding it twice.
        var repeat = new int[words.Count];
        for (var w = 0; w < words.Count; w++)
        {
            repeat[w] = keys.Take(w).Count(k => k == keys[w]);
        }
        try
        {
            // Candidates come from the rarest keys first. Once they number more than the budget, a more common key
            // (a frequent family name) is not read through its whole posting list but checked on the candidates.
            var order = Enumerable.Range(0, words.Count).Where(w => keyIds[w] >= 0).OrderBy(w => _postings[keyIds[w]].Count).ToList();
            var checkOnly = new List<int>();
            foreach (var w in order)
            {
                if (repeat[w] > 0 || (scratch.Touched.Count > 0 && scratch.Touched.Count + _postings[keyIds[w]].Count > CandidateBudget))
                {
                    checkOnly.Add(w);
                    continue;
                }
                Accumulate(scratch, keyIds[w], w, weights[w]);
            }
            CheckOnCandidates(scratch, checkOnly, keyIds, repeat, weights);
            var complete = scratch.Touched.Count(n => scratch.Sum[n] >= total * 0.999);
            if (complete < limit)
            {
                // Fewer names than asked hold every word: try keys one sound away from each word (typos, a letter too many or too few),
                // and, on the candidates found, words one letter away (typos in words too short for their keys to tell).
                for (var w = 0; w < words.Count; w++)
                {
                    if (keys[w].Length < 3)
                    {
                        continue;
                    }
                    // Rarer near keys first, until the candidates reach the budget.
                    foreach (
                        var typo in KeysNear(keys[w])
                            .Where(k => k != keyIds[w] && _postings[k].Count <= TypoKeyBudget)
                            .OrderBy(k => _postings[k].Count)
                    )
                    {
                        if (scratch.Touched.Count > 4 * CandidateBudget)
                        {
                            break;
                        }
                        Accumulate(scratch, typo, w, weights[w] * 0.6);
                    }
                }
                CheckOnCandidates(scratch, checkOnly, keyIds, repeat, weights);
                CheckTyposOnCandidates(scratch, words, keys, weights);
            }
            if (scratch.Touched.Count == 0)
            {
                return [];
            }
            // Score exactly only the names that could be among the best: ranked first by their sums, then by words
            // spelled exactly as asked, then by fewer words the query lacks.
            var most = Math.Max(300, limit * 30);
            var full = scratch.Best * 0.999f;
            var floor = scratch.Touched.Count(n => scratch.Sum[n] >= full) >= most ? full : scratch.Best * 0.5f;
            var candidates = scratch.Touched.Where(n => scratch.Sum[n] >= floor).ToList();
            if (candidates.Count > most)
            {
                var queryWordIds = words.Select(w => _wordIds.GetValueOrDefault(w, -1)).ToArray();
                var closeness = new Dictionary<long, double>();
                var top = new PriorityQueue<int, double>(most + 1);
                foreach (var n in candidates)
                {
                    var rank = PreRank(scratch, n, words, queryWordIds, keyIds, weights, closeness);
                    if (top.Count < most)
                    {
                        top.Enqueue(n, rank);
                    }
                    else if (top.TryPeek(out _, out var lowest) && rank > lowest)
                    {
                        top.DequeueEnqueue(n, rank);
                    }
                }
                candidates = top.UnorderedItems.Select(x => x.Element).ToList();
            }
            var people = new Dictionary<int, (NameMatch Match, bool SameScript)>();
            foreach (var name in candidates)
            {
                var person = _namePerson[name];
                if (person < 0)
                {
                    continue;
                }
                var nameWords = new string[_nameLength[name]];
                var nameKeys = new string[nameWords.Length];
                for (var i = 0; i < nameWords.Length; i++)
                {
                    var word = _nameWords[_nameStart[name] + i];
                    nameWords[i] = _words[word];
                    nameKeys[i] = _keys[_wordKey[word]];
                }
                var (score, reason) = Score(words, keys, weights, nameWords, nameKeys);
                var match = new NameMatch(_personIds[person], _nameIds[name], (int)Math.Round(score * 100), reason);
                // Of equal scores, the name written in the query's script is the one shown as matched (សុខ យឿន, not Sok Yoeun).
                if (
                    match.Score > 0
                    && (
                        !people.TryGetValue(person, out var held)
                        || held.Match.Score < match.Score
                        || (held.Match.Score == match.Score && !held.SameScript && _nameScript[name] == script)
                    )
                )
                {
                    people[person] = (match, _nameScript[name] == script);
                }
            }
            return people.Select(p => (p.Key, p.Value.Match)).ToList();
        }
        finally
        {
            scratch.Clear();
        }
    }

    private double PreRank(
        Scratch scratch,
        int name,
        List<string> words,
        int[] queryWordIds,
        int[] keyIds,
        double[] weights,
        Dictionary<long, double> closeness
    )
    {
        var start = _nameStart[name];
        int length = _nameLength[name];
        double rank = scratch.Sum[name] - 0.001 * length;
        for (var w = 0; w < queryWordIds.Length; w++)
        {
            var closest = 0.0;
            for (var i = 0; i < length; i++)
            {
                var word = _nameWords[start + i];
                if (word == queryWordIds[w])
                {
                    closest = 1;
                    break;
                }
                if (_wordKey[word] == keyIds[w])
                {
                    // The same key: how much of the spelling agrees from the start (thary, theary: "th"), once per word.
                    var cacheKey = ((long)w << 32) | (uint)word;
                    if (!closeness.TryGetValue(cacheKey, out var agreed))
                    {
                        var a = words[w];
                        var b = _words[word];
                        var common = 0;
                        while (common < a.Length && common < b.Length && a[common] == b[common])
                        {
                            common++;
                        }
                        agreed = 0.5 * common / Math.Max(a.Length, b.Length);
                        closeness[cacheKey] = agreed;
                    }
                    closest = Math.Max(closest, agreed);
                }
            }
            rank += 0.05 * weights[w] * closest;
        }
        return rank;
    }

    /// <summary>Credits, on the candidates, the query words still unmatched that are one letter from a word of the name.</summary>
    private void CheckTyposOnCandidates(Scratch scratch, List<string> words, string[] keys, double[] weights)
    {
        // Only words whose keys are too short to have been looked up one sound away.
        var shortWords = Enumerable.Range(0, words.Count).Where(w => keys[w].Length < 3 && words[w].Length >= 3).ToList();
        if (shortWords.Count == 0)
        {
            return;
        }
        var floor = scratch.Best * 0.5;
        var checkedNames = 0;
        foreach (var name in scratch.Touched)
        {
            if (scratch.Sum[name] < floor)
            {
                continue;
            }
            if (++checkedNames > TypoCheckBudget)
            {
                break;
            }
            var start = _nameStart[name];
            int length = _nameLength[name];
            foreach (var w in shortWords)
            {
                var bit = (byte)(1 << w);
                if ((scratch.Seen[name] & bit) != 0)
                {
                    continue;
                }
                for (var i = 0; i < length; i++)
                {
                    if (Levenshtein(words[w], _words[_nameWords[start + i]], 1) <= 1)
                    {
                        scratch.Seen[name] |= bit;
                        var sum = scratch.Sum[name] += (float)(weights[w] * 0.6);
                        if (sum > scratch.Best)
                        {
                            scratch.Best = sum;
                        }
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Adds the weight of each of these query words to the candidates holding its key (as many times as the
    /// query holds it).</summary>
    private void CheckOnCandidates(Scratch scratch, List<int> words, int[] keyIds, int[] repeat, double[] weights)
    {
        if (words.Count == 0)
        {
            return;
        }
        foreach (var name in scratch.Touched)
        {
            var start = _nameStart[name];
            int length = _nameLength[name];
            foreach (var w in words)
            {
                var bit = (byte)(1 << w);
                if ((scratch.Seen[name] & bit) != 0)
                {
                    continue;
                }
                var held = 0;
                for (var i = 0; i < length; i++)
                {
                    if (_wordKey[_nameWords[start + i]] == keyIds[w] && ++held > repeat[w])
                    {
                        if (scratch.Seen[name] == 0)
                        {
                            break; // not a candidate yet: only names found by another word are checked
                        }
                        scratch.Seen[name] |= bit;
                        var sum = scratch.Sum[name] += (float)weights[w];
                        if (sum > scratch.Best)
                        {
                            scratch.Best = sum;
                        }
                        break;
                    }
                }
            }
        }
    }

    private void Accumulate(Scratch scratch, int keyId, int word, double weight)
    {
        var bit = (byte)(1 << word);
        foreach (var name in _postings[keyId])
        {
            if ((scratch.Seen[name] & bit) != 0 || _namePerson[name] < 0)
            {
                continue;
            }
            if (scratch.Seen[name] == 0)
            {
                scratch.Touched.Add(name);
            }
            scratch.Seen[name] |= bit;
            var sum = scratch.Sum[name] += (float)weight;
            if (sum > scratch.Best)
            {
                scratch.Best = sum;
            }
        }
    }

    /// <summary>Word-by-word score: each query word takes its best match among the name's words, each name word used once.</summary>
    private static (double Score, string Reason) Score(
        IReadOnlyList<string> query,
        string[] queryKeys,
        double[] weights,
        IReadOnlyList<string> name,
        string[] nameKeys
    )
    {
        var used = new bool[name.Count];
        var at = new int[query.Count];
        double matched = 0,
            total = 0;
        var exact = 0;
        var spelling = 0;
        var typo = 0;
        var missing = 0;
        foreach (var q in Enumerable.Range(0, query.Count).OrderByDescending(i => weights[i]))
        {
            total += weights[q];
            var bestScore = 0.0;
            var bestAt = -1;
            for (var n = 0; n < name.Count; n++)
            {
                if (used[n])
                {
                    continue;
                }
                var s = WordSimilarity(query[q], queryKeys[q], name[n], nameKeys[n]);
                if (s > bestScore)
                {
                    bestScore = s;
                    bestAt = n;
                }
            }
            at[q] = bestAt;
            if (bestAt < 0)
            {
                missing++;
                continue;
            }
            used[bestAt] = true;
            matched += weights[q] * bestScore;
            if (bestScore >= 1)
            {
                exact++;
            }
            else if (bestScore >= 0.75)
            {
                spelling++;
            }
            else
            {
                typo++;
            }
        }
        if (total <= 0 || matched <= 0)
        {
            return (0, "");
        }
        var unmatchedNameWords = used.Count(u => !u);
        var score = matched / total * (1 - 0.12 * unmatchedNameWords / Math.Max(1, name.Count));
        // The words in another order than the name's cost 1%: both orders are found, the same order first.
        var matchedPositions = at.Where(p => p >= 0).ToList();
        if (matchedPositions.Zip(matchedPositions.Skip(1)).Any(p => p.First > p.Second))
        {
            score *= 0.99;
        }
        var reason =
            missing > 0 ? "partial"
            : typo > 0 ? "typo"
            : spelling > 0 ? "spelling"
            : "exact";
        return (Math.Min(1, score), reason);
    }

    /// <summary>1 for the same word; 0.75–0.95 for the same key (closer spellings higher); 0.45–0.65 for keys one
    /// sound apart (or spellings one letter apart); 0.55 for a query word that begins a longer name word (typing); else 0.</summary>
    private static double WordSimilarity(string q, string qKey, string n, string nKey)
    {
        if (q == n)
        {
            return 1;
        }
        var closeness = 1 - (double)Levenshtein(q, n, int.MaxValue) / Math.Max(q.Length, n.Length);
        if (qKey == nKey)
        {
            return 0.75 + 0.2 * closeness;
        }
        if (
            (qKey.Length >= 3 && nKey.Length >= 3 && Levenshtein(qKey, nKey, 1) <= 1)
            || (Math.Min(q.Length, n.Length) >= 4 && Levenshtein(q, n, 1) <= 1)
        )
        {
            return 0.45 + 0.2 * closeness;
        }
        if (q.Length >= 3 && n.StartsWith(q, StringComparison.Ordinal))
        {
            return 0.55;
        }
        return 0;
    }

    /// <summary>Edit distance, stopping early once it exceeds <paramref name="bound"/>.</summary>
    private static int Levenshtein(string a, string b, int bound)
    {
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return bound + 1;
        }
        Span<int> previous = b.Length < 64 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 64 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > bound)
            {
                return bound + 1;
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }

    private HashSet<int> KeysNear(string key)
    {
        var near = new HashSet<int>();
        // Keys that are this key with one letter more, or one letter changed or deleted.
        AddDeletionList(near, Hash(key));
        for (var i = 0; i < key.Length; i++)
        {
            var deleted = string.Concat(key.AsSpan(0, i), key.AsSpan(i + 1));
            if (deleted.Length >= 3 && _keyIds.TryGetValue(deleted, out var shorter))
            {
                near.Add(shorter);
            }
            AddDeletionList(near, Hash(deleted));
        }
        return near;
    }

    private void AddDeletionList(HashSet<int> into, ulong hash)
    {
        if (!_deletionHeads.TryGetValue(hash, out var node))
        {
            return;
        }
        while (node >= 0)
        {
            into.Add(_deletionKey[node]);
            node = _deletionNext[node];
        }
    }

    private void AddLocked(IndexedPerson person, List<IReadOnlyList<string>> words)
    {
        var index = _personIds.Count;
        _personIndex[person.PersonId] = index;
        _personIds.Add(person.PersonId);
        _personVersion.Add(person.Version);
        var names = new List<int>(person.Names.Count);
        for (var n = 0; n < person.Names.Count; n++)
        {
            var nameWords = words[n];
            if (nameWords.Count == 0)
            {
                continue;
            }
            var name = _namePerson.Count;
            _namePerson.Add(index);
            _nameIds.Add(person.Names[n].NameId);
            _nameStart.Add(_nameWords.Count);
            _nameLength.Add((byte)Math.Min(nameWords.Count, 255));
            _nameScript.Add(string.Intern(ScriptDetector.Detect(person.Names[n].Text)));
            var seenKeys = new HashSet<int>();
            foreach (var word in nameWords.Take(255))
            {
                var wordId = WordId(word);
                _nameWords.Add(wordId);
                var key = _wordKey[wordId];
                if (seenKeys.Add(key))
                {
                    _postings[key].Add(name);
                }
            }
            names.Add(name);
            _liveNames++;
        }
        _personNames.Add([.. names]);
    }

    private void RemoveLocked(Guid personId)
    {
        if (!_personIndex.Remove(personId, out var index))
        {
            return;
        }
        foreach (var name in _personNames[index])
        {
            _namePerson[name] = -1;
            _liveNames--;
        }
        _personNames[index] = [];
    }

    private int WordId(string word)
    {
        if (_wordIds.TryGetValue(word, out var id))
        {
            return id;
        }
        id = _words.Count;
        _wordIds[word] = id;
        _words.Add(word);
        _wordKey.Add(KeyId(PhoneticKey.Of(word)));
        return id;
    }

    private int KeyId(string key)
    {
        if (_keyIds.TryGetValue(key, out var id))
        {
            return id;
        }
        id = _keys.Count;
        _keyIds[key] = id;
        _keys.Add(key);
        _postings.Add([]);
        if (key.Length >= 3)
        {
            for (var i = 0; i < key.Length; i++)
            {
                var hash = Hash(string.Concat(key.AsSpan(0, i), key.AsSpan(i + 1)));
                _deletionKey.Add(id);
                _deletionNext.Add(_deletionHeads.GetValueOrDefault(hash, -1));
                _deletionHeads[hash] = _deletionKey.Count - 1;
            }
        }
        return id;
    }

    // A rare collision only adds a candidate, which scoring then rejects.
    private static ulong Hash(string text) => Fnv.Hash(text);

    /// <summary>Per-thread accumulators sized to the names, cleared after each search.</summary>
    private sealed class Scratch
    {
        public float[] Sum = [];
        public byte[] Seen = [];
        public readonly List<int> Touched = [];
        public float Best;

        public void Ensure(int names)
        {
            if (Sum.Length < names)
            {
                var size = Math.Max(names, Sum.Length * 2);
                Sum = new float[size];
                Seen = new byte[size];
            }
        }

        public void Clear()
        {
            foreach (var n in Touched)
            {
                Sum[n] = 0;
                Seen[n] = 0;
            }
            Touched.Clear();
            Best = 0;
        }
    }
}
