using Wisp.Crypto.Ratchet;
using static Wisp.Crypto.Tests.Ratchet.RatchetParties;

namespace Wisp.Crypto.Tests.Ratchet;

public class RatchetSessionTests
{
    [Fact]
    public void TwoHundredMessagesInRandomOrderWithDropsAllOpen()
    {
        using var parties = new RatchetParties();
        var random = new Random(16);
        var toAlice = new List<RatchetWire>();
        var toBob = new List<RatchetWire>();
        var delivered = 0;
        // Bob (the acceptor) speaks first; afterwards either side sends, and the network delivers, drops
        // (one in ten) and reorders what is in flight.
        toAlice.Add(Send(parties.Bob, "hello 0"));
        for (var i = 1; i < 200; i++)
        {
            var aliceSends = parties.Alice.CanSend && random.Next(2) == 0;
            var wire = Send(aliceSends ? parties.Alice : parties.Bob, $"message {i}");
            if (random.Next(10) != 0)
                (aliceSends ? toBob : toAlice).Add(wire);
            if (random.Next(3) == 0)
                delivered += DeliverSome(random, toAlice, parties.Alice) + DeliverSome(random, toBob, parties.Bob);
        }
        delivered += DeliverSome(random, toAlice, parties.Alice, all: true) + DeliverSome(random, toBob, parties.Bob, all: true);
        Assert.InRange(delivered, 160, 190);
    }

    private static int DeliverSome(Random random, List<RatchetWire> inFlight, RatchetSession to, bool all = false)
    {
        var count = all ? inFlight.Count : random.Next(inFlight.Count + 1);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(inFlight.Count);
            var wire = inFlight[pick];
            inFlight.RemoveAt(pick);
            Assert.Equal(wire.Text, ReceiveText(to, wire));
        }
        return count;
    }

    [Fact]
    public void AReplayedMessageIsRefused()
    {
        using var parties = new RatchetParties();
        var first = Send(parties.Bob, "one");
        var second = Send(parties.Bob, "two");
        Assert.Equal("two", ReceiveText(parties.Alice, second));
        Assert.Equal("one", ReceiveText(parties.Alice, first));

        Assert.Equal(RatchetOpenFailure.Replayed, Receive(parties.Alice, second).Failure);
        Assert.Equal(RatchetOpenFailure.Replayed, Receive(parties.Alice, first).Failure);
        Assert.Equal("three", ReceiveText(parties.Alice, Send(parties.Bob, "three")));
    }

    [Fact]
    public void AJumpPastTheSkippedKeyBoundIsRefusedAndTheSessionStillWorks()
    {
        using var parties = new RatchetParties();
        var sent = Enumerable.Range(0, RatchetLimits.MaxSkipPerStep + 2).Select(i => Send(parties.Bob, $"m{i}")).ToList();

        var tooFar = Receive(parties.Alice, sent[^1]);
        Assert.False(tooFar.Succeeded);
        Assert.Equal(RatchetOpenFailure.TooManySkipped, tooFar.Failure);
        // Exactly at the bound is allowed.
        Assert.Equal(sent[^2].Text, ReceiveText(parties.Alice, sent[^2]));
        Assert.Equal(sent[0].Text, ReceiveText(parties.Alice, sent[0]));
        Assert.Equal(sent[^1].Text, ReceiveText(parties.Alice, sent[^1]));
    }

    [Fact]
    public void AnAlteredHeaderIsRefusedAndTheSessionIsUnchanged()
    {
        using var parties = new RatchetParties();
        var wire = Send(parties.Bob, "authentic");
        var before = parties.Alice.Export();
        var altered = (byte[])wire.HeaderBytes.Clone();
        altered[^1] ^= 1;

        Assert.Equal(RatchetOpenFailure.DecryptionFailed, parties.Alice.Open(wire.Header, altered, wire.Ciphertext).Failure);
        Assert.Equal(before, parties.Alice.Export());
        Assert.Equal("authentic", ReceiveText(parties.Alice, wire));
    }

    [Fact]
    public void AOneWayRunOf51MessagesCarriesAKemOfferAndTheReplyMixesIt()
    {
        using var parties = new RatchetParties();
        var run = Enumerable.Range(0, 51).Select(i => Send(parties.Bob, $"one way {i}")).ToList();

        var firstOffer = run.FindIndex(w => w.Header.KemPublicKey is not null);
        Assert.Equal(RatchetLimits.KemIntervalMessages - 1, firstOffer);
        Assert.All(run.Skip(firstOffer), w => Assert.Equal(run[firstOffer].Header.KemPublicKey, w.Header.KemPublicKey));
        foreach (var wire in run)
            Assert.Equal(wire.Text, ReceiveText(parties.Alice, wire));
        Assert.True(parties.Bob.HasPendingKemOffer);

        var reply = Send(parties.Alice, "reply");
        Assert.NotNull(reply.Header.KemCiphertext);
        Assert.Equal("reply", ReceiveText(parties.Bob, reply));
        Assert.False(parties.Bob.HasPendingKemOffer);
        Assert.Equal(0, parties.Bob.SentSinceKem);
        Assert.Null(Send(parties.Bob, "after").Header.KemPublicKey);
    }

    [Fact]
    public void AStolenStateReadsTheNextMessageButNothingAfterTheNextDhAndKemRoundTrip()
    {
        using var parties = new RatchetParties();
        ReceiveText(parties.Alice, Send(parties.Bob, "start"));
        for (var i = 1; i <= 10; i++)
            ReceiveText(parties.Bob, Send(parties.Alice, $"alice {i}"));
        using var thief = RatchetSession.Import(parties.Alice.Export());

        // Message 11 is on a chain the stolen state already holds.
        var eleven = Send(parties.Bob, "bob 11");
        Assert.Equal("bob 11", ReceiveText(thief, eleven));
        Assert.Equal("bob 11", ReceiveText(parties.Alice, eleven));

        // Round trips until Alice's KEM offer has been answered and mixed, then one more DH round trip.
        var kemMixed = false;
        for (var round = 0; round < 3 * RatchetLimits.KemIntervalMessages && !kemMixed; round++)
        {
            ReceiveText(parties.Bob, Send(parties.Alice, $"alice round {round}"));
            var answer = Send(parties.Bob, $"bob round {round}");
            kemMixed = answer.Header.KemCiphertext is not null;
            ReceiveText(parties.Alice, answer);
            Receive(thief, answer); // a passive thief sees all of Bob's traffic
        }
        Assert.True(kemMixed);
        Assert.False(parties.Alice.HasPendingKemOffer);
        ReceiveText(parties.Bob, Send(parties.Alice, "alice after kem"));
        var healed = Send(parties.Bob, "bob after the round trip");

        var stolen = Receive(thief, healed);
        Assert.False(stolen.Succeeded);
        Assert.Null(stolen.Plaintext);
        Assert.Equal("bob after the round trip", ReceiveText(parties.Alice, healed));
    }

    [Fact]
    public void ASessionSurvivesExportAndImportWithSkippedKeysAndAPendingOffer()
    {
        using var parties = new RatchetParties();
        var run = Enumerable.Range(0, RatchetLimits.KemIntervalMessages + 2).Select(i => Send(parties.Bob, $"m{i}")).ToList();
        ReceiveText(parties.Alice, run[^1]); // leaves the rest as skipped keys

        var aliceBytes = parties.Alice.Export();
        var bobBytes = parties.Bob.Export();
        using var alice = RatchetSession.Import(aliceBytes);
        using var bob = RatchetSession.Import(bobBytes);
        Assert.Equal(aliceBytes, alice.Export());
        Assert.Equal(bobBytes, bob.Export());
        Assert.True(bob.HasPendingKemOffer);

        Assert.Equal("m3", ReceiveText(alice, run[3]));
        var reply = Send(alice, "reply");
        Assert.NotNull(reply.Header.KemCiphertext);
        Assert.Equal("reply", ReceiveText(bob, reply));
        Assert.Equal("on", ReceiveText(alice, Send(bob, "on")));
    }

    [Fact]
    public void ImportRefusesTruncatedState()
    {
        using var parties = new RatchetParties();
        var bytes = parties.Bob.Export();
        Assert.Throws<FormatException>(() => RatchetSession.Import(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => RatchetSession.Import([]));
    }

    [Fact]
    public void TheOpenerCannotSendBeforeItsFirstReceive()
    {
        using var parties = new RatchetParties();
        Assert.False(parties.Alice.CanSend);
        Assert.True(parties.Bob.CanSend);
        Assert.Throws<InvalidOperationException>(() => Send(parties.Alice, "too early"));
        ReceiveText(parties.Alice, Send(parties.Bob, "hi"));
        Assert.True(parties.Alice.CanSend);
    }

    [Fact]
    public void AcceptRefusesALowOrderHelloKeyAndAnInvalidKemKey()
    {
        using var hello = RatchetHello.Generate();
        var zero = new Wisp.Crypto.Keys.X25519PublicKey(new byte[32]);
        Assert.False(RatchetSession.TryAccept(zero, hello.KemPublicKey, AssociatedData, out _, out _, out _));
        Assert.False(RatchetSession.TryAccept(hello.X25519PublicKey, new byte[100], AssociatedData, out _, out _, out _));
    }

    [Fact]
    public void DifferentAssociatedDataCannotTalk()
    {
        using var hello = RatchetHello.Generate();
        Assert.True(RatchetSession.TryAccept(hello.X25519PublicKey, hello.KemPublicKey, AssociatedData, out var bob, out var x, out var ct));
        Assert.True(RatchetSession.TryComplete(hello, x, ct, "someone else"u8, out var alice));
        using (bob)
        using (alice)
            Assert.Equal(RatchetOpenFailure.DecryptionFailed, Receive(alice, Send(bob, "hi")).Failure);
    }
}
