using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Front;

/// <summary>
/// An Account ID a person typed or pasted: parsed by <see cref="AccountId"/>, and when it is not one, a sentence that
/// says exactly what is wrong with it (a character lost in copying, the key without its 05, a community's blinded ID).
/// The CLI and the web app give the same sentence.
/// </summary>
public static class AccountIdText
{
    /// <summary>What an Account ID is, in words.</summary>
    public const string WhatItIs = "an Account ID is 66 hex characters, 05 followed by 64";

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Parses <paramref name="text"/> (surrounding spaces ignored); on failure, <paramref name="error"/> explains it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AccountId? accountId, [NotNullWhen(false)] out string? error)
    {
        if (AccountId.TryParse(text?.Trim(), out accountId, out var parseError))
        {
            error = null;
            return true;
        }
        error = Explain(text?.Trim(), parseError);
        return false;
    }

    /// <summary>What is wrong with <paramref name="text"/> as an Account ID, with <see cref="AccountId"/>'s own reason as the fallback.</summary>
    public static string Explain(string? text, string parseError)
    {
        if (string.IsNullOrEmpty(text))
            return $"no Account ID given; {WhatItIs}.";
        var shown = Shorten(text);
        var badIndex = text.AsSpan().IndexOfAnyExcept(HexDigits);
        if (badIndex >= 0)
            return $"'{shown}' is not an Account ID: character {badIndex + 1} is '{text[badIndex]}', and {WhatItIs}.";
        if (text.Length != AccountId.HexLength)
        {
            var keyAlone = text.Length == AccountId.HexLength - 2 && !text.StartsWith("05", StringComparison.Ordinal)
                ? " If it is the key alone, put 05 in front of it."
                : text.Length < AccountId.HexLength ? " Some characters were probably lost in copying." : "";
            return $"'{shown}' is {text.Length} hex characters; an Account ID is {AccountId.HexLength} (05 followed by {AccountId.HexLength - 2}).{keyAlone}";
        }
        if (!text.StartsWith("05", StringComparison.Ordinal))
        {
            var kind = text[..2] switch
            {
                "15" or "25" => " (a blinded ID, as a community shows its members: it cannot receive messages)",
                "03" => " (a group's ID, not a person's)",
                _ => "",
            };
            return $"'{shown}' starts with {text[..2]}{kind}; an Account ID starts with 05.";
        }
        return $"'{shown}' is not an Account ID: {parseError}";
    }

    /// <summary>Long input is shown by its two ends, enough to recognise it without filling the line.</summary>
    private static string Shorten(string text) => text.Length <= 24 ? text : $"{text[..12]}…{text[^8..]}";
}
