using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Noise;

namespace Wisp.Crypto.Tests.Noise;

/// <summary>
/// Replays the published cacophony and snow vectors for NN, XX and IK over 25519/ChaChaPoly/BLAKE2b: both sides are
/// run with the vector's fixed keys, every message must come out byte for byte, the other side must read back the
/// payload, and (cacophony) the handshake hash must match.
/// </summary>
public class NoiseVectorTests
{
    public static TheoryData<string, string> Vectors()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "noise/cacophony.json", "noise/snow.json" })
            foreach (var vector in PublishedVectors.Load(file).GetProperty("vectors").EnumerateArray())
                data.Add(file, vector.Text("protocol_name"));
        return data;
    }

    [Fact]
    public void BothSourcesCoverNnXxAndIk()
    {
        var names = Vectors().Select(row => $"{row.Data.Item1} {row.Data.Item2}").ToList();
        Assert.Equal(6, names.Count);
        foreach (var pattern in new[] { "NN", "XX", "IK" })
            Assert.Equal(2, names.Count(n => n.EndsWith($"Noise_{pattern}_25519_ChaChaPoly_BLAKE2b", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EveryMessageAndTheHandshakeHashMatch(string file, string protocolName)
    {
        var vector = PublishedVectors.Load(file).GetProperty("vectors").EnumerateArray()
            .Single(v => v.Text("protocol_name") == protocolName);
        var pattern = Enum.Parse<NoisePattern>(protocolName.Split('_')[1]);

        using var initStatic = Optional(vector, "init_static");
        using var respStatic = Optional(vector, "resp_static");
        using var initEphemeral = X25519KeyPair.FromSecret(vector.Hex("init_ephemeral"));
        using var respEphemeral = X25519KeyPair.FromSecret(vector.Hex("resp_ephemeral"));
        var remoteStatic = vector.TryGetProperty("init_remote_static", out _) ? new X25519PublicKey(vector.Hex("init_remote_static")) : null;

        using var initiator = new NoiseHandshake(pattern, true, initStatic, remoteStatic, vector.Hex("init_prologue"), initEphemeral);
        using var responder = new NoiseHandshake(pattern, false, respStatic, null, vector.Hex("resp_prologue"), respEphemeral);
        Assert.Equal(protocolName, initiator.ProtocolName);

        var messages = vector.GetProperty("messages").EnumerateArray().ToList();
        var i = 0;
        for (; !initiator.IsComplete; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (initiator, responder) : (responder, initiator);
            var payload = messages[i].Hex("payload");
            var message = writer.WriteMessage(payload);
            Assert.Equal(messages[i].Text("ciphertext"), Convert.ToHexStringLower(message));
            Assert.True(reader.TryReadMessage(message, out var read));
            Assert.Equal(payload, read);
        }
        Assert.True(responder.IsComplete);
        Assert.Equal(initiator.HandshakeHash.ToArray(), responder.HandshakeHash.ToArray());
        if (vector.TryGetProperty("handshake_hash", out _))
            Assert.Equal(vector.Text("handshake_hash"), Convert.ToHexStringLower(initiator.HandshakeHash));
        if (pattern != NoisePattern.NN)
        {
            Assert.Equal(respStatic!.PublicKey, initiator.RemoteStatic);
            Assert.Equal(initStatic!.PublicKey, responder.RemoteStatic);
        }

        using var initTransport = initiator.Split();
        using var respTransport = responder.Split();
        Assert.True(i < messages.Count, "the vector has transport messages after the handshake");
        for (; i < messages.Count; i++)
        {
            var (sender, receiver) = i % 2 == 0 ? (initTransport, respTransport) : (respTransport, initTransport);
            var payload = messages[i].Hex("payload");
            var ciphertext = sender.Send.Encrypt([], payload);
            Assert.Equal(messages[i].Text("ciphertext"), Convert.ToHexStringLower(ciphertext));
            Assert.True(receiver.Receive.TryDecrypt([], ciphertext, out var plaintext));
            Assert.Equal(payload, plaintext);
        }
    }

    private static X25519KeyPair? Optional(JsonElement vector, string name) =>
        vector.TryGetProperty(name, out _) ? X25519KeyPair.FromSecret(vector.Hex(name)) : null;
}
