namespace Wisp.Crypto.Mnemonic;

/// <summary>Finds the BIP39 word a mistyped word most likely meant, to put in the error message.</summary>
internal static class WordSuggestion
{
    /// <summary>BIP39 English words are unique in their first four letters, so a matching start names the word.</summary>
    private const int UniquePrefix = 4;

    /// <summary>Farther than this and a guess would mislead more than it helps.</summary>
    private const int MaxDistance = 2;

    /// <summary>Longer inputs get no suggestion; this also bounds the work.</summary>
    private const int MaxInputLength = 16;

    public static string? ForBip39(string typed)
    {
        if (typed.Length > MaxInputLength || !PhraseWord.IsLetters(typed))
            return null;
        var lower = typed.ToLowerInvariant();
        var words = WordList.Bip39English.Words;
        if (lower.Length >= UniquePrefix)
        {
            foreach (var word in words)
            {
                if (word.AsSpan().StartsWith(lower.AsSpan(0, UniquePrefix)))
                    return word;
            }
        }
        string? best = null;
        var bestDistance = MaxDistance + 1;
        foreach (var word in words)
        {
            var distance = Distance(lower, word, bestDistance);
            if (distance < bestDistance)
            {
                best = word;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>
    /// Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), the
    /// commonest typo; any value ≥ <paramref name="limit"/> once it is clearly that far.
    /// </summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
            return limit;
        Span<int> beforePrevious = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                var best = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    best = Math.Min(best, beforePrevious[j - 2] + 1);
                current[j] = best;
            }
            previous.CopyTo(beforePrevious);
            current.CopyTo(previous);
        }
        return previous[b.Length];
    }
}
