using System.Text;
using Wisp.Protocol.Push;
using Wisp.Protocol.Storage;

namespace Wisp.Push.Tests.Protocol;

/// <summary>The notification plaintext is byte for byte what SPNS's <c>encrypt_notify_payload</c> builds; the signed strings are SPNS's.</summary>
public sealed class NotificationPayloadTests
{
    private const string Account = "05" + "ab" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

    [Fact]
    public void Plaintext_IsSpnsBencodedListOfPythonJsonAndData_PaddedTo256()
    {
        var content = NotificationContent.For(Account, "somehash", -10, 1_700_000_000_123, 1_700_000_600_000, wantData: true, [0x41, 0x42]);

        var plaintext = NotificationPayload.Plaintext(content);

        // json.dumps with Python's default separators, then bt_serialize([json, body]).
        var json = "{\"@\": \"" + Account + "\", \"#\": \"somehash\", \"n\": -10, \"t\": 1700000000123, \"z\": 1700000600000, \"l\": 2}";
        var expected = Encoding.ASCII.GetBytes($"l{json.Length}:{json}2:ABe");
        Assert.Equal(256, plaintext.Length);
        Assert.Equal(expected, plaintext[..expected.Length]);
        Assert.All(plaintext[expected.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void WithoutData_TheListHasOnlyTheMetadata_WithNeitherLNorB()
    {
        var content = NotificationContent.For(Account, "h", 0, 1, 2, wantData: false, [1, 2, 3]);

        Assert.Equal("{\"@\": \"" + Account + "\", \"#\": \"h\", \"n\": 0, \"t\": 1, \"z\": 2}", NotificationPayload.MetadataJson(content));
        Assert.Null(content.Data);
    }

    [Fact]
    public void SealThenOpen_RoundTrips_AndATamperedByteFails()
    {
        var key = Wisp.Crypto.RandomBytes.Get(32);
        var content = NotificationContent.For(Account, "h", 5, 1, 2, wantData: true, [9]);
        var sealedBytes = NotificationPayload.Seal(key, new byte[NotificationPayload.NonceBytes], content);

        Assert.True(NotificationPayload.TryOpen(key, sealedBytes, out var opened));
        Assert.Equal(content with { Data = null }, opened with { Data = null });
        sealedBytes[^1] ^= 1;
        Assert.False(NotificationPayload.TryOpen(key, sealedBytes, out _));
    }

    [Fact]
    public void SignedStrings_AreSpnsMonitorAndUnsubscribe()
    {
        Assert.True(StoragePubkey.TryParse(Account, out var pubkey, out _));

        Assert.Equal("MONITOR" + Account + "16775207601-400,0,1,2,17", Encoding.ASCII.GetString(PushSigning.Monitor(pubkey, 1677520760, true, [-400, 0, 1, 2, 17])));
        Assert.Equal("UNSUBSCRIBE" + Account + "1677520760", Encoding.ASCII.GetString(PushSigning.Unsubscribe(pubkey, 1677520760)));
    }
}
