namespace Wisp.Crypto.Mnemonic;

/// <summary>What is wrong with a recovery phrase.</summary>
public enum RecoveryPhraseErrorKind
{
    /// <summary>No words at all.</summary>
    Empty,

    /// <summary>A number of words that no accepted phrase has.</summary>
    WrongWordCount,

    /// <summary>A word holds something other than the letters a–z (in either case).</summary>
    InvalidCharacter,

    /// <summary>A word that is not in the word list.</summary>
    UnknownWord,

    /// <summary>Every word is known, but the checksum does not match: a word is wrong or out of order.</summary>
    WrongChecksum,

    /// <summary>Session phrases only: a group of three words that encodes no 32-bit value.</summary>
    InvalidWordGroup,
}

/// <summary>
/// Why a recovery phrase was rejected, in words a person can act on. <see cref="Position"/> is 1-based
/// ("word 5"). The message and <see cref="Word"/> quote what the user typed, so show them to that user and do
/// not log them: a near-miss word gives away part of a secret.
/// </summary>
public sealed record RecoveryPhraseError(RecoveryPhraseErrorKind Kind, string Message)
{
    /// <summary>The 1-based position of the word at fault, when one word is at fault.</summary>
    public int? Position { get; init; }

    /// <summary>The word at fault as typed (shortened if very long), when one word is at fault.</summary>
    public string? Word { get; init; }

    /// <summary>A word from the list that is close to <see cref="Word"/>, when there is one.</summary>
    public string? Suggestion { get; init; }

    /// <summary>The message.</summary>
    public override string ToString() => Message;
}

/// <summary>Thrown by <see cref="RecoveryPhrase.Parse"/>; <see cref="Error"/> says what is wrong.</summary>
public sealed class RecoveryPhraseException(RecoveryPhraseError error) : FormatException(error.Message)
{
    /// <summary>What is wrong with the phrase.</summary>
    public RecoveryPhraseError Error { get; } = error;
}
