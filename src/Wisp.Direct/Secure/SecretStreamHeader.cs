using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Hashing;

namespace Wisp.Direct.Secure;

/// <summary>
/// The header message each side sends first: its stream id (32) ‖ its secretstream header (24). The stream id is
/// <c>BLAKE2b-256(msg = NS_INITIATOR or NS_RESPONDER, key = handshake hash)</c>, so a header only fits the session
/// and the role it was made for. Namespaces as hypercore-crypto makes them, under Wisp's own name:
/// <c>base = BLAKE2b-256("wisp/secret-stream")</c>, <c>NS[i] = BLAKE2b-256(base ‖ i)</c>, initiator 0, responder 1.
/// </summary>
internal static class SecretStreamHeader
{
    public const int StreamIdBytes = 32;

    private static readonly byte[] InitiatorNamespace = Namespace(0);
    private static readonly byte[] ResponderNamespace = Namespace(1);

    /// <summary>The stream id of the side that is (or is not) the initiator.</summary>
    public static byte[] StreamId(ReadOnlySpan<byte> handshakeHash, bool initiator) =>
        Blake2b.Hash(initiator ? InitiatorNamespace : ResponderNamespace, StreamIdBytes, handshakeHash);

    /// <summary>True when <paramref name="streamId"/> is the remote side's id for this handshake (compared in fixed time).</summary>
    public static bool IsRemoteId(ReadOnlySpan<byte> streamId, ReadOnlySpan<byte> handshakeHash, bool localIsInitiator) =>
        CryptographicOperations.FixedTimeEquals(streamId, StreamId(handshakeHash, !localIsInitiator));

    private static byte[] Namespace(byte index)
    {
        var baseHash = Blake2b.Hash(Encoding.UTF8.GetBytes("wisp/secret-stream"), 32);
        return Blake2b.Hash([.. baseHash, index], 32);
    }
}
