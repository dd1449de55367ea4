using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wisp.Cli.Tests.Support;

/// <summary>Checks that a JSON document names every property in snake_case, at every depth.</summary>
internal static partial class JsonNames
{
    /// <summary>The property names of <paramref name="json"/> (every depth) that are not snake_case.</summary>
    public static IReadOnlyList<string> NotSnakeCase(string json)
    {
        using var document = JsonDocument.Parse(json);
        var wrong = new List<string>();
        Walk(document.RootElement, wrong);
        return wrong;
    }

    /// <summary>Every property name of every object, at every depth.</summary>
    public static IReadOnlyList<string> All(string json)
    {
        using var document = JsonDocument.Parse(json);
        var names = new List<string>();
        Collect(document.RootElement, names);
        return names;
    }

    private static void Walk(JsonElement element, List<string> wrong)
    {
        var names = new List<string>();
        Collect(element, names);
        wrong.AddRange(names.Where(name => !SnakeCase().IsMatch(name)));
    }

    private static void Collect(JsonElement element, List<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    names.Add(property.Name);
                    Collect(property.Value, names);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Collect(item, names);
                break;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
