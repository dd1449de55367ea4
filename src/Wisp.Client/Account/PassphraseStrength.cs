using System.Globalization;
using System.Security.Cryptography;

namespace Wisp.Client.Account;

/// <summary>
/// Whether a new passphrase is strong enough to protect a profile at rest, and if not, why. Every front end (the CLI,
/// the web app) asks <see cref="Check(ReadOnlySpan{char})"/> before it saves a profile under a new passphrase; opening
/// a profile never asks (a profile saved under an older rule still opens). Saving with no passphrase at all stays an
/// explicit choice of the front end (<c>--no-passphrase</c>).
/// </summary>
/// <remarks>
/// <para>The estimate is deliberately simple and documented, not a claim of precision. Each character is worth
/// log2 of the alphabet the passphrase draws from (lower case 26, upper case 26, digits 10, ASCII symbols and space 33,
/// anything else 100), but only when it is not predictable from what came before: the same character again, the next
/// or previous one (<c>abc</c>, <c>321</c>), or a character that completes three already seen (<c>hunter2hunter2</c>).
/// A passphrase needs <see cref="MinLength"/> characters and <see cref="MinBits"/> estimated bits, and its letters
/// must not spell one of a few of the most common passwords (<c>Password2024!</c>). Four unrelated words pass easily;
/// a word with digits stuck on does not.</para>
/// <para>Why not zxcvbn: its .NET port on NuGet (zxcvbn-core 1.1.17) targets .NET Standard 1.x, drags in
/// NETStandard.Library 1.6 with long-superseded System.* packages, has not been released since 2019, and takes the
/// passphrase as a string it copies into many substrings that cannot be wiped. This check works on the span it is given
/// and wipes the one copy it makes.</para>
/// </remarks>
public static class PassphraseStrength
{
    /// <summary>The fewest characters a new passphrase may have (12): short ones fall to an offline search whatever their alphabet.</summary>
    public const int MinLength = 12;

    /// <summary>
    /// The fewest estimated bits of guessing entropy (60): with the vault's memory-hard KDF each guess costs a
    /// noticeable fraction of a second, so 2^60 guesses are beyond any attacker who steals the profile files.
    /// </summary>
    public const double MinBits = 60;

    // The letters of passwords that top every leaked-password list; a passphrase spelling one of these is refused.
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "password", "passphrase", "passwort", "motdepasse", "qwerty", "qwertyuiop", "asdf", "asdfgh", "zxcvbn", "letmein",
        "iloveyou", "welcome", "admin", "administrator", "monkey", "dragon", "football", "baseball", "sunshine", "princess",
        "master", "shadow", "superman", "batman", "trustno", "whatever", "secret", "changeme", "login", "abc", "abcdef",
        "wisp", "session", "hello", "test", "qazwsx", "starwars", "pokemon",
    };

    /// <summary>
    /// Null when <paramref name="passphrase"/> is strong enough for a new profile; else the reason it is not, as a
    /// sentence to show the person choosing it (it never repeats the passphrase).
    /// </summary>
    public static string? Check(ReadOnlySpan<char> passphrase)
    {
        if (passphrase.Length < MinLength)
            return $"the passphrase is too short: {passphrase.Length} characters, at least {MinLength} are needed (four or more unrelated words work well).";
        if (SpellsCommonPassword(passphrase))
            return "the passphrase is a well-known password with a few characters added; choose one nobody would guess, such as four or more unrelated words.";
        var bits = EstimateBits(passphrase);
        if (bits < MinBits)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the passphrase is too easy to guess (about {bits:0} bits by Wisp's estimate, at least {MinBits:0} are needed): make it longer and less repetitive, such as four or more unrelated words.");
        }
        return null;
    }

    /// <summary>The same check over a <see cref="Passphrase"/>.</summary>
    public static string? Check(Passphrase passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return Check(passphrase.Chars);
    }

    /// <summary>Wisp's estimate of the guessing entropy of <paramref name="passphrase"/>, in bits (see the remarks).</summary>
    public static double EstimateBits(ReadOnlySpan<char> passphrase)
    {
        var effective = 0;
        for (var i = 0; i < passphrase.Length; i++)
        {
            if (!Predictable(passphrase, i))
                effective++;
        }
        return effective * Math.Log2(AlphabetSize(passphrase));
    }

    private static bool Predictable(ReadOnlySpan<char> text, int i)
    {
        if (i == 0)
            return false;
        var step = text[i] - text[i - 1];
        if (step is >= -1 and <= 1)
            return true;
        // A character completing three seen earlier repeats a unit already counted.
        return i >= 2 && text[..i].IndexOf(text.Slice(i - 2, 3)) >= 0;
    }

    private static int AlphabetSize(ReadOnlySpan<char> text)
    {
        bool lower = false, upper = false, digit = false, symbol = false, other = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterLower(c)) lower = true;
            else if (char.IsAsciiLetterUpper(c)) upper = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            else if (c is >= ' ' and <= '~') symbol = true;
            else other = true;
        }
        return (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
    }

    private static bool SpellsCommonPassword(ReadOnlySpan<char> passphrase)
    {
        var letters = new char[passphrase.Length];
        try
        {
            var count = 0;
            foreach (var c in passphrase)
            {
                if (char.IsLetter(c))
                    letters[count++] = char.ToLowerInvariant(c);
            }
            if (count == 0)
                return false;
            var lookup = CommonWords.GetAlternateLookup<ReadOnlySpan<char>>();
            return lookup.Contains(letters.AsSpan(0, count));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(letters.AsSpan()));
        }
    }
}
