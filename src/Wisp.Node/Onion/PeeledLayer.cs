using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary>Why a hop could not take the layer it was sent.</summary>
public enum PeelError
{
    /// <summary>Peeled: <see cref="PeeledLayer.Instruction"/> says what to do.</summary>
    None,
    /// <summary>The body is not <c>[N][ciphertext]{json}</c>, or its JSON is not <c>{"ephemeral_key","enc_type","hop_no"?}</c>: plain 400.</summary>
    InvalidRequest,
    /// <summary><c>hop_no</c> is past <see cref="OnionLimits.MaxHops"/>: plain 400.</summary>
    TooManyHops,
    /// <summary>The ciphertext does not decrypt with this node's key (wrong node, tampered, truncated): plain 400.</summary>
    InvalidCiphertext,
    /// <summary>
    /// Decrypted, but the plaintext is not a layer or its JSON names no known action: a 400 encrypted for the client
    /// (as Session does), since only the client can act on it.
    /// </summary>
    InvalidInnerJson,
}

/// <summary>
/// One layer taken off an onion request at this node: the hop key (to answer the client, for a destination), the
/// decrypted plaintext and what it asks for. Dispose zeroes the key.
/// </summary>
public sealed class PeeledLayer : IDisposable
{
    internal PeeledLayer(PeelError error, int hopNumber = 0, HopKey? key = null, byte[]? plaintext = null,
        OnionFrame inner = default, OnionInstruction? instruction = null, string detail = "")
    {
        Error = error;
        Detail = detail;
        HopNumber = hopNumber;
        Key = key;
        Plaintext = plaintext ?? [];
        Inner = inner;
        Instruction = instruction;
    }

    /// <summary>What went wrong, or <see cref="PeelError.None"/>.</summary>
    public PeelError Error { get; }

    /// <summary>For <see cref="PeelError.InvalidRequest"/>: what is wrong with the frame or its JSON.</summary>
    public string Detail { get; }

    /// <summary>The hop number the request arrived with (0 from a client).</summary>
    public int HopNumber { get; }

    /// <summary>This hop's key; set when the layer decrypted (including <see cref="PeelError.InvalidInnerJson"/>).</summary>
    public HopKey? Key { get; }

    /// <summary>The whole decrypted layer <c>[N2][inner][json2]</c>; empty when it did not decrypt.</summary>
    public byte[] Plaintext { get; }

    /// <summary>The decrypted layer split into the inner ciphertext (or RPC body) and its JSON.</summary>
    public OnionFrame Inner { get; }

    /// <summary>What the layer asks for; set when <see cref="Error"/> is <see cref="PeelError.None"/>.</summary>
    public OnionInstruction? Instruction { get; }

    /// <summary>Zeroes the hop key.</summary>
    public void Dispose() => Key?.Dispose();
}
