using System.Text;
using System.Text.Json;
using Wisp.Community.Auth;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Community;

namespace Wisp.Community.Tests.Auth;

/// <summary>
/// The server's request-signature check against published vectors: pysogs's 15-blinded IDs (tests/test_blinding.py)
/// and libsession's 15- and 25-blinded signatures (tests/test_blinding.cpp). Provenance in Vectors/*/README.md.
/// </summary>
public sealed class BlindingVectorTests
{
    private static JsonElement Load(string path) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", path))).RootElement;

    [Fact]
    public void A_request_signed_by_a_pysogs_vector_key_verifies_under_the_vector_id_and_not_after_a_change()
    {
        var vectors = Load("session-pysogs/blinding15.json");
        var server = X25519PublicKey.FromHex(vectors.GetProperty("server_pk").GetString()!);
        var cases = vectors.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(20, cases.Count);
        foreach (var vector in cases)
        {
            using var account = Ed25519KeyPair.FromSeed(Convert.FromHexString(vector.GetProperty("seed").GetString()!));
            using var blinded = Blind15.CreateKeyPair(account, server);
            var id = Convert.FromHexString(vector.GetProperty("blinded15_id").GetString()!);
            var message = SogsHeaders.SignedMessage(server.Span, new byte[16], "1642079887", "GET", "/capabilities?required=sogs", []);
            var signature = blinded.Sign(message);

            Assert.Equal(vector.GetProperty("blinded15_id").GetString(), blinded.Id.Hex);
            Assert.True(RequestAuthenticator.SignatureValid(id, message, signature));
            message[^1] ^= 1;
            Assert.False(RequestAuthenticator.SignatureValid(id, message, signature));
        }
    }

    [Fact]
    public void Libsession_25_blinded_signatures_verify_under_their_25_ids()
    {
        var vectors = Load("libsession-util/blinding.json");
        var checkedCount = 0;
        foreach (var vector in vectors.GetProperty("blind25_signatures").EnumerateArray())
        {
            var secret = Convert.FromHexString(vectors.GetProperty("keys").GetProperty(vector.GetProperty("key").GetString()!).GetProperty("secret_key").GetString()!);
            using var account = Ed25519KeyPair.FromSeed(secret.AsSpan(0, 32));
            var server = X25519PublicKey.FromHex(vector.GetProperty("server_pk").GetString()!);
            Assert.True(Blind25.TryGetId(account.AccountId, server, out var id));
            var signature = Convert.FromHexString(vector.GetProperty("signature").GetString()!);
            var message = Encoding.ASCII.GetBytes(vector.GetProperty("message").GetString()!);

            Assert.True(RequestAuthenticator.SignatureValid(id.Bytes, message, signature));
            signature[0] ^= 1;
            Assert.False(RequestAuthenticator.SignatureValid(id.Bytes, message, signature));
            checkedCount++;
        }
        foreach (var vector in vectors.GetProperty("blind25_ids").EnumerateArray())
        {
            var secret = Convert.FromHexString(vectors.GetProperty("keys").GetProperty(vector.GetProperty("key").GetString()!).GetProperty("secret_key").GetString()!);
            using var account = Ed25519KeyPair.FromSeed(secret.AsSpan(0, 32));
            Assert.True(Blind25.TryGetId(account.AccountId, X25519PublicKey.FromHex(vector.GetProperty("server_pk").GetString()!), out var id));
            Assert.Equal(vector.GetProperty("id").GetString(), id.Hex);
        }
        Assert.Equal(6, checkedCount);
    }

    [Fact]
    public void Libsession_15_blinded_signatures_verify_under_exactly_one_of_the_two_15_ids()
    {
        var vectors = Load("libsession-util/blinding.json");
        foreach (var vector in vectors.GetProperty("blind15_signatures").EnumerateArray())
        {
            var session = vectors.GetProperty("keys").GetProperty(vector.GetProperty("key").GetString()!).GetProperty("session_id").GetString()!;
            var server = X25519PublicKey.FromHex(vector.GetProperty("server_pk").GetString()!);
            Assert.True(Blind15.TryGetPossibleIds(AccountId.Parse(session), server, out var positive, out var negative));
            var signature = Convert.FromHexString(vector.GetProperty("signature").GetString()!);
            var message = Encoding.ASCII.GetBytes(vector.GetProperty("message").GetString()!);

            var verifies = new[] { positive, negative }.Count(id => RequestAuthenticator.SignatureValid(id.Bytes, message, signature));

            Assert.Equal(1, verifies);
        }
    }
}
