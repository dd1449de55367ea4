namespace Wisp.Crypto.Mnemonic;

/// <summary>Checks on one typed word, shared by both phrase kinds.</summary>
internal static class PhraseWord
{
    /// <summary>Longest word quoted back in an error; anything longer is cut short.</summary>
    private const int MaxQuotedLength = 40;

    /// <summary>True when every character is an ASCII letter (both word lists are plain a–z).</summary>
    public static bool IsLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiLetter(c))
                return false;
        }
        return word.Length > 0;
    }

    /// <summary>The word as quoted in messages: shortened when a "word" is really a pasted blob.</summary>
    public static string Quote(string word) =>
        word.Length <= MaxQuotedLength ? word : string.Concat(word.AsSpan(0, MaxQuotedLength), "…");

    public static RecoveryPhraseError InvalidCharacter(string word, int position) =>
        new(RecoveryPhraseErrorKind.InvalidCharacter,
            $"Word {position}, '{Quote(word)}', has a character that is not a letter a–z.")
        {
            Position = position,
            Word = Quote(word),
        };

    /// <summary>The error for <paramref name="count"/> words where <paramref name="accepted"/> (e.g. "13 words") were expected.</summary>
    public static RecoveryPhraseError WrongCount(string what, string accepted, int count) =>
        count == 0
            ? new(RecoveryPhraseErrorKind.Empty, $"The {what} is empty; it has {accepted}.")
            : new(RecoveryPhraseErrorKind.WrongWordCount, $"A {what} has {accepted}; this one has {count}.");
}
