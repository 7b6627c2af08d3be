using Habeas.Campaigns.Actions;
using Habeas.Core.Letters;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;

namespace Habeas.Campaigns.Act;

/// <summary>What a supporter typed, checked the same way wherever it is posted: bounded, no control characters.</summary>
public static class SupporterInput
{
    /// <summary>Adds the reader-language message for a problem with one field to <paramref name="errors"/>.</summary>
    public static void Check(
        Dictionary<string, string> errors,
        Texts texts,
        string field,
        string? value,
        int max,
        bool required,
        bool multiline = false
    )
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors[field] = texts["act.error.required"];
            return;
        }
        switch (SupporterText.Check(value, max, multiline))
        {
            case SupporterText.Problem.TooLong:
                errors[field] = texts.Format("act.error.tooLong", max);
                break;
            case SupporterText.Problem.ControlCharacters:
                errors[field] = texts["act.error.control"];
                break;
        }
    }
}

/// <summary>The letter builder on the public page: which target, the supporter's name and town.</summary>
public sealed class LetterForm
{
    public required Guid ActionId { get; init; }
    public required IReadOnlyList<CampaignTarget> Targets { get; init; }
    public Guid? Target { get; init; }
    public string? Name { get; init; }
    public string? Town { get; init; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool Validate(Texts texts)
    {
        if (Target is null || Targets.All(t => t.Id != Target))
        {
            Errors["target"] = texts["act.error.target"];
        }
        SupporterInput.Check(Errors, texts, "name", Name, SupporterText.MaxName, required: true);
        SupporterInput.Check(Errors, texts, "town", Town, SupporterText.MaxTown, required: false);
        return Errors.Count == 0;
    }
}

/// <summary>The card form: the message, a first name to sign with, a country, and the guidance to follow.</summary>
public sealed class CardForm
{
    public required Guid ActionId { get; init; }
    public required string Guidance { get; init; }
    public string? Message { get; init; }
    public string? SignedAs { get; init; }
    public string? Country { get; init; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool Validate(Texts texts)
    {
        SupporterInput.Check(Errors, texts, "message", Message, SupporterText.MaxMessage, required: true, multiline: true);
        SupporterInput.Check(Errors, texts, "signedAs", SignedAs, SupporterText.MaxName, required: true);
        if (!string.IsNullOrWhiteSpace(Country) && Countries.Known(Country) is null)
        {
            Errors["country"] = texts["act.error.country"];
        }
        return Errors.Count == 0;
    }
}
