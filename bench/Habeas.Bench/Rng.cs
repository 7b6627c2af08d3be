namespace Habeas.Bench;

/// <summary>
/// A small deterministic generator (SplitMix64): the same seed and stream give the same numbers on every machine and
/// .NET version, and each person has a stream of their own (<see cref="For"/>), so person i can be made again alone.
/// Not for anything secret.
/// </summary>
public struct Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    /// <summary>The stream of item <paramref name="index"/> of a purpose (people, queries …) under a seed.</summary>
    public static Rng For(ulong seed, ulong purpose, long index)
    {
        var rng = new Rng(seed ^ (purpose * 0x9E3779B97F4A7C15UL) ^ ((ulong)index * 0xD1B54A32D192ED03UL));
        rng.NextUInt64();
        return rng;
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)(NextDouble() * n);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Skewed towards the start of a list ordered by frequency: a few entries are common, most are rare
    /// (like real names). <paramref name="skew"/> 1 is uniform; larger is more skewed.</summary>
    public int Skewed(int n, double skew) => Math.Min(n - 1, (int)(Math.Pow(NextDouble(), skew) * n));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
