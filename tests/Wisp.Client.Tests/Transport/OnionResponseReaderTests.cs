using System.Text;
using Wisp.Client.Tests.Support;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;

namespace Wisp.Client.Tests.Transport;

/// <summary>Relay errors are told apart from destination replies, and a reply that does not open is reported, never thrown.</summary>
public sealed class OnionResponseReaderTests : IDisposable
{
    private readonly Ed25519KeyPair _destination = TestNodes.Keys(9);
    private readonly OnionRequest _request;
    private readonly HopKey _destinationKey;

    public OnionResponseReaderTests()
    {
        using var guard = TestNodes.Keys(8);
        // A one-node path: the guard's layer is the only relay layer; the destination's key is what matters here.
        _request = OnionRequestBuilder.ForNode([TestNodes.Node(guard, 1)], TestNodes.Node(_destination, 2), "{}"u8);
        _destinationKey = DestinationKeyOf(_request);
    }

    public void Dispose()
    {
        _request.Dispose();
        _destinationKey.Dispose();
        _destination.Dispose();
    }

    // The texts Session's storage server and Wisp's relay send (Session appends details after the fixed words).
    [Theory]
    [InlineData(400, "Invalid ciphertext", nameof(OnionRelayError.InvalidCiphertext))]
    [InlineData(400, "Invalid onion request", nameof(OnionRelayError.InvalidRequest))]
    [InlineData(400, "Onion request max path length exceeded", nameof(OnionRelayError.TooManyHops))]
    [InlineData(400, "onion request max path length exceeded", nameof(OnionRelayError.TooManyHops))]
    [InlineData(413, "Onion request too large", nameof(OnionRelayError.TooLarge))]
    [InlineData(429, "Too many requests", nameof(OnionRelayError.RateLimited))]
    [InlineData(500, "Internal error", nameof(OnionRelayError.InternalError))]
    [InlineData(502, "Next node not found", nameof(OnionRelayError.NextNodeNotFound))]
    [InlineData(502, "Next node not found: 0123abcd", nameof(OnionRelayError.NextNodeNotFound))]
    [InlineData(502, "Server unreachable", nameof(OnionRelayError.ServerUnreachable))]
    [InlineData(503, "Snode not ready", nameof(OnionRelayError.NotReady))]
    [InlineData(504, "Request time out", nameof(OnionRelayError.TimedOut))]
    [InlineData(418, "I'm a teapot", nameof(OnionRelayError.Other))]
    // The error is named by a string: the enum is internal, and a public test method cannot take it.
    public void APlainStatusFromAHopIsARelayError(int status, string text, string expected)
    {
        var response = OnionResponseReader.Read(status, Encoding.UTF8.GetBytes(text), _request);

        Assert.Equal(OnionResponseKind.RelayError, response.Kind);
        Assert.Equal(Enum.Parse<OnionRelayError>(expected), response.RelayError);
        Assert.Equal(status, response.Status);
        Assert.False(response.IsSuccess);
    }

    [Theory]
    [InlineData(nameof(OnionRelayError.NextNodeNotFound), true)]
    [InlineData(nameof(OnionRelayError.TimedOut), true)]
    [InlineData(nameof(OnionRelayError.NotReady), true)]
    [InlineData(nameof(OnionRelayError.InvalidCiphertext), true)]
    [InlineData(nameof(OnionRelayError.TooLarge), false)]
    [InlineData(nameof(OnionRelayError.TooManyHops), false)]
    [InlineData(nameof(OnionRelayError.InvalidRequest), false)]
    public void OnlyErrorsAnotherPathCouldAvoidArePathFailures(string error, bool pathFailure) =>
        Assert.Equal(pathFailure, Enum.Parse<OnionRelayError>(error).IsPathFailure());

    [Fact]
    public void AnEncryptedErrorFromTheDestinationIsItsReplyNotARelayError()
    {
        var body = Base64(_destinationKey.Encrypt("{\"status\":400,\"body\":\"Invalid json\"}"u8));

        var response = OnionResponseReader.Read(200, body, _request);

        Assert.Equal((OnionResponseKind.Reply, 400), (response.Kind, response.Status));
        Assert.Equal("Invalid json"u8.ToArray(), response.Body);
    }

    [Fact]
    public void AJsonBodyEmbeddedAsAValueIsReturnedAsItsJsonText()
    {
        var body = Base64(_destinationKey.Encrypt("{\"status\":200,\"body\":{\"t\":5,\"hash\":\"x\"}}"u8));

        var response = OnionResponseReader.Read(200, body, _request);

        Assert.Equal("{\"t\":5,\"hash\":\"x\"}", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void ATamperedReplyIsUndecryptable()
    {
        var ciphertext = _destinationKey.Encrypt("{\"status\":200,\"body\":\"\"}"u8);
        ciphertext[^1] ^= 1;

        var response = OnionResponseReader.Read(200, Base64(ciphertext), _request);

        Assert.Equal(OnionResponseKind.Undecryptable, response.Kind);
        Assert.Contains("does not decrypt", response.Problem);
    }

    [Fact]
    public void AReplyThatIsNotBase64IsUndecryptable()
    {
        var response = OnionResponseReader.Read(200, "not base64!"u8, _request);

        Assert.Equal(OnionResponseKind.Undecryptable, response.Kind);
        Assert.Contains("base64", response.Problem);
    }

    [Theory]
    [InlineData("{\"body\":\"no status\"}")]
    [InlineData("{\"status\":\"200\"}")]
    [InlineData("{\"status\":99}")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void APlaintextThatIsNotAReplyIsUndecryptable(string plaintext)
    {
        var response = OnionResponseReader.Read(200, Base64(_destinationKey.Encrypt(Encoding.UTF8.GetBytes(plaintext))), _request);

        Assert.Equal(OnionResponseKind.Undecryptable, response.Kind);
    }

    private static byte[] Base64(byte[] bytes) => Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes));

    /// <summary>Opens the guard's layer, then the destination's, and returns the destination's hop key.</summary>
    private HopKey DestinationKeyOf(OnionRequest request)
    {
        using var guard = TestNodes.Keys(8);
        var outer = Wisp.Protocol.Onion.OnionFrame.Parse(request.Body).Frame;
        var control = Wisp.Protocol.Onion.OnionLayerClassifier.ParseGuardRequest(outer.Json.Span).Value!;
        Assert.True(HopKey.TryForNode(guard, control.EphemeralKey, control.Encryption, out var guardKey));
        using (guardKey)
        {
            Assert.True(guardKey.TryDecrypt(outer.Ciphertext.Span, out var plaintext));
            var inner = Wisp.Protocol.Onion.OnionFrame.Parse(plaintext).Frame;
            var relay = (Wisp.Protocol.Onion.RelayToNodeInstruction)Wisp.Protocol.Onion.OnionLayerClassifier.Classify(inner.Json.Span).Value!;
            Assert.True(HopKey.TryForNode(_destination, relay.EphemeralKey, relay.Encryption, out var key));
            return key;
        }
    }
}
