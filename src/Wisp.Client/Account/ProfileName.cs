using System.Diagnostics.CodeAnalysis;

namespace Wisp.Client.Account;

/// <summary>
/// The name of one account on this machine (<c>--profile NAME</c>): 1 to 32 characters from <c>a–z</c>, <c>0–9</c>,
/// <c>_</c> and <c>-</c>. It names a directory, so nothing else is allowed (no dots, slashes or upper case).
/// </summary>
public sealed record ProfileName
{
    /// <summary>The most characters a name may have.</summary>
    public const int MaxLength = 32;

    /// <summary>The profile used when none is named.</summary>
    public static ProfileName Default { get; } = new("default");

    private ProfileName(string value) => Value = value;

    /// <summary>The name.</summary>
    public string Value { get; }

    /// <summary>Checks a name; on failure, <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ProfileName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a profile name cannot be empty.";
            return false;
        }
        if (text.Length > MaxLength)
        {
            error = $"a profile name has at most {MaxLength} characters; '{Shorten(text)}' has {text.Length}.";
            return false;
        }
        foreach (var c in text)
        {
            if (!IsAllowed(c))
            {
                error = $"a profile name may contain only a-z, 0-9, '_' and '-'; '{text}' contains '{c}'.";
                return false;
            }
        }
        name = new ProfileName(text);
        error = null;
        return true;
    }

    /// <summary>Checks a name; throws <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static ProfileName Parse(string text) =>
        TryParse(text, out var name, out var error) ? name : throw new ArgumentException(error, nameof(text));

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-';

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The name.</summary>
    public override string ToString() => Value;
}
