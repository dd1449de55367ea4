using System.Text;
using Wisp.Client.Conversations;
using Wisp.Client.Keys;
using Wisp.Client.LocalData;
using Wisp.Client.Ratchet;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Ratchet;
using Wisp.Protocol.V2;

namespace Wisp.Client.Tests.Ratchet;

public sealed class RatchetLayerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-ratchet-").FullName;
    private readonly List<IDisposable> _open = [];

    public void Dispose()
    {
        foreach (var item in _open)
            item.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One account: its identity, its v2 account key, and the layer it would run (the ratchet, or plain v2 as Session).</summary>
    private sealed record Party(Ed25519KeyPair Identity, AccountKey AccountKey, IV2ContentLayer Layer, RatchetSessionStore? Store)
    {
        public AccountId Id => Identity.AccountId;
    }

    private sealed record Delivery(V2Inner Sent, V2OpenResult Wire, V2Unlayered Opened);

    private Party Wisp(string name, Ed25519KeyPair? identity = null, AccountKey? accountKey = null, DataKey? dataKey = null, Func<bool>? enabled = null)
    {
        identity ??= Ed25519KeyPair.Generate();
        var database = ClientDatabase.Open(Path.Combine(_directory, name + ".db"));
        _open.Add(database);
        var store = new RatchetSessionStore(new LocalStore(database, dataKey ?? DataKey.Generate()), () => 0);
        return new Party(identity, accountKey ?? AccountKey.Generate(), new RatchetLayer(store, identity.AccountId, enabled ?? (() => true)), store);
    }

    private static Party Session() => new(Ed25519KeyPair.Generate(), AccountKey.Generate(), PlainV2Layer.Instance, null);

    /// <summary>What the Sender and MessageOpener do around the layer: v2 seal, v2 open, then the layer's open.</summary>
    private static Delivery Send(Party from, Party to, string text)
    {
        var inner = from.Layer.Seal(to.Id, Encoding.UTF8.GetBytes(text));
        var wire = DirectMessageV2.Seal(from.Identity, to.Id, to.AccountKey.ToBundle(), inner.C, inner.Extra.Count == 0 ? null : inner.Extra);
        var opened = DirectMessageV2.Open(to.Identity, [to.AccountKey], wire);
        Assert.True(opened.Succeeded, opened.Failure?.ToString());
        return new Delivery(inner, opened, to.Layer.Open(from.Id, opened.Content, opened.Extra));
    }

    private static void AssertText(string text, Delivery delivery)
    {
        Assert.Null(delivery.Opened.Failure);
        Assert.Equal(text, Encoding.UTF8.GetString(delivery.Opened.Content!));
    }

    private static bool Ratcheted(Delivery d) => d.Wire.Extra.ContainsKey(RatchetInnerKeys.Message);

    [Fact]
    public void TwoWispClientsSealWithTheRatchetAfterOneRoundTrip()
    {
        var alice = Wisp("alice");
        var bob = Wisp("bob");

        var first = Send(alice, bob, "hello bob");
        Assert.True(first.Wire.Extra.ContainsKey(RatchetInnerKeys.Negotiation));
        Assert.False(Ratcheted(first));
        Assert.Equal("hello bob", Encoding.UTF8.GetString(first.Wire.Content!));
        AssertText("hello bob", first);

        var reply = Send(bob, alice, "hi alice");
        Assert.True(Ratcheted(reply));
        Assert.Empty(reply.Wire.Content!); // "c" carries nothing: the text is only in the ratchet ciphertext
        Assert.True(reply.Wire.Extra.ContainsKey(RatchetInnerKeys.Negotiation)); // the accept
        AssertText("hi alice", reply);

        for (var i = 0; i < 3; i++)
        {
            var there = Send(alice, bob, $"alice {i}");
            Assert.True(Ratcheted(there));
            Assert.False(there.Wire.Extra.ContainsKey(RatchetInnerKeys.Negotiation));
            AssertText($"alice {i}", there);
            var back = Send(bob, alice, $"bob {i}");
            Assert.False(back.Wire.Extra.ContainsKey(RatchetInnerKeys.Negotiation)); // alice's ratchet message retired the accept
            AssertText($"bob {i}", back);
        }
        Assert.Equal((3L, 4L, true), alice.Store!.Counts(bob.Id));
        Assert.Equal((4L, 3L, true), bob.Store!.Counts(alice.Id));
    }

    [Fact]
    public void APeerWithoutTheCapabilityNeverReceivesRatchetContent()
    {
        var alice = Wisp("alice");
        var carol = Session();

        for (var i = 0; i < 3; i++)
        {
            var there = Send(alice, carol, $"to carol {i}");
            Assert.False(Ratcheted(there));
            Assert.Equal($"to carol {i}", Encoding.UTF8.GetString(there.Wire.Content!));
            AssertText($"to carol {i}", there);
            AssertText($"from carol {i}", Send(carol, alice, $"from carol {i}"));
        }
        Assert.Equal((0L, 0L, false), alice.Store!.Counts(carol.Id));
    }

    [Fact]
    public void CrossedHellosSettleOnOneSession()
    {
        // Both seal a hello for the other before either sees one.
        var carol = Wisp("carol");
        var dave = Wisp("dave");
        var c0 = carol.Layer.Seal(dave.Id, "c0"u8.ToArray());
        var d0 = dave.Layer.Seal(carol.Id, "d0"u8.ToArray());
        Assert.True(c0.Extra.ContainsKey(RatchetInnerKeys.Negotiation) && d0.Extra.ContainsKey(RatchetInnerKeys.Negotiation));
        Assert.Equal("c0", Encoding.UTF8.GetString(dave.Layer.Open(carol.Id, c0.C, c0.Extra).Content!));
        Assert.Equal("d0", Encoding.UTF8.GetString(carol.Layer.Open(dave.Id, d0.C, d0.Extra).Content!));

        var ratcheted = 0;
        for (var i = 0; i < 4; i++)
        {
            var there = Send(carol, dave, $"c{i + 1}");
            AssertText($"c{i + 1}", there);
            var back = Send(dave, carol, $"d{i + 1}");
            AssertText($"d{i + 1}", back);
            ratcheted += (Ratcheted(there) ? 1 : 0) + (Ratcheted(back) ? 1 : 0);
        }
        Assert.True(ratcheted >= 6, $"only {ratcheted} of 8 messages were ratchet-sealed");
        Assert.True(carol.Store!.Counts(dave.Id).Established && dave.Store!.Counts(carol.Id).Established);
    }

    [Fact]
    public void AReplayedMessageIsDroppedWithTheReason()
    {
        var alice = Wisp("alice");
        var bob = Wisp("bob");
        AssertText("hello", Send(alice, bob, "hello"));
        var inner = bob.Layer.Seal(alice.Id, "once"u8.ToArray());
        var wire = DirectMessageV2.Seal(bob.Identity, alice.Id, alice.AccountKey.ToBundle(), inner.C, inner.Extra);
        var opened = DirectMessageV2.Open(alice.Identity, [alice.AccountKey], wire);

        Assert.Equal("once", Encoding.UTF8.GetString(alice.Layer.Open(bob.Id, opened.Content!, opened.Extra).Content!));
        var again = alice.Layer.Open(bob.Id, opened.Content!, opened.Extra);
        Assert.Null(again.Content);
        Assert.Contains("Replayed", again.Failure);
    }

    [Fact]
    public void SessionsSurviveReopeningTheDatabaseAndAreStoredEncrypted()
    {
        var key = DataKey.Generate();
        var alice = Wisp("alice", dataKey: key);
        var bob = Wisp("bob");
        AssertText("one", Send(alice, bob, "one"));
        AssertText("two", Send(bob, alice, "two"));

        var reopened = Wisp("alice", alice.Identity, alice.AccountKey, key);
        var three = Send(reopened, bob, "three");
        Assert.True(Ratcheted(three));
        AssertText("three", three);
        AssertText("four", Send(bob, reopened, "four"));

        using var database = ClientDatabase.Open(Path.Combine(_directory, "alice.db"));
        var other = new LocalStore(database, DataKey.Generate());
        Assert.Throws<InvalidOperationException>(() => new RatchetSessionStore(other, () => 0).Update(bob.Id, row =>
            row.Session is null ? throw new InvalidOperationException("no session under another key") : 0));
    }

    [Fact]
    public void AnAccountWithSeveralDevicesTurnsItsPeersSessionsOffAndGetsPlainV2()
    {
        var devices = 1;
        var alice = Wisp("alice", enabled: () => devices <= 1);
        var bob = Wisp("bob");
        AssertText("one", Send(alice, bob, "one"));
        Assert.True(Ratcheted(Send(bob, alice, "two")));

        devices = 2; // alice links a second device: it could not open ratchet messages
        var off = Send(alice, bob, "three");
        Assert.False(Ratcheted(off));
        Assert.True(RatchetNegotiation.IsOff(off.Wire.Extra[RatchetInnerKeys.Negotiation]));
        AssertText("three", off);
        Assert.False(bob.Store!.Counts(alice.Id).Established);

        var back = Send(bob, alice, "four"); // bob advertises again; alice, with two devices, does not accept
        Assert.False(Ratcheted(back));
        AssertText("four", back);
        Assert.False(Ratcheted(Send(bob, alice, "five")));
    }

    [Fact]
    public void MessagesToTheAccountItselfStayPlain()
    {
        var alice = Wisp("alice");
        for (var i = 0; i < 3; i++)
        {
            var self = Send(alice, alice, $"note {i}");
            Assert.Empty(self.Wire.Extra);
            AssertText($"note {i}", self);
        }
        Assert.Equal((0L, 0L, false), alice.Store!.Counts(alice.Id));
    }
}
