using Habeas.Access;
using Habeas.Storage;

namespace Habeas.Confidential;

/// <summary>
/// Confidential values travel only through these operations, which need the confidential grant: no other
/// response carries them. Each read is an audit entry.
/// </summary>
public static class ConfidentialApi
{
    public sealed record ConfidentialDto(IReadOnlyDictionary<string, string> Fields);
    public sealed record ConfidentialInput(Dictionary<string, string?>? Fields);

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (segment, recordType) in Records.Leveled.Where(r => ConfidentialFields.Has(r.RecordType)))
        {
            api.MapGet($"/{segment}/{{id:guid}}/confidential", (Guid id, HabeasDb db, KeyRing keys, CancellationToken ct) => GetAsync(db, keys, recordType, id, ct))
                .RequireAuthorization(AccessSetup.ConfidentialPolicy).WithTags("Confidential")
                .WithSummary($"The confidential fields of a {recordType} ({string.Join(", ", ConfidentialFields.ByRecordType[recordType])}); needs the confidential grant; the read is audited.");
            api.MapPut($"/{segment}/{{id:guid}}/confidential", (Guid id, ConfidentialInput input, HabeasDb db, KeyRing keys, CancellationToken ct) => PutAsync(db, keys, recordType, id, input, ct))
                .RequireAuthorization(Accounts.Policies.Write).RequireAuthorization(AccessSetup.ConfidentialPolicy).WithTags("Confidential")
                .WithSummary($"Set confidential fields of a {recordType}; a blank value removes one; fields not sent are kept.");
        }
    }

    private static async Task<IResult> GetAsync(HabeasDb db, KeyRing keys, string recordType, Guid id, CancellationToken cancellationToken)
    {
        if (await Records.FindVisibleAsync(db, recordType, id, cancellationToken) is null)
        {
            return Records.NotFound(recordType, id);
        }
        return Results.Ok(new ConfidentialDto(await ConfidentialFields.ReadAsync(db, keys, recordType, id, cancellationToken)));
    }

    private static async Task<IResult> PutAsync(HabeasDb db, KeyRing keys, string recordType, Guid id, ConfidentialInput input, CancellationToken cancellationToken)
    {
        var values = input.Fields ?? [];
        var validation = ConfidentialFields.Validate(recordType, values);
        if (!validation.IsValid)
        {
            // The messages name fields, never the values sent.
            return validation.Problem();
        }
        if (await Records.FindVisibleAsync(db, recordType, id, cancellationToken) is null)
        {
            return Records.NotFound(recordType, id);
        }
        await ConfidentialFields.WriteAsync(db, keys, recordType, id, values, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }
}

/// <summary>What a record page passes to the confidential-details link.</summary>
public sealed record ConfidentialLink(string Segment, Guid Id);
