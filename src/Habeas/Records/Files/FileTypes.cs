using System.Text;

namespace Habeas.Records.Files;

/// <summary>
/// What an upload is, read from its bytes (magic numbers), never from its name or the type the browser sent. Only
/// JPEG, PNG, WebP, PDF and plain UTF-8 text are accepted; text that holds markup (HTML, XML, SVG) or starts as a
/// script is refused, and a name that claims one of the allowed types must agree with the content.
/// </summary>
public static class FileTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";
    public const string Text = "text/plain";

    public static readonly IReadOnlyList<string> Allowed = [Jpeg, Png, WebP, Pdf, Text];

    /// <summary>Why an upload is refused: each has its message in the interface strings (files.error.*).</summary>
    public enum Problem
    {
        Empty,
        TooLarge,
        NotAllowed,
        Markup,
        NameMismatch,
    }

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".png"] = Png,
        [".webp"] = WebP,
        [".pdf"] = Pdf,
        [".txt"] = Text,
    };

    public static bool IsImage(string mediaType) => mediaType is Jpeg or Png or WebP;

    /// <summary>The type of the content, or the reason it is refused.</summary>
    public static (string? MediaType, Problem? Problem) Detect(ReadOnlySpan<byte> content, string? name, long maxBytes)
    {
        if (content.Length == 0)
        {
            return (null, Problem.Empty);
        }
        if (content.Length > maxBytes)
        {
            return (null, Problem.TooLarge);
        }
        var type = Sniff(content);
        if (type is null)
        {
            return (null, LooksLikeMarkupOrScript(content) ? Problem.Markup : Problem.NotAllowed);
        }
        var extension = Path.GetExtension(name ?? "");
        if (Extensions.TryGetValue(extension, out var claimed) && claimed != type)
        {
            return (null, Problem.NameMismatch);
        }
        // Text is accepted only under a text name (or none): a script named .js or .html is not a letter.
        if (type == Text && extension.Length > 0 && !Extensions.ContainsKey(extension))
        {
            return (null, Problem.NotAllowed);
        }
        return (type, null);
    }

    private static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }
        if (b.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        return IsPlainText(b) ? Text : null;
    }

    /// <summary>Strict UTF-8, no control characters but tab, line breaks and form feed, no markup, no "#!" script line.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> b)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(b);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        return !text.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r' and not '\f') && !LooksLikeMarkupOrScript(b);
    }

    /// <summary>A tag, comment, processing instruction or doctype ("&lt;a", "&lt;!", "&lt;?", "&lt;/") anywhere, or a leading
    /// "#!".</summary>
    private static bool LooksLikeMarkupOrScript(ReadOnlySpan<byte> b)
    {
        var start = b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? b[3..] : b;
        if (start.TrimStart(" \t\r\n"u8).StartsWith("#!"u8))
        {
            return true;
        }
        for (
            var i = b.IndexOf((byte)'<');
            i >= 0 && i + 1 < b.Length;
            i = b[(i + 1)..].IndexOf((byte)'<') is var next and >= 0 ? i + 1 + next : -1
        )
        {
            var c = b[i + 1];
            if (char.IsAsciiLetter((char)c) || c is (byte)'!' or (byte)'?' or (byte)'/')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The uploaded name as a label: the last path segment, no control or reserved characters, at most 200 characters.</summary>
    public static string SafeName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new string(
            last.Where(c =>
                    !char.IsControl(c) && c is not '"' and not '<' and not '>' and not ':' and not '*' and not '?' and not '|' and not ';'
                )
                .ToArray()
        )
            .Trim()
            .TrimStart('.');
        if (clean.Length > 200)
        {
            var extension = Path.GetExtension(clean);
            clean = clean[..(200 - Math.Min(extension.Length, 20))] + (extension.Length <= 20 ? extension : "");
        }
        return clean.Length == 0 ? "file" : clean;
    }

    /// <summary>
    /// <see cref="SafeName(string?)"/>, ending in an extension of the type the content really is: "x.htm" holding a
    /// JPEG becomes "x.htm.jpg", so a downloaded file never opens as something else (an HTML page behind a JPEG header
    /// would otherwise run as a local page when saved and opened).
    /// </summary>
    public static string SafeName(string? name, string mediaType)
    {
        var clean = SafeName(name);
        if (Extensions.TryGetValue(Path.GetExtension(clean), out var claimed) && claimed == mediaType)
        {
            return clean;
        }
        var extension = Extensions.First(e => e.Value == mediaType).Key;
        return (clean.Length + extension.Length > 200 ? clean[..(200 - extension.Length)] : clean) + extension;
    }
}
