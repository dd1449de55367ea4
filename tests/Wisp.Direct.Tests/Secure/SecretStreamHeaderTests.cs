using Wisp.Direct.Secure;

namespace Wisp.Direct.Tests.Secure;

public class SecretStreamHeaderTests
{
    [Fact]
    public void NamespacesAreBuiltAsHypercoreCryptoBuildsThem()
    {
        // hypercore-crypto's published values for namespace('hyperswarm/secret-stream', 2) (its test.js); Wisp uses
        // the same construction under its own name.
        Assert.Equal("a931a0155b5c09e6d28628236af83c4b8a6af9af60986edeede9dc5d63192bf7",
            Convert.ToHexStringLower(SecretStreamHeader.Namespace("hyperswarm/secret-stream", 0)));
        Assert.Equal("742c9d833d430af4c48a8705e91631eecf295442bbca18996e597097723b1061",
            Convert.ToHexStringLower(SecretStreamHeader.Namespace("hyperswarm/secret-stream", 1)));
    }

    [Fact]
    public void TheTwoRolesHaveDifferentIdsAndEachIsTheOthersRemote()
    {
        var hash = new byte[64];
        hash[0] = 1;
        var initiator = SecretStreamHeader.StreamId(hash, initiator: true);
        var responder = SecretStreamHeader.StreamId(hash, initiator: false);
        Assert.NotEqual(initiator, responder);
        Assert.True(SecretStreamHeader.IsRemoteId(responder, hash, localIsInitiator: true));
        Assert.False(SecretStreamHeader.IsRemoteId(initiator, hash, localIsInitiator: true)); // a reflected header
        hash[1] = 1;
        Assert.False(SecretStreamHeader.IsRemoteId(responder, hash, localIsInitiator: true)); // another session
    }
}
