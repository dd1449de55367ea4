using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Client.Keys;

/// <summary>
/// What Wisp layers inside a forward-secret v2 message between two Wisp clients (the ratchet). The <c>Sender</c> calls
/// <see cref="Seal"/> on the serialized Content just before v2 sealing; the <c>MessageOpener</c> calls <see cref="Open"/>
/// after a <c>00 02</c> message opened and verified. Neither is called for v1 or non-PFS v2, so a Session client,
/// which never advertises the capability, never receives a layered message.
/// </summary>
internal interface IV2ContentLayer
{
    /// <summary>
    /// The inner dict's <c>c</c> value and extra fields for a message to <paramref name="peer"/> whose Content protobuf is
    /// <paramref name="content"/>. Extra keys must sort between <c>c</c> and <c>~</c> (bt dicts are sorted; <c>~</c>
    /// signs everything before it), e.g. <c>"w"</c>, <c>"wr"</c>; any bencode value.
    /// </summary>
    V2Inner Seal(AccountId peer, ReadOnlyMemory<byte> content);

    /// <summary>
    /// The Content protobuf of a v2 message from <paramref name="sender"/> (verified) whose inner dict held
    /// <paramref name="c"/> and <paramref name="extra"/> (every key but <c>S</c>, <c>c</c>, <c>~</c>, <c>~P</c>).
    /// </summary>
    V2Unlayered Open(AccountId sender, ReadOnlyMemory<byte> c, IReadOnlyDictionary<string, BencodeValue> extra);
}

/// <summary>What goes into a v2 inner dict: <c>c</c> and the extra fields (empty for plain v2).</summary>
internal sealed record V2Inner(byte[] C, IReadOnlyDictionary<string, BencodeValue> Extra);

/// <summary>The Content protobuf bytes, or why the layer could not recover them (the message is dropped with it).</summary>
internal sealed record V2Unlayered(byte[]? Content, string? Failure)
{
    /// <summary>The content as it came.</summary>
    public static V2Unlayered Of(byte[] content) => new(content, null);

    /// <summary>Dropped, with the reason for the log.</summary>
    public static V2Unlayered Failed(string reason) => new(null, reason);
}

/// <summary>The default layer: plain v2, content as it is, nothing advertised.</summary>
internal sealed class PlainV2Layer : IV2ContentLayer
{
    /// <summary>The one instance.</summary>
    public static readonly PlainV2Layer Instance = new();

    private static readonly Dictionary<string, BencodeValue> None = [];

    /// <inheritdoc />
    public V2Inner Seal(AccountId peer, ReadOnlyMemory<byte> content) => new(content.ToArray(), None);

    /// <inheritdoc />
    public V2Unlayered Open(AccountId sender, ReadOnlyMemory<byte> c, IReadOnlyDictionary<string, BencodeValue> extra) => V2Unlayered.Of(c.ToArray());
}
