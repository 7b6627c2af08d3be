namespace Habeas.Core.Custody;

/// <summary>A person's custody situation on a day. Derived from events, never typed in.</summary>
public enum CustodyStatus
{
    Free,
    PoliceCustody,
    PreTrialDetention,
    ServingSentence,
    AdministrativeDetention,
    HouseArrest,
    Bail,

    /// <summary>Convicted, sentence suspended, case possibly still open on appeal ("legal limbo").</summary>
    SuspendedSentence,
    Exile,
    Disappeared,
    Deceased,
}

/// <summary>The API codes of <see cref="CustodyStatus"/> ("free", "police-custody", …) and what they mean.</summary>
public static class CustodyStatuses
{
    private static readonly Dictionary<CustodyStatus, string> Codes = new()
    {
        [CustodyStatus.Free] = "free",
        [CustodyStatus.PoliceCustody] = "police-custody",
        [CustodyStatus.PreTrialDetention] = "pre-trial-detention",
        [CustodyStatus.ServingSentence] = "serving-sentence",
        [CustodyStatus.AdministrativeDetention] = "administrative-detention",
        [CustodyStatus.HouseArrest] = "house-arrest",
        [CustodyStatus.Bail] = "bail",
        [CustodyStatus.SuspendedSentence] = "suspended-sentence",
        [CustodyStatus.Exile] = "exile",
        [CustodyStatus.Disappeared] = "disappeared",
        [CustodyStatus.Deceased] = "deceased",
    };

    private static readonly Dictionary<string, CustodyStatus> ByCode = Codes.ToDictionary(
        pair => pair.Value,
        pair => pair.Key,
        StringComparer.Ordinal
    );

    public static IReadOnlyList<CustodyStatus> All { get; } = Array.AsReadOnly(Enum.GetValues<CustodyStatus>());

    public static string Code(CustodyStatus status) =>
        Codes.TryGetValue(status, out var code) ? code : throw new ArgumentOutOfRangeException(nameof(status), status, null);

    /// <summary>Reads an API code; exact, lower-case kebab-case match only.</summary>
    public static bool TryParse(string? code, out CustodyStatus status) => ByCode.TryGetValue(code ?? "", out status);

    /// <summary>
    /// True for the statuses counted as detention in "days detained" and "detained on": police custody,
    /// pre-trial detention, administrative detention, serving a sentence and house arrest.
    /// </summary>
    public static bool IsDeprivedOfLiberty(CustodyStatus status) =>
        status
            is CustodyStatus.PoliceCustody
                or CustodyStatus.PreTrialDetention
                or CustodyStatus.AdministrativeDetention
                or CustodyStatus.ServingSentence
                or CustodyStatus.HouseArrest;
}
