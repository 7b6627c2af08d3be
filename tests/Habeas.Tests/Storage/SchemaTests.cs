using System.Data.Common;
using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Storage;

public sealed class SchemaTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task MigratedSchema_MatchesTheModel_TableByTableColumnByColumn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = Open(database);
        var applied = await Migrator.MigrateAsync(db);
        Assert.NotEmpty(applied);

        var actual = await ReadSchemaAsync(db, provider);
        var expected = db
            .Model.GetRelationalModel()
            .Tables.ToDictionary(t => t.Name, t => t.Columns.ToDictionary(c => c.Name, c => c.IsNullable));

        var problems = new List<string>();
        foreach (var (table, columns) in expected)
        {
            if (!actual.TryGetValue(table, out var found))
            {
                problems.Add($"table {table} is in the model but no migration creates it");
                continue;
            }
            foreach (var (column, nullable) in columns)
            {
                if (!found.TryGetValue(column, out var actualNullable))
                {
                    problems.Add($"{table}.{column} is in the model but not in the migrated schema");
                }
                else if (actualNullable != nullable)
                {
                    problems.Add($"{table}.{column} is {(nullable ? "nullable" : "required")} in the model but not in the schema");
                }
            }
            problems.AddRange(found.Keys.Except(columns.Keys).Select(c => $"{table}.{c} is in the migrated schema but not in the model"));
        }
        problems.AddRange(
            actual
                .Keys.Except(expected.Keys)
                .Where(t => t != "schema_migrations")
                .Select(t => $"table {t} is migrated but not in the model")
        );
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Migrate_OnAnUpToDateDatabase_AppliesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = Open(database);
        await Migrator.MigrateAsync(db);
        Assert.Empty(await Migrator.MigrateAsync(db));
    }

    [Fact]
    public void MigrationScripts_ExistForBothProviders_WithTheSameIds()
    {
        var sqlite = Migrator.Scripts("sqlite").Select(s => s.Id).ToList();
        var postgres = Migrator.Scripts("postgres").Select(s => s.Id).ToList();
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
    }

    internal static HabeasDb Open(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<HabeasDb>();
        database.Storage.Configure(options);
        return new HabeasDb(options.Options, TimeProvider.System) { Viewer = Habeas.Platform.Access.Viewer.System };
    }

    private static async Task<Dictionary<string, Dictionary<string, bool>>> ReadSchemaAsync(HabeasDb db, string provider)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var result = new Dictionary<string, Dictionary<string, bool>>();
        var sql =
            provider == TestDatabase.Sqlite
                ? "SELECT m.name, p.name, p.\"notnull\" = 0 AND p.pk = 0 FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
                : "SELECT table_name, column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_schema = 'public'";
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            if (!result.TryGetValue(table, out var columns))
            {
                result[table] = columns = [];
            }
            columns[reader.GetString(1)] = Convert.ToBoolean(reader.GetValue(2));
        }
        return result;
    }
}
