using System.Buffers.Binary;

namespace Wisp.Protocol.Onion;

/// <summary>
/// One onion layer as it travels: <c>[u32 little-endian N][N bytes ciphertext][UTF-8 JSON]</c>.
/// The slices point into the parsed buffer; nothing is copied.
/// </summary>
/// <param name="Ciphertext">The N bytes for the next hop (or the destination's payload).</param>
/// <param name="Json">The control object that says what to do with <paramref name="Ciphertext"/>.</param>
public readonly record struct OnionFrame(ReadOnlyMemory<byte> Ciphertext, ReadOnlyMemory<byte> Json)
{
    /// <summary>Bytes taken by the length prefix.</summary>
    public const int LengthPrefixBytes = 4;

    /// <summary>
    /// Splits a layer into its ciphertext and JSON. Checks the total against
    /// <see cref="OnionLimits.MaxRequestBytes"/> and the declared length against the bytes that are
    /// actually there; the JSON itself is read by <see cref="OnionLayerClassifier"/>.
    /// </summary>
    public static OnionFrameResult Parse(ReadOnlyMemory<byte> layer)
    {
        if (layer.Length > OnionLimits.MaxRequestBytes)
            return new OnionFrameResult(default, OnionFrameError.TooLarge);
        if (layer.Length < LengthPrefixBytes)
            return new OnionFrameResult(default, OnionFrameError.MissingLength);

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(layer.Span);
        var left = (uint)(layer.Length - LengthPrefixBytes);
        if (declared > left)
            return new OnionFrameResult(default, OnionFrameError.LengthBeyondEnd);

        var ciphertext = layer.Slice(LengthPrefixBytes, (int)declared);
        var json = layer[(LengthPrefixBytes + (int)declared)..];
        if (json.IsEmpty)
            return new OnionFrameResult(default, OnionFrameError.MissingJson);
        return new OnionFrameResult(new OnionFrame(ciphertext, json), OnionFrameError.None);
    }

    /// <summary>The size in bytes of the layer <see cref="Build"/> makes.</summary>
    public static int SizeOf(int ciphertextLength, int jsonLength) => LengthPrefixBytes + ciphertextLength + jsonLength;

    /// <summary>Builds <c>[N][ciphertext][json]</c>.</summary>
    /// <exception cref="ArgumentException">
    /// The JSON is empty, or the layer would exceed <see cref="OnionLimits.MaxRequestBytes"/>.
    /// </exception>
    public static byte[] Build(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
            throw new ArgumentException("An onion layer needs a JSON control object.", nameof(json));
        if ((long)LengthPrefixBytes + ciphertext.Length + json.Length > OnionLimits.MaxRequestBytes)
            throw new ArgumentException(
                $"An onion layer is at most {OnionLimits.MaxRequestBytes} bytes; this one would be {SizeOf(ciphertext.Length, json.Length)}.",
                nameof(ciphertext));

        var layer = new byte[SizeOf(ciphertext.Length, json.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(layer, (uint)ciphertext.Length);
        ciphertext.CopyTo(layer.AsSpan(LengthPrefixBytes));
        json.CopyTo(layer.AsSpan(LengthPrefixBytes + ciphertext.Length));
        return layer;
    }
}
