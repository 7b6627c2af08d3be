namespace Habeas.Platform.Confidential;

/// <summary>
/// One confidential field of one record, encrypted with AES-256-GCM (see FieldCipher). Confidential values
/// live only here, never in the record's own table, its history or its audit entries in clear, so a query
/// that does not ask for them cannot return them.
/// </summary>
public sealed class ConfidentialValue
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>"person", "event" or "source".</summary>
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }

    /// <summary>A field code of ConfidentialFields (health, family-contacts, prison-address, witnesses, source-identity).</summary>
    public required string Field { get; set; }

    /// <summary>"v1.{key id}.{base64url(nonce ‖ ciphertext ‖ tag)}", bound to this table, column and row.</summary>
    public required string Ciphertext { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
