using System.Reflection;

namespace Wisp.Crypto.Mnemonic;

/// <summary>
/// A recovery-phrase word list, embedded in this assembly (see Words/README.md for where the lists come from).
/// Lookups ignore ASCII case and, for lists with a prefix length, compare only that many leading letters.
/// </summary>
internal sealed class WordList
{
    /// <summary>No word in either list is longer than this; a longer input is simply not a word.</summary>
    private const int MaxWordLength = 16;

    private static readonly Lazy<WordList> s_bip39English =
        new(() => Load("bip39-english-2048.txt", expectedCount: 2048, prefixLength: 0));

    private static readonly Lazy<WordList> s_electrumEnglish =
        new(() => Load("electrum-english-1626.txt", expectedCount: 1626, prefixLength: 3));

    private readonly string[] _words;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private WordList(string[] words, int prefixLength)
    {
        _words = words;
        PrefixLength = prefixLength;
        var keys = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            var key = prefixLength == 0 ? words[i] : words[i][..prefixLength];
            if (!keys.TryAdd(key, i))
                throw new InvalidOperationException($"Word list defect: '{words[i]}' repeats the key '{key}'.");
        }
        _lookup = keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The 2048-word BIP39 English list (whole-word matching).</summary>
    public static WordList Bip39English => s_bip39English.Value;

    /// <summary>Session's 1626-word Electrum/Monero English list (3-letter prefix matching).</summary>
    public static WordList ElectrumEnglish => s_electrumEnglish.Value;

    /// <summary>How many leading letters identify a word; 0 means the whole word.</summary>
    public int PrefixLength { get; }

    /// <summary>Number of words.</summary>
    public int Count => _words.Length;

    /// <summary>The word at <paramref name="index"/>.</summary>
    public string this[int index] => _words[index];

    /// <summary>All words, in list order.</summary>
    public ReadOnlySpan<string> Words => _words;

    /// <summary>Finds a typed word, ignoring ASCII case; false for anything not in the list.</summary>
    public bool TryFind(ReadOnlySpan<char> typed, out int index)
    {
        index = -1;
        var keyLength = PrefixLength == 0 ? typed.Length : PrefixLength;
        if (typed.Length < keyLength || keyLength > MaxWordLength || keyLength == 0)
            return false;
        Span<char> key = stackalloc char[keyLength];
        for (var i = 0; i < keyLength; i++)
        {
            if (!char.IsAsciiLetter(typed[i]))
                return false;
            key[i] = char.ToLowerInvariant(typed[i]);
        }
        return _lookup.TryGetValue(key, out index);
    }

    private static WordList Load(string fileName, int expectedCount, int prefixLength)
    {
        // An embedded resource, not a file: reading it is part of loading this assembly, not I/O.
        var name = $"Wisp.Crypto.Mnemonic.Words.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The word list {name} is not embedded in Wisp.Crypto.");
        using var reader = new StreamReader(stream);
        var words = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length != expectedCount)
            throw new InvalidOperationException($"The word list {fileName} has {words.Length} words; expected {expectedCount}.");
        foreach (var word in words)
        {
            if (!PhraseWord.IsLetters(word) || word.Length > MaxWordLength || word.Length < prefixLength || word != word.ToLowerInvariant())
                throw new InvalidOperationException($"The word list {fileName} holds a malformed word '{word}'.");
        }
        return new WordList(words, prefixLength);
    }
}
