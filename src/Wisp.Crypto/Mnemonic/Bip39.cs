using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Wisp.Crypto.Mnemonic;

/// <summary>
/// BIP39 English mnemonics: entropy of 16, 20, 24, 28 or 32 bytes as 12–24 words from the 2048-word list, each
/// word 11 bits, the last bits a SHA-256 checksum of the entropy (one bit per 32 bits of entropy).
/// </summary>
/// <remarks>
/// Wisp encodes and decodes only the entropy. BIP39's PBKDF2 "seed" (2048 rounds of HMAC-SHA512 over the words
/// and a passphrase) is not used: Wisp's Ed25519 seed is the 32 bytes of entropy itself, so a 24-word phrase
/// and the account key are the same secret in two spellings. This is Wisp's own choice, and it means a Wisp
/// phrase restored in a Bitcoin wallet yields unrelated keys, and the other way round.
/// </remarks>
public static class Bip39
{
    /// <summary>Bits a word carries.</summary>
    private const int BitsPerWord = 11;

    /// <summary>The word counts BIP39 defines, as they read in messages.</summary>
    private const string AcceptedCounts = "12, 15, 18, 21 or 24 words";

    /// <summary>The most entropy a phrase carries (24 words).</summary>
    public const int MaxEntropyBytes = 32;

    /// <summary>Words in the phrase of <paramref name="entropyBytes"/> bytes (16, 20, 24, 28 or 32).</summary>
    public static int WordCountFor(int entropyBytes) => entropyBytes * 8 * 33 / 32 / BitsPerWord;

    /// <summary>The words of <paramref name="entropy"/> (16, 20, 24, 28 or 32 bytes), lowercase.</summary>
    public static string[] Encode(ReadOnlySpan<byte> entropy)
    {
        if (entropy.Length is not (16 or 20 or 24 or 28 or 32))
            throw new ArgumentException($"BIP39 entropy is 16, 20, 24, 28 or 32 bytes; got {entropy.Length}.", nameof(entropy));
        // entropy ‖ checksum: the checksum is at most 8 bits, so the first hash byte covers it.
        Span<byte> bits = stackalloc byte[MaxEntropyBytes + 1];
        Span<byte> hash = stackalloc byte[MnemonicSha256.HashBytes];
        try
        {
            entropy.CopyTo(bits);
            MnemonicSha256.Hash(entropy, hash);
            bits[entropy.Length] = hash[0];
            var words = new string[WordCountFor(entropy.Length)];
            for (var i = 0; i < words.Length; i++)
                words[i] = WordList.Bip39English[ReadBits(bits, i * BitsPerWord)];
            return words;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bits);
            CryptographicOperations.ZeroMemory(hash);
        }
    }

    /// <summary>
    /// Decodes 12–24 words (ASCII case ignored) into <paramref name="entropy"/>, which must hold
    /// <see cref="MaxEntropyBytes"/>; <paramref name="bytesWritten"/> is how many bytes the phrase carried.
    /// On failure, <paramref name="error"/> names the problem and the word.
    /// </summary>
    public static bool TryDecode(
        ReadOnlySpan<string> words, Span<byte> entropy, out int bytesWritten, [NotNullWhen(false)] out RecoveryPhraseError? error)
    {
        if (entropy.Length < MaxEntropyBytes)
            throw new ArgumentException($"The entropy buffer must hold {MaxEntropyBytes} bytes; got {entropy.Length}.", nameof(entropy));
        bytesWritten = 0;
        if (words.Length is not (12 or 15 or 18 or 21 or 24))
        {
            error = PhraseWord.WrongCount("BIP39 phrase", AcceptedCounts, words.Length);
            return false;
        }

        Span<byte> bits = stackalloc byte[MaxEntropyBytes + 1];
        Span<byte> hash = stackalloc byte[MnemonicSha256.HashBytes];
        bits.Clear();
        try
        {
            for (var i = 0; i < words.Length; i++)
            {
                if (!TryFindWord(words[i], i + 1, out var index, out error))
                    return false;
                WriteBits(bits, i * BitsPerWord, index);
            }

            var entropyBytes = words.Length * BitsPerWord * 32 / 33 / 8;
            var checksumBits = entropyBytes / 4;
            MnemonicSha256.Hash(bits[..entropyBytes], hash);
            var expected = hash[0] >> (8 - checksumBits);
            var actual = bits[entropyBytes] >> (8 - checksumBits);
            if (expected != actual)
            {
                var last = words[^1];
                error = new RecoveryPhraseError(RecoveryPhraseErrorKind.WrongChecksum,
                    $"The checksum does not match: the last word, '{PhraseWord.Quote(last)}', does not fit the words before it. " +
                    "A word is wrong or two words are swapped.")
                {
                    Position = words.Length,
                    Word = PhraseWord.Quote(last),
                };
                return false;
            }
            bits[..entropyBytes].CopyTo(entropy);
            bytesWritten = entropyBytes;
            error = null;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bits);
            CryptographicOperations.ZeroMemory(hash);
        }
    }

    private static bool TryFindWord(string word, int position, out int index, [NotNullWhen(false)] out RecoveryPhraseError? error)
    {
        if (!PhraseWord.IsLetters(word))
        {
            index = -1;
            error = PhraseWord.InvalidCharacter(word, position);
            return false;
        }
        if (WordList.Bip39English.TryFind(word, out index))
        {
            error = null;
            return true;
        }
        var suggestion = WordSuggestion.ForBip39(word);
        var quoted = PhraseWord.Quote(word);
        error = new RecoveryPhraseError(RecoveryPhraseErrorKind.UnknownWord,
            $"Word {position}, '{quoted}', is not in the BIP39 English word list" +
            (suggestion is null ? "." : $"; did you mean '{suggestion}'?"))
        {
            Position = position,
            Word = quoted,
            Suggestion = suggestion,
        };
        return false;
    }

    /// <summary>Reads the 11-bit big-endian group starting at bit <paramref name="offset"/>.</summary>
    private static int ReadBits(ReadOnlySpan<byte> bytes, int offset)
    {
        var value = 0;
        for (var i = 0; i < BitsPerWord; i++)
        {
            var bit = offset + i;
            value = (value << 1) | ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1);
        }
        return value;
    }

    /// <summary>Writes <paramref name="value"/> as 11 big-endian bits starting at bit <paramref name="offset"/>.</summary>
    private static void WriteBits(Span<byte> bytes, int offset, int value)
    {
        for (var i = 0; i < BitsPerWord; i++)
        {
            var bit = offset + i;
            if (((value >> (BitsPerWord - 1 - i)) & 1) != 0)
                bytes[bit >> 3] |= (byte)(0x80 >> (bit & 7));
        }
    }
}
