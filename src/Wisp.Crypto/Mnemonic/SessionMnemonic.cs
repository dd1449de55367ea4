using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Wisp.Crypto.Mnemonic;

/// <summary>
/// Session's recovery phrase: 16 bytes as 12 words of the 1626-word Electrum/Monero English list plus one
/// checksum word, 13 in all. Each 4-byte little-endian chunk x becomes three words
/// <c>w1 = x mod N</c>, <c>w2 = (x/N + w1) mod N</c>, <c>w3 = (x/N/N + w2) mod N</c> (N = 1626). The checksum
/// word repeats data word number <c>CRC-32(first three letters of each data word) mod 12</c>. Words are matched
/// on their first three letters, ignoring case, so a typo past the third letter is harmless.
/// </summary>
public static class SessionMnemonic
{
    /// <summary>Words in a Session phrase.</summary>
    public const int WordCount = 13;

    /// <summary>Bytes a Session phrase carries.</summary>
    public const int EntropyBytes = 16;

    /// <summary>The Ed25519 seed Session makes of a phrase: the 16 bytes, then 16 zero bytes.</summary>
    public const int SeedBytes = 32;

    private const int ListSize = 1626;
    private const int BytesPerGroup = 4;
    private const int WordsPerGroup = 3;

    /// <summary>The 13 words of 16 bytes of entropy.</summary>
    public static string[] Encode(ReadOnlySpan<byte> entropy)
    {
        if (entropy.Length != EntropyBytes)
            throw new ArgumentException($"A Session phrase encodes {EntropyBytes} bytes; got {entropy.Length}.", nameof(entropy));
        return EncodeWords(entropy, withChecksum: true);
    }

    /// <summary>
    /// Decodes 13 words into the 16 bytes of <paramref name="entropy"/>. On failure, <paramref name="error"/>
    /// names the problem and the word.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<string> words, Span<byte> entropy, [NotNullWhen(false)] out RecoveryPhraseError? error)
    {
        if (entropy.Length != EntropyBytes)
            throw new ArgumentException($"A Session phrase decodes to {EntropyBytes} bytes; got a {entropy.Length}-byte buffer.", nameof(entropy));
        if (words.Length != WordCount)
        {
            error = PhraseWord.WrongCount("Session phrase", $"{WordCount} words", words.Length);
            return false;
        }
        return TryDecodeWords(words, withChecksum: true, entropy, out error);
    }

    /// <summary>Session's Ed25519 seed of a phrase's 16 bytes: those bytes followed by 16 zero bytes.</summary>
    public static void ToSeed(ReadOnlySpan<byte> entropy, Span<byte> seed)
    {
        if (entropy.Length != EntropyBytes)
            throw new ArgumentException($"A Session phrase carries {EntropyBytes} bytes; got {entropy.Length}.", nameof(entropy));
        if (seed.Length != SeedBytes)
            throw new ArgumentException($"An Ed25519 seed is {SeedBytes} bytes; got {seed.Length}.", nameof(seed));
        entropy.CopyTo(seed);
        seed[EntropyBytes..].Clear();
    }

    /// <summary>Any multiple of 4 bytes as words, with or without the checksum word (libsession's general form).</summary>
    internal static string[] EncodeWords(ReadOnlySpan<byte> data, bool withChecksum)
    {
        if (data.Length == 0 || data.Length % BytesPerGroup != 0)
            throw new ArgumentException($"The data is a non-zero multiple of {BytesPerGroup} bytes; got {data.Length}.", nameof(data));
        var list = WordList.ElectrumEnglish;
        var dataWords = data.Length / BytesPerGroup * WordsPerGroup;
        var words = new string[dataWords + (withChecksum ? 1 : 0)];
        for (var group = 0; group < data.Length / BytesPerGroup; group++)
        {
            uint x = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(group * BytesPerGroup, BytesPerGroup));
            var w1 = x % ListSize;
            var w2 = (x / ListSize + w1) % ListSize;
            var w3 = (x / ListSize / ListSize + w2) % ListSize;
            words[group * WordsPerGroup] = list[(int)w1];
            words[group * WordsPerGroup + 1] = list[(int)w2];
            words[group * WordsPerGroup + 2] = list[(int)w3];
        }
        if (withChecksum)
            words[dataWords] = words[ChecksumIndex(words.AsSpan(0, dataWords))];
        return words;
    }

    /// <summary>Decodes 3k words (or 3k + 1 with the checksum word) into 4k bytes.</summary>
    internal static bool TryDecodeWords(
        ReadOnlySpan<string> words, bool withChecksum, Span<byte> data, [NotNullWhen(false)] out RecoveryPhraseError? error)
    {
        var dataWords = words.Length - (withChecksum ? 1 : 0);
        if (dataWords <= 0 || dataWords % WordsPerGroup != 0 || data.Length != dataWords / WordsPerGroup * BytesPerGroup)
            throw new ArgumentException($"{words.Length} words do not fit a {data.Length}-byte buffer.", nameof(data));

        var list = WordList.ElectrumEnglish;
        Span<int> indices = words.Length <= 64 ? stackalloc int[words.Length] : new int[words.Length];
        try
        {
            for (var i = 0; i < words.Length; i++)
            {
                if (!TryFindWord(words[i], i + 1, out indices[i], out error))
                    return false;
            }

            for (var group = 0; group < dataWords / WordsPerGroup; group++)
            {
                ulong w1 = (ulong)indices[group * WordsPerGroup];
                ulong w2 = (ulong)indices[group * WordsPerGroup + 1];
                ulong w3 = (ulong)indices[group * WordsPerGroup + 2];
                var x = w1 + ListSize * ((ListSize - w1 + w2) % ListSize) + ListSize * ListSize * ((ListSize - w2 + w3) % ListSize);
                if (x > uint.MaxValue)
                {
                    var first = group * WordsPerGroup + 1;
                    error = new RecoveryPhraseError(RecoveryPhraseErrorKind.InvalidWordGroup,
                        $"Words {first}–{first + 2} ('{PhraseWord.Quote(words[first - 1])} {PhraseWord.Quote(words[first])} " +
                        $"{PhraseWord.Quote(words[first + 1])}') do not form a valid group: one of them is wrong.")
                    {
                        Position = first,
                    };
                    data.Clear();
                    return false;
                }
                BinaryPrimitives.WriteUInt32LittleEndian(data.Slice(group * BytesPerGroup, BytesPerGroup), (uint)x);
            }

            if (withChecksum)
            {
                Span<string> canonical = new string[dataWords];
                for (var i = 0; i < dataWords; i++)
                    canonical[i] = list[indices[i]];
                var expected = indices[ChecksumIndex(canonical)];
                if (indices[dataWords] != expected)
                {
                    var typed = PhraseWord.Quote(words[dataWords]);
                    error = new RecoveryPhraseError(RecoveryPhraseErrorKind.WrongChecksum,
                        $"The checksum does not match: word {words.Length}, '{typed}', is not the checksum of the " +
                        $"{dataWords} words before it. A word is wrong or two words are swapped.")
                    {
                        Position = words.Length,
                        Word = typed,
                    };
                    data.Clear();
                    return false;
                }
            }
            error = null;
            return true;
        }
        finally
        {
            indices.Clear();
        }
    }

    /// <summary>The index of the data word the checksum word repeats.</summary>
    private static int ChecksumIndex(ReadOnlySpan<string> dataWords)
    {
        var prefixLength = WordList.ElectrumEnglish.PrefixLength;
        var length = dataWords.Length * prefixLength;
        Span<byte> prefixes = length <= 256 ? stackalloc byte[length] : new byte[length];
        try
        {
            for (var i = 0; i < dataWords.Length; i++)
                Encoding.ASCII.GetBytes(dataWords[i].AsSpan(0, prefixLength), prefixes.Slice(i * prefixLength, prefixLength));
            return (int)(Crc32.Compute(prefixes) % (uint)dataWords.Length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prefixes);
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
        if (WordList.ElectrumEnglish.TryFind(word, out index))
        {
            error = null;
            return true;
        }
        var quoted = PhraseWord.Quote(word);
        error = new RecoveryPhraseError(RecoveryPhraseErrorKind.UnknownWord,
            $"Word {position}, '{quoted}', is not in Session's word list (words are matched on their first three letters).")
        {
            Position = position,
            Word = quoted,
        };
        return false;
    }
}
