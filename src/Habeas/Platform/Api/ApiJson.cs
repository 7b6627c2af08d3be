using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Habeas.Platform.Api;

public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Khmer and Thai stay readable in responses instead of \uXXXX escapes.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new PlainTextConverter());
    }

    /// <summary>
    /// Text sent to the API holds no control characters but tab and line breaks: a NUL cannot be stored by
    /// PostgreSQL, and the others hide text from readers. The request is refused (400 naming the field).
    /// </summary>
    private sealed class PlainTextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is not null && text.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r'))
            {
                throw new JsonException("Control characters (other than tab and line breaks) are not allowed in text.");
            }
            return text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
