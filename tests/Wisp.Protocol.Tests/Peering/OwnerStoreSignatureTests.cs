using Wisp.Crypto.Keys;
using Wisp.Protocol.Peering;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Tests.Peering;

/// <summary>The owner's store signature travels with a message: it round-trips in Session's field names, and a malformed one is refused.</summary>
public sealed class OwnerStoreSignatureTests
{
    [Fact]
    public void A_message_with_an_owner_signature_and_a_subaccount_round_trips()
    {
        var token = SubaccountToken.Create(0x05, SubaccountAccess.Write, new byte[32]);
        var signature = new OwnerStoreSignature(1_700_000_000_000, Enumerable.Repeat((byte)7, 64).ToArray(),
            Ed25519PublicKey.FromHex(new string('a', 64)), new SignedSubaccount(token, Enumerable.Repeat((byte)9, 64).ToArray()));
        var message = PeerMessageTests.Message() with { OwnerSignature = signature };

        var read = PushRequest.Read(new PushRequest([message]).ToJson());

        Assert.True(read.Ok, read.Problem);
        var back = Assert.Single(read.Value!.Messages).OwnerSignature!;
        Assert.Equal(signature.ToJson(), back.ToJson());
        Assert.Equal(token, back.Subaccount!.Token);
        Assert.Equal(signature.ToJson(), OwnerStoreSignature.Read(signature.ToJson())!.ToJson());
    }

    [Theory]
    [InlineData("""{"signature":"AAAA"}""")]
    [InlineData("""{"sig_timestamp":1,"signature":"AAAA"}""")]
    [InlineData("""{"sig_timestamp":"1","signature":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw=="}""")]
    [InlineData("""{"sig_timestamp":1,"signature":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==","pubkey_ed25519":"zz"}""")]
    [InlineData("""{"sig_timestamp":1,"signature":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==","subaccount":"AAAA"}""")]
    [InlineData("[]")]
    public void A_malformed_owner_signature_refuses_the_record(string ownerSig)
    {
        var json = System.Text.Encoding.UTF8.GetString(new PushRequest([PeerMessageTests.Message()]).ToJson())
            .Replace("}]}", $",\"owner_sig\":{ownerSig}}}]}}", StringComparison.Ordinal);

        var read = PushRequest.Read(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.False(read.Ok);
        Assert.StartsWith("messages[0]: owner_sig must be an object", read.Problem, StringComparison.Ordinal);
    }
}
