using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;

namespace Wisp.Protocol.Onion;

/// <summary>What a decrypted onion layer's JSON tells the hop to do. See <see cref="OnionLayerClassifier"/>.</summary>
public abstract record OnionInstruction
{
    /// <summary>The control object as UTF-8 JSON, in the key order Session writes.</summary>
    public byte[] ToJson() => OnionControlJson.Write(ToDto());

    internal abstract OnionControlDto ToDto();
}

/// <summary>
/// <c>{"destination","ephemeral_key","enc_type"}</c>: forward the ciphertext to the node whose
/// Ed25519 key is <paramref name="Destination"/>, which decrypts it with <paramref name="EphemeralKey"/>.
/// </summary>
public sealed record RelayToNodeInstruction(Ed25519PublicKey Destination, X25519PublicKey EphemeralKey, OnionEncryptionType Encryption)
    : OnionInstruction
{
    internal override OnionControlDto ToDto() => new()
    {
        Destination = Destination.ToHex(),
        EphemeralKey = EphemeralKey.ToHex(),
        EncType = Encryption.ToJsonName(),
    };
}

/// <summary>
/// <c>{"headers":…, "base64"?, "json"?}</c>: this node is the destination; the ciphertext's
/// plaintext is an RPC request. The presence of <c>"headers"</c> (any value) is what marks it.
/// </summary>
/// <param name="Base64">Base64-encode the encrypted reply (Session's default: true).</param>
/// <param name="Json">Put the reply body in as a JSON object rather than a string (default: false).</param>
public sealed record DestinationInstruction(bool Base64 = true, bool Json = false) : OnionInstruction
{
    internal override OnionControlDto ToDto() => new()
    {
        Headers = OnionControlJson.EmptyHeaders,
        Base64 = Base64 ? null : false,
        Json = Json ? true : null,
    };
}

/// <summary>
/// <c>{"host","target","port","protocol","method","ephemeral_key","enc_type"}</c>: POST the whole
/// decrypted layer to <c>protocol://host:port/target</c>. The ephemeral key and encryption are for
/// the server, which decrypts the ciphertext with its own key.
/// </summary>
/// <param name="Host">Server host name or address.</param>
/// <param name="Target">Path; must pass <see cref="OnionTargets.IsAllowedServerTarget"/>.</param>
/// <param name="Port">TCP port (default 443).</param>
/// <param name="Protocol"><c>"https"</c> (default) or <c>"http"</c>.</param>
/// <param name="Method">HTTP method the client asked for, when given; the hop always POSTs.</param>
/// <param name="EphemeralKey">The client's key for the server's layer, when given.</param>
/// <param name="Encryption">The server layer's AEAD.</param>
public sealed record RelayToServerInstruction(
    string Host,
    string Target,
    ushort Port = 443,
    string Protocol = "https",
    string? Method = null,
    X25519PublicKey? EphemeralKey = null,
    OnionEncryptionType Encryption = OnionEncryptionType.AesGcm) : OnionInstruction
{
    /// <summary>
    /// Whether <see cref="Target"/> passes <see cref="OnionTargets.IsAllowedServerTarget"/>. A relay
    /// must refuse the call when it does not, or a path becomes an open HTTP proxy.
    /// </summary>
    public bool IsTargetAllowed => OnionTargets.IsAllowedServerTarget(Target);

    internal override OnionControlDto ToDto() => new()
    {
        Host = Host,
        Target = Target,
        Port = Port,
        Protocol = Protocol,
        Method = Method,
        EphemeralKey = EphemeralKey?.ToHex(),
        EncType = EphemeralKey is null ? null : Encryption.ToJsonName(),
    };
}

/// <summary>
/// The JSON after the first layer's ciphertext in the body a client POSTs to its guard:
/// <c>{"ephemeral_key","enc_type","hop_no"?}</c>. It is not a decrypted layer, so
/// <see cref="OnionLayerClassifier.ParseGuardRequest"/> reads it rather than the classifier.
/// </summary>
public sealed record GuardRequest(X25519PublicKey EphemeralKey, OnionEncryptionType Encryption, int? HopNumber = null)
{
    /// <summary>The control object as UTF-8 JSON.</summary>
    public byte[] ToJson() => OnionControlJson.Write(new OnionControlDto
    {
        EphemeralKey = EphemeralKey.ToHex(),
        EncType = Encryption.ToJsonName(),
        HopNo = HopNumber,
    });
}
