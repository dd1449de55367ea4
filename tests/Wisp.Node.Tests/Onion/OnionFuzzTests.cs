using System.Buffers.Binary;
using CsCheck;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion;

/// <summary>
/// Fuzzes what a hop does to the bytes it is sent before any I/O: <see cref="OnionFrame.Parse"/>,
/// <see cref="OnionLayerClassifier"/> and the relay's peel (X25519, AEAD, inner frame, inner JSON), with random bytes
/// and with mutations of valid layers. No exception may escape, and every outcome must be a typed success or error.
/// </summary>
public sealed class OnionFuzzTests : IDisposable
{
    private const int RandomInputs = 40_000;
    private const int MutatedInputs = 60_000;

    private readonly Ed25519KeyPair _node = Ed25519KeyPair.Generate();
    private readonly byte[][] _validLayers;

    public OnionFuzzTests()
    {
        // Valid bodies for this node: a destination layer and a relay layer, in both encryptions.
        var destination = OnionFrame.Build("""{"method":"info","params":{}}"""u8, new DestinationInstruction().ToJson());
        using var next = Ed25519KeyPair.Generate();
        using var nextEphemeral = X25519KeyPair.Generate();
        var relay = OnionFrame.Build(new byte[48], new RelayToNodeInstruction(next.PublicKey, nextEphemeral.PublicKey, OnionEncryptionType.AesGcm).ToJson());
        _validLayers =
        [
            Layer(destination, OnionEncryptionType.XChaCha20),
            Layer(destination, OnionEncryptionType.AesGcm),
            Layer(relay, OnionEncryptionType.XChaCha20),
            Layer(relay, OnionEncryptionType.AesGcm),
        ];
    }

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Valid_layers_peel()
    {
        foreach (var layer in _validLayers)
        {
            using var peeled = OnionLayerPeeler.Peel(layer, _node);
            Assert.Equal(PeelError.None, peeled.Error);
            Assert.NotNull(peeled.Instruction);
        }
    }

    [Fact]
    public void Random_and_mutated_inputs_never_throw_and_always_give_a_typed_outcome()
    {
        long ran = 0;
        var outcomes = new long[Enum.GetValues<PeelError>().Length];

        Gen.Byte.Array[0, 512].Sample(bytes =>
        {
            Check(bytes, outcomes);
            Interlocked.Increment(ref ran);
        }, iter: RandomInputs);

        Gen.Select(Gen.Int[0, _validLayers.Length - 1], Gen.Int[0, 7], Gen.Int, Gen.Byte.Array[0, 64]).Sample(input =>
        {
            var (which, kind, where, junk) = input;
            Check(Mutate(_validLayers[which], kind, where, junk), outcomes);
            Interlocked.Increment(ref ran);
        }, iter: MutatedInputs);

        TestContext.Current.SendDiagnosticMessage(
            $"Onion fuzz: {ran} inputs; outcomes {string.Join(", ", Enum.GetValues<PeelError>().Select(e => $"{e}={outcomes[(int)e]}"))}");
        Assert.Equal(RandomInputs + MutatedInputs, ran);
        // The mutations reach past the frame into the AEAD and the inner JSON, not only the cheap checks.
        Assert.True(outcomes[(int)PeelError.InvalidCiphertext] > 0);
        Assert.True(outcomes[(int)PeelError.InvalidInnerJson] > 0);
        Assert.True(outcomes[(int)PeelError.TooManyHops] > 0);
        Assert.True(outcomes[(int)PeelError.None] > 0);
    }

    private void Check(byte[] input, long[] outcomes)
    {
        var frame = OnionFrame.Parse(input);
        Assert.Equal(frame.Ok, frame.Error == OnionFrameError.None);
        if (frame.Ok)
        {
            var classified = OnionLayerClassifier.Classify(frame.Frame.Json.Span);
            Assert.Equal(classified.Ok, classified.Value is not null);
            var guard = OnionLayerClassifier.ParseGuardRequest(frame.Frame.Json.Span);
            Assert.Equal(guard.Ok, guard.Value is not null);
        }

        using var peeled = OnionLayerPeeler.Peel(input, _node);
        Assert.True(Enum.IsDefined(peeled.Error));
        Assert.Equal(peeled.Error == PeelError.None, peeled.Instruction is not null);
        Assert.Equal(peeled.Error is PeelError.None or PeelError.InvalidInnerJson, peeled.Key is not null);
        Assert.True(peeled.Plaintext.Length <= input.Length);
        Interlocked.Increment(ref outcomes[(int)peeled.Error]);
    }

    private byte[] Mutate(byte[] valid, int kind, int where, byte[] junk)
    {
        var bytes = (byte[])valid.Clone();
        var at = (int)((uint)where % (uint)bytes.Length);
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        switch (kind)
        {
            case 0: // flip one bit anywhere
                bytes[at] ^= (byte)(1 << (where & 7));
                return bytes;
            case 1: // truncate
                return bytes[..at];
            case 2: // a random length prefix
                BinaryPrimitives.WriteInt32LittleEndian(bytes, where);
                return bytes;
            case 3: // replace the control JSON with junk
                return [.. bytes.AsSpan(0, 4 + length), .. junk];
            case 4: // append junk after the JSON
                return [.. bytes, .. junk];
            case 5: // a random hop number (mostly out of range)
                var control = OnionLayerClassifier.ParseGuardRequest(bytes.AsSpan(4 + length)).Value!;
                return OnionFrame.Build(bytes.AsSpan(4, length),
                    System.Text.Encoding.UTF8.GetBytes($$"""{"ephemeral_key":"{{control.EphemeralKey.ToHex()}}","hop_no":{{where}}}"""));
            case 6: // a correctly encrypted layer whose plaintext is junk or a damaged inner layer
                var inner = OnionFrame.Build(junk, """{"headers":""}"""u8);
                if (junk.Length > 0) inner[at % inner.Length] ^= junk[0];
                return Layer(where % 2 == 0 ? junk : inner, (where & 4) == 0 ? OnionEncryptionType.XChaCha20 : OnionEncryptionType.AesGcm);
            default: // unchanged: the valid layer must still peel
                return bytes;
        }
    }

    private byte[] Layer(byte[] plaintext, OnionEncryptionType encryption)
    {
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, _node.X25519PublicKey, encryption, out var key));
        using (key)
            return OnionFrame.Build(key.Encrypt(plaintext), new GuardRequest(ephemeral.PublicKey, encryption).ToJson());
    }
}
