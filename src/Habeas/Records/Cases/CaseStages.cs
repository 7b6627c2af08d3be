namespace Habeas.Records.Cases;

/// <summary>Where a case stands in its procedure, derived from its events in date order.</summary>
public static class CaseStages
{
    public static readonly string[] All = ["investigation", "trial", "convicted", "acquitted", "appeal", "decided-on-appeal", "closed"];

    public static string Of(IEnumerable<(string Type, string? Decision)> events)
    {
        var stage = "investigation";
        foreach (var (type, decision) in events)
        {
            stage = (type, decision) switch
            {
                ("hearing", _) when stage == "investigation" => "trial",
                ("verdict", "acquitted") => "acquitted",
                ("verdict", _) => "convicted",
                ("appeal-filed", _) => "appeal",
                ("appeal-decision", "retrial") => "trial",
                ("appeal-decision", _) => "decided-on-appeal",
                _ => stage,
            };
        }
        return stage;
    }
}
