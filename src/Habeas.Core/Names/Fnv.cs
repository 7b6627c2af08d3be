namespace Habeas.Core.Names;

/// <summary>FNV-1a, 64 bits, over UTF-16 code units: a fast hash where a rare collision costs nothing but a little work.</summary>
public static class Fnv
{
    public static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
