using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Mnemonic;

/// <summary>
/// An account's recovery phrase. New accounts show their 32-byte Ed25519 seed as 24 BIP39 English words (the seed
/// is the BIP39 entropy itself; see <see cref="Bip39"/>). Restoring also accepts Session's 13-word phrase
/// (see <see cref="SessionMnemonic"/>). The kind is told by the word count.
/// </summary>
public static class RecoveryPhrase
{
    /// <summary>Words in a Wisp phrase.</summary>
    public const int WordCount = 24;

    /// <summary>The word counts <see cref="TryParse"/> accepts, as they read in messages.</summary>
    private const string AcceptedCounts = "24 words (or 13 for a Session phrase)";

    /// <summary>The 24 words of a 32-byte Ed25519 seed, separated by single spaces.</summary>
    public static string Create(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519KeyPair.SeedBytes)
            throw new ArgumentException($"An Ed25519 seed is {Ed25519KeyPair.SeedBytes} bytes; got {seed.Length}.", nameof(seed));
        return string.Join(' ', Bip39.Encode(seed));
    }

    /// <summary>
    /// Reads a phrase: words separated by any whitespace, in any ASCII case. 24 words are a BIP39 phrase, 13 a
    /// Session phrase. On failure, <paramref name="error"/> names the problem and, where one word is at fault, the word.
    /// </summary>
    public static bool TryParse(
        string? phrase, [NotNullWhen(true)] out RecoveredSeed? seed, [NotNullWhen(false)] out RecoveryPhraseError? error)
    {
        seed = null;
        // Count before splitting, so a pasted novel costs one pass and no allocation.
        var count = phrase is null ? 0 : CountWords(phrase);
        if (count is not (WordCount or SessionMnemonic.WordCount))
        {
            error = PhraseWord.WrongCount("recovery phrase", AcceptedCounts, count);
            return false;
        }

        var words = phrase!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        Span<byte> bytes = stackalloc byte[Ed25519KeyPair.SeedBytes];
        try
        {
            if (count == WordCount)
            {
                if (!Bip39.TryDecode(words, bytes, out _, out error))
                    return false;
                seed = new RecoveredSeed(RecoveryPhraseKind.Bip39, bytes);
                return true;
            }

            if (!SessionMnemonic.TryDecode(words, bytes[..SessionMnemonic.EntropyBytes], out error))
                return false;
            SessionMnemonic.ToSeed(bytes[..SessionMnemonic.EntropyBytes], bytes);
            seed = new RecoveredSeed(RecoveryPhraseKind.Session, bytes);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Reads a phrase as <see cref="TryParse"/> does; throws <see cref="RecoveryPhraseException"/> saying what is wrong.</summary>
    public static RecoveredSeed Parse(string phrase) =>
        TryParse(phrase, out var seed, out var error) ? seed : throw new RecoveryPhraseException(error);

    private static int CountWords(string phrase)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in phrase)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
                count++;
            inWord = !space;
        }
        return count;
    }
}
