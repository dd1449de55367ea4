using System.Text;
using Wisp.Client.Communities;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Community;

namespace Wisp.Client.Tests.Communities;

public sealed class CommunitySignerTests : IDisposable
{
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();
    private readonly CommunityServer _server = new(new Uri("http://127.0.0.1:8420"), X25519PublicKey.FromHex("a03c383cf63c3c4efe67acc52112a6dd734b3a946b9545f488aaa93da7991238"));

    public void Dispose() => _account.Dispose();

    [Fact]
    public void A_request_carries_the_15_blinded_id_and_a_signature_the_server_verifies_over_path_and_body_hash()
    {
        using var signer = new CommunitySigner(_account, () => 1_700_000_000);
        var body = Encoding.UTF8.GetBytes("""{"data":"AA==","signature":"AA=="}""");

        var request = signer.Sign(_server, "POST", "/room/lobby/reaction/7/%F0%9F%91%8D?x=1", body);

        Assert.True(BlindedId.TryParse(request.Headers[SogsHeaders.Pubkey], out var id, out _));
        Assert.Equal(BlindedId.Blind15Prefix, id.Prefix);
        Assert.True(id.IsBlindingOf(_account.AccountId, _server.Key));
        Assert.Equal("1700000000", request.Headers[SogsHeaders.Timestamp]);
        var nonce = Convert.FromBase64String(request.Headers[SogsHeaders.Nonce]);
        Assert.Equal(SogsHeaders.NonceBytes, nonce.Length);
        // What the server signs over: the decoded path (the emoji as UTF-8), the query as sent, the body's hash.
        var signed = SogsHeaders.SignedMessage(_server.Key.Span, nonce, "1700000000", "POST", "/room/lobby/reaction/7/\U0001F44D?x=1", body);
        Assert.True(Ed25519.Verify(id.PublicKey, signed, Convert.FromBase64String(request.Headers[SogsHeaders.Signature])));
        Assert.False(Ed25519.Verify(id.PublicKey, SogsHeaders.SignedMessage(_server.Key.Span, nonce, "1700000000", "POST", "/room/lobby/reaction/7/\U0001F44D?x=1", []),
            Convert.FromBase64String(request.Headers[SogsHeaders.Signature])));
        Assert.Equal("application/json", request.Headers["Content-Type"]);
    }

    [Fact]
    public void Two_requests_never_share_a_nonce()
    {
        using var signer = new CommunitySigner(_account, () => 1_700_000_000);
        var first = signer.Sign(_server, "GET", "/capabilities", null);
        var second = signer.Sign(_server, "GET", "/capabilities", null);
        Assert.NotEqual(first.Headers[SogsHeaders.Nonce], second.Headers[SogsHeaders.Nonce]);
        Assert.Null(first.Body);
    }
}
