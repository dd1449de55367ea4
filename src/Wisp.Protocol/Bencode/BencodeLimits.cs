namespace Wisp.Protocol.Bencode;

/// <summary>Caps on what a bencoded input from a peer may make the reader do.</summary>
public static class BencodeLimits
{
    /// <summary>Deepest nesting of lists and dictionaries (32): Wisp's messages nest two or three levels; this keeps recursion shallow.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most values in one input (65,536): without it a 10 MiB input of empty strings would become millions of objects.</summary>
    public const int MaxValues = 65_536;
}
