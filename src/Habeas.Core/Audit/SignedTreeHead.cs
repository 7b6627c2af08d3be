using System.Text;
using System.Text.Json;

namespace Habeas.Core.Audit;

/// <summary>
/// A tree head with an ECDSA P-256 signature (DER, over <see cref="TreeHead.ToCanonicalBytes"/>) and the id of
/// the signing key: lower-case hex SHA-256 of its SubjectPublicKeyInfo. <see cref="ToJson"/> and
/// <see cref="FromJson"/> carry it as a small JSON text to be kept apart from the log and checked later with
/// <see cref="TreeHeadSigner.Verify(SignedTreeHead, ReadOnlySpan{byte})"/>.
/// </summary>
public sealed record SignedTreeHead(TreeHead Head, string KeyId, byte[] Signature)
{
    /// <summary>Largest JSON text <see cref="FromJson"/> reads; a real one is about 300 characters.</summary>
    public const int MaxJsonLength = 4096;

    private const int FormatVersion = 1;
    private const int MaxSignatureLength = 256;

    private readonly byte[] _signature = Signature?.ToArray() ?? throw new ArgumentNullException(nameof(Signature));

    public TreeHead Head { get; } = Head ?? throw new ArgumentNullException(nameof(Head));

    public string KeyId { get; } = KeyId ?? throw new ArgumentNullException(nameof(KeyId));

    public byte[] Signature => _signature.ToArray();

    /// <summary>
    /// {"version":1,"treeSize":…,"rootHash":base64,"timestamp":ISO 8601 UTC,"keyId":hex,"signature":base64}.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteNumber("treeSize", Head.TreeSize);
            writer.WriteBase64String("rootHash", Head.RootHash);
            writer.WriteString("timestamp", Head.Timestamp.UtcDateTime);
            writer.WriteString("keyId", KeyId);
            writer.WriteBase64String("signature", _signature);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Reads what <see cref="ToJson"/> wrote. Anything else — not JSON, too long, another version, a missing,
    /// repeated or unknown property, a wrong type, bad base64, a root hash that is not 32 bytes, a negative
    /// size — throws <see cref="FormatException"/> and nothing else. Reading does not check the signature.
    /// </summary>
    public static SignedTreeHead FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonLength)
        {
            throw new FormatException("The signed tree head is too long.");
        }
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 2 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("A signed tree head must be a JSON object.");
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("version" or "treeSize" or "rootHash" or "timestamp" or "keyId" or "signature"))
                {
                    throw new FormatException("Unknown property in signed tree head.");
                }
                if (!seen.Add(property.Name))
                {
                    throw new FormatException("Repeated property in signed tree head.");
                }
            }
            if (Required(root, "version", JsonValueKind.Number).GetInt32() != FormatVersion)
            {
                throw new FormatException("Unsupported signed tree head version.");
            }
            var treeSize = Required(root, "treeSize", JsonValueKind.Number).GetInt64();
            var rootHash = Required(root, "rootHash", JsonValueKind.String).GetBytesFromBase64();
            var timestamp = Required(root, "timestamp", JsonValueKind.String).GetDateTimeOffset();
            var keyId = Required(root, "keyId", JsonValueKind.String).GetString()!;
            var signature = Required(root, "signature", JsonValueKind.String).GetBytesFromBase64();
            if (signature.Length is 0 or > MaxSignatureLength)
            {
                throw new FormatException("The signature has an impossible length.");
            }
            return new SignedTreeHead(new TreeHead(treeSize, rootHash, timestamp), keyId, signature);
        }
        catch (JsonException e)
        {
            throw new FormatException("The signed tree head is not valid JSON.", e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("The signed tree head has an invalid value.", e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("The signed tree head has a value of the wrong type.", e);
        }
    }

    /// <summary>True when <paramref name="other"/> has an equal head, the same key id and the same signature bytes.</summary>
    public bool Equals(SignedTreeHead? other) =>
        other is not null
        && Head.Equals(other.Head)
        && string.Equals(KeyId, other.KeyId, StringComparison.Ordinal)
        && _signature.AsSpan().SequenceEqual(other._signature);

    public override int GetHashCode() => HashCode.Combine(Head, StringComparer.Ordinal.GetHashCode(KeyId), _signature.Length);

    private static JsonElement Required(JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"The signed tree head needs \"{name}\" as a JSON {kind}.");
}
