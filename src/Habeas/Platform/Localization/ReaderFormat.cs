namespace Habeas.Platform.Localization;

/// <summary>
/// How the reader chose to see numbers and years: Khmer (០-៩) or Thai (๐-๙) digits in place of 0-9, and years of the
/// Buddhist era (the common era + 543, as Thai documents write them). Kept in a cookie, and on the account of a signed-in
/// reader (set on /account/language); the Thai interface counts years in the Buddhist era unless the reader chose
/// otherwise. <see cref="Display"/> applies it.
/// </summary>
public sealed record ReaderFormat(bool NativeDigits, bool? BuddhistEra)
{
    public const string CookieName = "habeas-format";

    private static readonly AsyncLocal<ReaderFormat?> Ambient = new();

    public static readonly ReaderFormat Default = new(false, null);

    /// <summary>The choice of the request (or job) under way.</summary>
    public static ReaderFormat Current
    {
        get => Ambient.Value ?? Default;
        set => Ambient.Value = value;
    }

    /// <summary>Whether years are of the Buddhist era in <paramref name="language"/>: the reader's choice, else Thai's custom.</summary>
    public bool Buddhist(string language) => BuddhistEra ?? language == "th";

    /// <summary>"digits=native;era=buddhist", the cookie's and the account's form.</summary>
    public string Write() =>
        string.Join(
            ';',
            new[]
            {
                NativeDigits ? "digits=native" : null,
                BuddhistEra switch
                {
                    true => "era=buddhist",
                    false => "era=common",
                    _ => null,
                },
            }.OfType<string>()
        );

    public static ReaderFormat Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
        {
            return Default;
        }
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ReaderFormat(
            parts.Contains("digits=native"),
            parts.Contains("era=buddhist") ? true
                : parts.Contains("era=common") ? false
                : null
        );
    }

    /// <summary>0-9 written in the digits of <paramref name="language"/> when the reader chose them (Khmer, Thai).</summary>
    public string Digits(string text, string language)
    {
        if (!NativeDigits)
        {
            return text;
        }
        char zero = language switch
        {
            "km" => '\u17E0',
            "th" => '\u0E50',
            _ => '0',
        };
        if (zero == '0')
        {
            return text;
        }
        return string.Create(text.Length, (text, zero), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[i];
                span[i] = char.IsAsciiDigit(c) ? (char)(state.zero + (c - '0')) : c;
            }
        });
    }
}
