using System.Diagnostics.CodeAnalysis;
using Wisp.Client.Front;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary>
/// An Account ID typed on the command line: parsed by <see cref="AccountId"/>, and when it is not one, an error that
/// says exactly what is wrong with it and what an Account ID is, so that a person can see the slip (a character lost in
/// copying, the key without its 05, a community's blinded ID).
/// </summary>
internal static class AccountIdInput
{
    /// <summary>Nicknames are at most this long (the conversation store's limit); anything longer can only be meant as an ID.</summary>
    private const int LongestNickname = 32;

    /// <summary>Parses <paramref name="text"/> (surrounding spaces ignored); on failure, <paramref name="error"/> explains it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AccountId? accountId, [NotNullWhen(false)] out string? error) =>
        AccountIdText.TryParse(text, out accountId, out error);

    /// <summary>
    /// True when <paramref name="text"/> can only have been meant as an Account ID, not a nickname: longer than any
    /// nickname, or a long run of hex digits.
    /// </summary>
    public static bool LooksLikeAnAccountId(string text)
    {
        text = text.Trim();
        return text.Length > LongestNickname || (text.Length >= 20 && text.All(char.IsAsciiHexDigit));
    }

    /// <summary>What is wrong with <paramref name="text"/> as an Account ID (the SDK's sentence, which the web app gives too).</summary>
    public static string Explain(string? text, string parseError) => AccountIdText.Explain(text, parseError);

    /// <summary>
    /// The account <paramref name="text"/> names where a nickname is accepted too (send, chat, contacts remove): an
    /// Account ID or a contact's nickname; when neither, an error that explains the Account ID if it looks like one.
    /// </summary>
    public static bool TryResolvePeer(
        ClientContacts contacts, string text, [NotNullWhen(true)] out AccountId? peer, [NotNullWhen(false)] out string? error)
    {
        if (contacts.TryResolve(text.Trim(), out peer, out _))
        {
            error = null;
            return true;
        }
        error = NeitherIdNorNickname(text);
        return false;
    }

    /// <summary>The error for text that is neither an Account ID nor a contact's nickname.</summary>
    public static string NeitherIdNorNickname(string text)
    {
        if (LooksLikeAnAccountId(text))
        {
            AccountId.TryParse(text.Trim(), out _, out var parseError);
            return Explain(text.Trim(), parseError ?? "");
        }
        return $"'{text}' is neither a contact's nickname nor an Account ID ({WhatItIs}); "
            + $"add a contact with `wisp contacts add <AccountID> {text}`.";
    }

    private const string WhatItIs = AccountIdText.WhatItIs;
}
