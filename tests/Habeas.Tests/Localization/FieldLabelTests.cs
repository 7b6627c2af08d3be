using System.Text.Json;
using Habeas.Platform.Confidential;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Localization;

/// <summary>
/// Every field a conflict panel or the history page can name has a label in English and Khmer ("field.{name}"): the
/// fields of every versioned record's history snapshot, of an access list and of the confidential sets.
/// </summary>
public sealed class FieldLabelTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void EveryHistoryAndConflictField_HasAnEnglishAndAKhmerLabel()
    {
        var options = new DbContextOptionsBuilder<Habeas.Platform.Storage.HabeasDb>().UseSqlite("Data Source=:memory:").Options;
        using var db = new Habeas.Platform.Storage.HabeasDb(options, TimeProvider.System);
        var fields = new SortedSet<string>(StringComparer.Ordinal) { "users", "teams" };
        fields.UnionWith(ConfidentialFields.ByRecordType.Values.SelectMany(f => f));
        var types = db
            .Model.GetEntityTypes()
            .Select(t => t.ClrType)
            .Where(t => typeof(IVersioned).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        Assert.True(types.Count >= 15, $"only {types.Count} versioned types");
        foreach (var type in types)
        {
            var record = (IVersioned)Activator.CreateInstance(type)!;
            using var snapshot = JsonDocument.Parse(JsonSerializer.Serialize(record.Snapshot(), Web));
            fields.UnionWith(snapshot.RootElement.EnumerateObject().Select(p => p.Name));
        }

        foreach (var language in Texts.Languages)
        {
            var texts = Texts.Load(language);
            var missing = fields.Where(f => !texts.ContainsKey("field." + f)).ToList();
            Assert.True(missing.Count == 0, $"{language}.json has no label for: {string.Join(", ", missing.Select(f => "field." + f))}");
        }
        var english = Texts.Load("en");
        var khmer = Texts.Load("km");
        Assert.All(fields, f => Assert.NotEqual(english["field." + f], khmer["field." + f]));
    }
}
