using System.Reflection;
using System.Reflection.Emit;
using Habeas.Host;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Habeas.Tests.Architecture;

/// <summary>
/// The folders of src/Habeas are grouped in wings (docs/architecture.md): the platform every feature stands on, the
/// records, the campaigns, publishing, and the host that gathers them. Dependencies run one way. These tests read the
/// compiled program — signatures and the instructions of every method body, views included — so a dependency cannot
/// hide in a method body or a page.
/// </summary>
public sealed class WingTests
{
    private const string Platform = "Platform";
    private const string HostWing = "Host";

    /// <summary>The wings, each with the wings it may use. The platform uses none; nothing uses the host.</summary>
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        [Platform] = [],
        ["Records"] = [Platform],
        ["Campaigns"] = [Platform, "Records"],
        ["Publishing"] = [Platform, "Records", "Campaigns"],
        ["Work"] = [Platform, "Records", "Campaigns"],
        [HostWing] = [Platform, "Records", "Campaigns", "Publishing", "Work"],
    };

    private static readonly Lazy<List<Dependency>> All = new(() => Dependencies(typeof(HabeasApp).Assembly).ToList());

    [Fact]
    public void EveryTypeOfTheProgram_LivesInAWing()
    {
        var outside = typeof(HabeasApp)
            .Assembly.GetTypes()
            .Where(t => Outermost(t) == t && t.Namespace is { } ns && ns.StartsWith("Habeas", StringComparison.Ordinal))
            .Where(t => WingOf(t) is null)
            .Select(t => t.FullName)
            .ToList();
        Assert.True(outside.Count == 0, "Types outside every wing: " + string.Join(", ", outside));
    }

    [Fact]
    public void ThePlatform_NeverUsesAFeature()
    {
        var wrong = All.Value.Where(d => d.FromWing == Platform && d.ToWing != Platform).ToList();
        Assert.True(wrong.Count == 0, Describe("The platform uses features", wrong));
    }

    [Fact]
    public void Wings_UseOnlyTheWingsBeneathThem_SoThereIsNoCycle()
    {
        var wrong = All.Value.Where(d => d.FromWing != d.ToWing && !MayUse[d.FromWing].Contains(d.ToWing)).ToList();
        Assert.True(wrong.Count == 0, Describe("Dependencies against the direction of the wings", wrong));
    }

    [Fact]
    public void TheTest_SeesDependenciesInMethodBodiesAndViews()
    {
        // Guards the reader itself: the person page's view uses the person page's model (Records → Records), and the host
        // gathers the feature's API in a method body only.
        Assert.Contains(All.Value, d =>
            d.From.StartsWith("/Records/People/Details.cshtml", StringComparison.Ordinal)
            && d.To == typeof(Habeas.Records.People.DetailsModel).FullName
        );
        Assert.Contains(All.Value, d => d.From == typeof(ApiEndpoints).FullName && d.ToWing == "Records");
    }

    [Fact]
    public void StorageNamesNoFeature_TheFeaturesDeclareTheirMigrationDataSteps()
    {
        // The data steps after migrations 0010 and 0018 live in Records/Custody; storage finds them by their attribute.
        Assert.Contains("0010_published_custody", Habeas.Platform.Storage.Migrator.MigrationsWithDataSteps);
        Assert.Contains("0018_statistics_and_public_list", Habeas.Platform.Storage.Migrator.MigrationsWithDataSteps);
    }

    private static string Describe(string title, List<Dependency> wrong) =>
        $"{title} ({wrong.Count}):\n"
        + string.Join(
            "\n",
            wrong.GroupBy(d => (d.From, d.To)).Select(g => $"  {g.Key.From} → {g.Key.To}").Order(StringComparer.Ordinal).Take(80)
        );

    internal sealed record Dependency(string From, string FromWing, string To, string ToWing);

    /// <summary>The wing of a type: the second part of its namespace, or for a compiled view the first folder of its path.</summary>
    private static string? WingOf(Type type)
    {
        var outer = Outermost(type);
        if (ViewPath(outer) is { } path)
        {
            var first = path.TrimStart('/').Split('/')[0];
            return MayUse.ContainsKey(first) ? first : null;
        }
        if (outer.Namespace is not { } ns || !ns.StartsWith("Habeas", StringComparison.Ordinal))
        {
            return null;
        }
        if (ns == "Habeas" && outer.Name == "Program")
        {
            return HostWing;
        }
        var parts = ns.Split('.');
        return parts.Length > 1 && MayUse.ContainsKey(parts[1]) ? parts[1] : null;
    }

    private static string? ViewPath(Type type) =>
        type.GetCustomAttributes<RazorCompiledItemMetadataAttribute>().FirstOrDefault(a => a.Key == "Identifier")?.Value;

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }

    private static string NameOf(Type type) => ViewPath(Outermost(type)) ?? Outermost(type).FullName ?? type.Name;

    private static IEnumerable<Dependency> Dependencies(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (WingOf(type) is not { } fromWing)
            {
                continue;
            }
            var seen = new HashSet<Type>();
            foreach (var used in Used(type))
            {
                foreach (var part in Expand(used))
                {
                    if (part.Assembly == assembly && seen.Add(Outermost(part)) && WingOf(part) is { } toWing)
                    {
                        yield return new Dependency(NameOf(type), fromWing, NameOf(part), toWing);
                    }
                }
            }
        }
    }

    /// <summary>A type with its element and generic argument types.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var inner in Expand(element))
            {
                yield return inner;
            }
            yield break;
        }
        if (type.IsGenericParameter)
        {
            yield break;
        }
        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static IEnumerable<Type> Used(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }
        foreach (var contract in type.GetInterfaces())
        {
            yield return contract;
        }
        foreach (var field in type.GetFields(Declared))
        {
            yield return field.FieldType;
        }
        foreach (var property in type.GetProperties(Declared))
        {
            yield return property.PropertyType;
        }
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
            foreach (var used in InBody(method))
            {
                yield return used;
            }
        }
    }

    /// <summary>The types named by the instructions of a method body: calls, fields, new objects, casts, tokens.</summary>
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        if (method.GetMethodBody() is not { } body)
        {
            yield break;
        }
        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var instruction in Il.Instructions(method))
        {
            if (
                instruction.Code.OperandType
                is OperandType.InlineMethod
                    or OperandType.InlineField
                    or OperandType.InlineType
                    or OperandType.InlineTok
            )
            {
                foreach (var used in Resolve(method.Module, instruction.Token, typeArguments, methodArguments))
                {
                    yield return used;
                }
            }
        }
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            yield break;
        }
        switch (member)
        {
            case Type type:
                yield return type;
                break;
            case FieldInfo field:
                yield return field.DeclaringType!;
                yield return field.FieldType;
                break;
            case MethodBase called:
                if (called.DeclaringType is { } owner)
                {
                    yield return owner;
                }
                if (called is MethodInfo { IsGenericMethod: true } generic)
                {
                    foreach (var argument in generic.GetGenericArguments())
                    {
                        yield return argument;
                    }
                }
                break;
        }
    }
}
