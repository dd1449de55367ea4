namespace Wisp.Crypto.Noise;

/// <summary>The Noise handshake patterns Wisp implements (Noise specification rev 34, section 7).</summary>
public enum NoisePattern
{
    /// <summary><c>-> e; &lt;- e, ee</c>: anonymous on both sides (tests and benchmarks).</summary>
    NN,

    /// <summary><c>-> e; &lt;- e, ee, s, es; -> s, se</c>: both statics sent, neither known in advance.</summary>
    XX,

    /// <summary><c>&lt;- s; ...; -> e, es, s, ss; &lt;- e, ee, se</c>: the initiator knows the responder's static key.</summary>
    IK,
}

/// <summary>A handshake token (spec section 7.1).</summary>
internal enum NoiseToken
{
    E,
    S,
    EE,
    ES,
    SE,
    SS,
}

/// <summary>The token lists of each pattern: its pre-message and its message sequence.</summary>
internal static class NoisePatterns
{
    private static readonly NoiseToken[][] Nn = [[NoiseToken.E], [NoiseToken.E, NoiseToken.EE]];

    private static readonly NoiseToken[][] Xx =
    [
        [NoiseToken.E],
        [NoiseToken.E, NoiseToken.EE, NoiseToken.S, NoiseToken.ES],
        [NoiseToken.S, NoiseToken.SE],
    ];

    private static readonly NoiseToken[][] Ik =
    [
        [NoiseToken.E, NoiseToken.ES, NoiseToken.S, NoiseToken.SS],
        [NoiseToken.E, NoiseToken.EE, NoiseToken.SE],
    ];

    /// <summary>The messages of <paramref name="pattern"/>, the first one written by the initiator.</summary>
    public static NoiseToken[][] Messages(NoisePattern pattern) => pattern switch
    {
        NoisePattern.NN => Nn,
        NoisePattern.XX => Xx,
        NoisePattern.IK => Ik,
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown Noise pattern."),
    };

    /// <summary>True when the responder's static key is a pre-message (<c>&lt;- s</c>).</summary>
    public static bool ResponderStaticIsKnown(NoisePattern pattern) => pattern == NoisePattern.IK;

    /// <summary>True when the pattern uses a local static key on both sides.</summary>
    public static bool NeedsStatic(NoisePattern pattern) => pattern != NoisePattern.NN;
}
