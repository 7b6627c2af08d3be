using System.Text.Json;
using Habeas.Core.Dates;
using Habeas.Platform.Shared;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Habeas.Platform.Storage;

/// <summary>Stores a fuzzy date as its EDTF text ("1999-12~").</summary>
public sealed class FuzzyDateConverter() : ValueConverter<FuzzyDate, string>(value => value.ToString(), text => FuzzyDate.Parse(text));

/// <summary>Stores text in several languages as one JSON object.</summary>
public sealed class LocalizedTextConverter()
    : ValueConverter<LocalizedText, string>(
        value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
        json => new LocalizedText(
            JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>()
        )
    );

public sealed class LocalizedTextComparer()
    : ValueComparer<LocalizedText>(
        (a, b) => a == null ? b == null : b != null && a.Count == b.Count && !a.Except(b).Any(),
        value => value.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value)),
        value => new LocalizedText(value)
    );
