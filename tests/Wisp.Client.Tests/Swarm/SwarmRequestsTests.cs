using System.Text.Json;
using Wisp.Client.Swarm;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Tests.Swarm;

/// <summary>The client's request bodies parse with the protocol's own request records, and their signatures verify.</summary>
public sealed class SwarmRequestsTests : IDisposable
{
    private const long Now = 1_760_000_000_000;
    private readonly Ed25519KeyPair _account = TestNodes.Keys(100);
    private StoragePubkey Pubkey => StoragePubkey.FromBytes(_account.AccountId.Bytes);

    public void Dispose() => _account.Dispose();

    [Fact]
    public void ASignedStoreParsesAndItsSignatureIsTheOwners()
    {
        var body = SwarmRequests.Store(Pubkey, 2, "hello"u8, Now, 60_000, _account);

        var request = Parse(body, StoreRequest.Method, StoreRequest.Parse);

        Assert.Equal((Pubkey, 2, Now, Now + 60_000, Now), (request.Pubkey, request.Namespace, request.TimestampMs, request.ExpiryMs, request.SignatureTimestampMs));
        Assert.Equal("hello"u8.ToArray(), request.Data);
        Assert.Equal(_account.PublicKey, request.Signature!.PubkeyEd25519);
        Assert.True(Ed25519.Verify(_account.PublicKey, SignatureStrings.Store(2, Now), request.Signature.Signature));
    }

    [Fact]
    public void AnUnsignedStoreToAPublicInboxCarriesNoSignature()
    {
        var request = Parse(SwarmRequests.Store(Pubkey, 0, "x"u8, Now, 10_000, signer: null), StoreRequest.Method, StoreRequest.Parse);

        Assert.Null(request.Signature);
    }

    [Fact]
    public void ARetrieveParsesAndItsSignatureIsTheOwners()
    {
        var lastHash = MessageHash.Compute(Pubkey, 0, "x"u8);
        var request = Parse(SwarmRequests.Retrieve(_account, 0, lastHash, 10, Now), RetrieveRequest.Method, RetrieveRequest.Parse);

        Assert.Equal((Pubkey, 0, lastHash, (int?)10, (long?)Now), (request.Pubkey, request.Namespace, request.LastHash, request.MaxCount, request.TimestampMs));
        Assert.True(Ed25519.Verify(_account.PublicKey, SignatureStrings.Retrieve(0, Now), request.Signature!.Signature));
    }

    [Fact]
    public void AWaitingRetrieveCarriesTheWispExtensionAndAPlainOneDoesNot()
    {
        var waiting = Parse(SwarmRequests.Retrieve(_account, 0, null, null, Now, waitMs: 15_000), RetrieveRequest.Method, RetrieveRequest.Parse);
        var plain = System.Text.Encoding.UTF8.GetString(SwarmRequests.Retrieve(_account, 0, null, null, Now));

        Assert.Equal(15_000, waiting.WispWaitMs);
        Assert.DoesNotContain("wisp_wait_ms", plain);
    }

    [Fact]
    public void ADeleteParsesAndSignsTheHashesInOrder()
    {
        string[] hashes = [MessageHash.Compute(Pubkey, 0, "b"u8), MessageHash.Compute(Pubkey, 0, "a"u8)];
        var request = Parse(SwarmRequests.Delete(_account, hashes), DeleteRequest.Method, DeleteRequest.Parse);

        Assert.Equal(hashes, request.Messages);
        Assert.True(Ed25519.Verify(_account.PublicKey, SignatureStrings.Delete(hashes), request.Signature.Signature));
    }

    [Fact]
    public void GetSwarmNamesTheAddress()
    {
        var request = Parse(SwarmRequests.GetSwarm(Pubkey), GetSwarmRequest.Method, GetSwarmRequest.Parse);

        Assert.Equal(Pubkey, request.Pubkey);
    }

    [Fact]
    public void InfoHasNoParameters()
    {
        Parse(SwarmRequests.Info(), InfoRequest.Method, InfoRequest.Parse);

        Assert.Equal("{\"method\":\"info\",\"params\":{}}", System.Text.Encoding.UTF8.GetString(SwarmRequests.Info()));
    }

    [Fact]
    public void WhatARequestRecordWritesItsParserReadsBack()
    {
        string[] hashes = [MessageHash.Compute(Pubkey, 0, "a"u8)];
        var token = SubaccountToken.Create(0x05, SubaccountAccess.Read, _account.PublicKey.Span);
        var signature = new RequestSignature(Ed25519.Sign(_account, SignatureStrings.Retrieve(3, Now)), _account.PublicKey)
        {
            Subaccount = new SignedSubaccount(token, Ed25519.Sign(_account, token.Bytes)),
        };
        var retrieve = new RetrieveRequest(Pubkey, 3, hashes[0], 7, -4, signature, Now) { WispWaitMs = 1_000 };
        var delete = new DeleteRequest(Pubkey, hashes, Required: true, signature);

        var retrieved = Parse(retrieve.ToBody(), RetrieveRequest.Method, RetrieveRequest.Parse);
        var deleted = Parse(delete.ToBody(), DeleteRequest.Method, DeleteRequest.Parse);

        Assert.Equal((retrieve.LastHash, retrieve.MaxCount, retrieve.MaxSize, retrieve.WispWaitMs),
            (retrieved.LastHash, retrieved.MaxCount, retrieved.MaxSize, retrieved.WispWaitMs));
        Assert.Equal(signature.Signature, retrieved.Signature!.Signature);
        Assert.Equal(token, retrieved.Signature.Subaccount!.Token);
        Assert.Equal(signature.Subaccount.Signature, retrieved.Signature.Subaccount.Signature);
        Assert.True(deleted.Required);
    }

    [Fact]
    public void AStoreToAGroupIsSignedByItsOwnKeyWithNoEd25519Field()
    {
        Assert.True(StoragePubkey.TryParse("03" + _account.PublicKey.ToHex(), out var group, out _));

        var request = Parse(SwarmRequests.Store(group, 11, "x"u8, Now, 10_000, _account), StoreRequest.Method, StoreRequest.Parse);

        Assert.Null(request.Signature!.PubkeyEd25519);
        Assert.True(Ed25519.Verify(_account.PublicKey, SignatureStrings.Store(11, Now), request.Signature.Signature));
    }

    private static T Parse<T>(byte[] body, string method, Func<JsonElement, ParseResult<T>> parse) where T : class
    {
        Assert.True(RpcEnvelope.TryParse(body, out var envelope, out var error), error?.Message);
        using (envelope)
        {
            Assert.Equal(method, envelope!.Method);
            var parsed = parse(envelope.Params);
            Assert.True(parsed.IsOk, parsed.Error?.Message);
            return parsed.Value!;
        }
    }
}
