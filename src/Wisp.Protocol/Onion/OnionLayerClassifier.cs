using System.Buffers;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;

namespace Wisp.Protocol.Onion;

/// <summary>
/// Tells what a decrypted onion layer's JSON asks for, as Session's storage server does: "headers"
/// marks the destination, else "host" marks a relay to a server, else "destination" marks a relay
/// to the next node. Anything else, or a field of the wrong shape, is rejected with a reason.
/// Like Session's parser it does not judge a server relay's target: the relay must still check
/// <see cref="RelayToServerInstruction.IsTargetAllowed"/> before making the call.
/// </summary>
public static class OnionLayerClassifier
{
    /// <summary>Classifies the JSON that followed the ciphertext in a decrypted layer.</summary>
    public static OnionControlResult<OnionInstruction> Classify(ReadOnlySpan<byte> json)
    {
        var dto = OnionControlJson.TryRead(json);
        if (dto is null)
            return Fail<OnionInstruction>(OnionControlError.InvalidJson, "the control object is not a JSON object of the expected shape");

        if (dto.HasHeaders)
            return new(new DestinationInstruction(dto.Base64 ?? true, dto.Json ?? false), OnionControlError.None, null);
        if (dto.Host is not null)
            return ReadRelayToServer(dto);
        if (dto.Destination is not null)
            return ReadRelayToNode(dto);
        return Fail<OnionInstruction>(OnionControlError.Unrecognized, "the control object has none of headers, host or destination");
    }

    /// <summary>Reads the JSON a client sends its guard after the first layer's ciphertext.</summary>
    public static OnionControlResult<GuardRequest> ParseGuardRequest(ReadOnlySpan<byte> json)
    {
        var dto = OnionControlJson.TryRead(json);
        if (dto is null)
            return Fail<GuardRequest>(OnionControlError.InvalidJson, "the control object is not a JSON object of the expected shape");
        if (!TryReadEphemeralKey(dto, out var key, out var keyError))
            return Fail<GuardRequest>(keyError, "ephemeral_key must be 64 hex characters");
        if (!EncTypeNames.TryParse(dto.EncType, out var encryption))
            return Fail<GuardRequest>(OnionControlError.UnknownEncryption, "enc_type must be aes-gcm or xchacha20");
        if (dto.HopNo is < 0 or > OnionLimits.MaxHops)
            return Fail<GuardRequest>(OnionControlError.TooManyHops, $"hop_no must be between 0 and {OnionLimits.MaxHops}");
        return new(new GuardRequest(key!, encryption, dto.HopNo), OnionControlError.None, null);
    }

    private static OnionControlResult<OnionInstruction> ReadRelayToNode(OnionControlDto dto)
    {
        if (!TryParseHex(dto.Destination, Ed25519PublicKey.Bytes, out var destination))
            return Fail<OnionInstruction>(OnionControlError.InvalidKey, "destination must be 64 hex characters");
        if (!TryReadEphemeralKey(dto, out var key, out var keyError))
            return Fail<OnionInstruction>(keyError, "ephemeral_key must be 64 hex characters");
        if (!EncTypeNames.TryParse(dto.EncType, out var encryption))
            return Fail<OnionInstruction>(OnionControlError.UnknownEncryption, "enc_type must be aes-gcm or xchacha20");
        return new(new RelayToNodeInstruction(new Ed25519PublicKey(destination), key!, encryption), OnionControlError.None, null);
    }

    private static OnionControlResult<OnionInstruction> ReadRelayToServer(OnionControlDto dto)
    {
        if (dto.Host!.Length == 0)
            return Fail<OnionInstruction>(OnionControlError.MissingField, "host must not be empty");
        if (dto.Target is null)
            return Fail<OnionInstruction>(OnionControlError.MissingField, "a relay to a server needs a target");
        if (dto.Port is < 1 or > ushort.MaxValue)
            return Fail<OnionInstruction>(OnionControlError.InvalidPort, "port must be between 1 and 65535");
        var protocol = dto.Protocol ?? "https";
        if (protocol is not ("https" or "http"))
            return Fail<OnionInstruction>(OnionControlError.UnsupportedProtocol, "protocol must be http or https");
        if (!EncTypeNames.TryParse(dto.EncType, out var encryption))
            return Fail<OnionInstruction>(OnionControlError.UnknownEncryption, "enc_type must be aes-gcm or xchacha20");

        X25519PublicKey? key = null;
        if (dto.EphemeralKey is not null)
        {
            if (!TryParseHex(dto.EphemeralKey, X25519PublicKey.Bytes, out var keyBytes))
                return Fail<OnionInstruction>(OnionControlError.InvalidKey, "ephemeral_key must be 64 hex characters");
            key = new X25519PublicKey(keyBytes);
        }
        var instruction = new RelayToServerInstruction(dto.Host, dto.Target, (ushort)(dto.Port ?? 443), protocol, dto.Method, key, encryption);
        return new(instruction, OnionControlError.None, null);
    }

    private static bool TryReadEphemeralKey(OnionControlDto dto, out X25519PublicKey? key, out OnionControlError error)
    {
        key = null;
        if (dto.EphemeralKey is null)
        {
            error = OnionControlError.MissingField;
            return false;
        }
        if (!TryParseHex(dto.EphemeralKey, X25519PublicKey.Bytes, out var bytes))
        {
            error = OnionControlError.InvalidKey;
            return false;
        }
        key = new X25519PublicKey(bytes);
        error = OnionControlError.None;
        return true;
    }

    private static bool TryParseHex(string? hex, int length, out byte[] bytes)
    {
        bytes = new byte[length];
        if (hex is null || hex.Length != length * 2)
            return false;
        var status = Convert.FromHexString(hex, bytes, out _, out var written);
        return status == OperationStatus.Done && written == length;
    }

    private static OnionControlResult<T> Fail<T>(OnionControlError error, string detail) where T : class =>
        new(null, error, detail);
}
