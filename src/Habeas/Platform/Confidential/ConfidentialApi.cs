using Habeas.Platform.Access;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Confidential;

/// <summary>
/// Confidential values travel only through these operations, which need the confidential grant: no other
/// response carries them. Each read is an audit entry.
/// </summary>
public static class ConfidentialApi
{
    /// <summary>The values; <paramref name="Version"/> is the version of the record's confidential set (0 until first changed), sent back
    /// with a change.</summary>
    public sealed record ConfidentialDto(IReadOnlyDictionary<string, string> Fields, int Version);

    public sealed record ConfidentialInput(Dictionary<string, string?>? Fields, int? Version = null);

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (segment, recordType) in LeveledRecords.Leveled.Where(r => ConfidentialFields.Has(r.RecordType)))
        {
            api.MapGet($"/{segment}/{{id:guid}}/confidential", (Guid id, HabeasDb db, KeyRing keys, CancellationToken ct) =>
                    GetAsync(db, keys, recordType, id, ct)
                )
                .RequireAuthorization(AccessSetup.ConfidentialPolicy)
                .WithTags("Confidential")
                .WithSummary(
                    $"The confidential fields of a {recordType} ({string.Join(", ", ConfidentialFields.ByRecordType[recordType])}); needs the confidential grant; the read is audited."
                );
            api.MapPut(
                    $"/{segment}/{{id:guid}}/confidential",
                    (Guid id, ConfidentialInput input, HabeasDb db, KeyRing keys, CancellationToken ct) =>
                        PutAsync(db, keys, recordType, id, input, ct)
                )
                .RequireAuthorization(Accounts.Policies.Write)
                .RequireAuthorization(AccessSetup.ConfidentialPolicy)
                .WithTags("Confidential")
                .WithSummary(
                    $"Set confidential fields of a {recordType}; a blank value removes one; fields not sent are kept. Send the version read: 409 (naming the fields changed, never their values) when the set was changed since."
                );
        }
    }

    private static async Task<IResult> GetAsync(HabeasDb db, KeyRing keys, string recordType, Guid id, CancellationToken cancellationToken)
    {
        if (await LeveledRecords.FindVisibleAsync(db, recordType, id, cancellationToken) is null)
        {
            return LeveledRecords.NotFound(recordType, id);
        }
        var version = await History.PartVersions.CurrentAsync(db, recordType, id, History.PartVersions.Confidential, cancellationToken);
        return Results.Ok(new ConfidentialDto(await ConfidentialFields.ReadAsync(db, keys, recordType, id, cancellationToken), version));
    }

    private static async Task<IResult> PutAsync(
        HabeasDb db,
        KeyRing keys,
        string recordType,
        Guid id,
        ConfidentialInput input,
        CancellationToken cancellationToken
    )
    {
        // A record the caller may not see is not found, whatever was sent: nothing about the input is answered first.
        if (await LeveledRecords.FindVisibleAsync(db, recordType, id, cancellationToken) is null)
        {
            return LeveledRecords.NotFound(recordType, id);
        }
        var values = input.Fields ?? [];
        var validation = ConfidentialFields.Validate(recordType, values);
        if (input.Version is null)
        {
            validation.Add("version", "validation.version");
        }
        if (!validation.IsValid)
        {
            // The messages name fields, never the values sent.
            return validation.Problem();
        }
        if (!await ConfidentialFields.TrySaveAsync(db, keys, recordType, id, values, input.Version!.Value, cancellationToken))
        {
            var since = await ConfidentialFields.SavedSinceAsync(
                db,
                keys,
                recordType,
                id,
                input.Version.Value,
                reveal: false,
                cancellationToken
            );
            return Saving.ConflictProblem(
                since,
                new Problems.Phrase("problem.part.confidential", Problems.Noun(recordType)),
                input.Version
            );
        }
        return Results.Ok(
            new
            {
                id,
                version = await History.PartVersions.CurrentAsync(db, recordType, id, History.PartVersions.Confidential, cancellationToken),
            }
        );
    }
}

/// <summary>What a record page passes to the confidential-details link.</summary>
public sealed record ConfidentialLink(string Segment, Guid Id);
