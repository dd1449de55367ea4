namespace Wisp.Crypto.Ratchet;

/// <summary>Saving and restoring a session (the bytes are secret: store them encrypted).</summary>
public sealed partial class RatchetSession
{
    /// <summary>The whole state as bytes, for encrypted storage.</summary>
    public byte[] Export() => RatchetStateCodec.Write(_state);

    /// <summary>Restores a session from <see cref="Export"/>'s bytes; throws <see cref="FormatException"/> on anything else.</summary>
    public static RatchetSession Import(ReadOnlySpan<byte> bytes) => new(RatchetStateCodec.Read(bytes));
}
